using PartnerCenter.BatchStatus.Testing;

namespace PartnerCenter.BatchStatus.Cli.Demo;

/// <summary>The ids of the batches the demo serves.</summary>
internal static class DemoIds
{
    /// <summary>Gets the customer of the documented sample, and of the demo's moving batch.</summary>
    public static Guid CustomerId => DocumentedSample.CustomerId;

    /// <summary>Gets the batch of the documented sample: finished, its only device failed with error 808.</summary>
    public static Guid DocumentedBatchTrackingId => DocumentedSample.BatchTrackingId;

    /// <summary>The demo's batch that goes from queued to processing to finished_with_errors, one poll at a time.</summary>
    public static readonly Guid MovingBatchTrackingId = Guid.Parse("de30ba7c-0000-4000-8000-000000000808");

    /// <summary>A batch the demo does not know: it answers 404, as Partner Center does for a wrong id.</summary>
    public static readonly Guid UnknownBatchTrackingId = Guid.Parse("de30ba7c-0000-4000-8000-000000000404");

    /// <summary>
    /// Gets the list <c>pcbatch watch --demo</c> reads when given no input, as Location values: the moving batch, the
    /// documented sample and the unknown batch.
    /// </summary>
    public static string WatchList =>
        "# The demo's batches, one Location value a line\n"
        + $"/customers/{CustomerId:D}/batchJobStatus/{MovingBatchTrackingId:D}\n"
        + $"/v1/customers/{CustomerId:D}/batchJobStatus/{DocumentedBatchTrackingId:D}\n"
        + $"{CustomerId:D},{UnknownBatchTrackingId:D}\n";
}
