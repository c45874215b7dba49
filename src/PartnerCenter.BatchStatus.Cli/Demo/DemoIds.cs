namespace PartnerCenter.BatchStatus.Cli.Demo;

/// <summary>The ids of the batches the demo serves.</summary>
internal static class DemoIds
{
    /// <summary>The customer of the documented sample, and of the demo's moving batch.</summary>
    public static readonly Guid CustomerId = Guid.Parse("47021739-3426-40bf-9601-61b4b6d7c793");

    /// <summary>The batch of the documented sample: finished, its only device failed with error 808.</summary>
    public static readonly Guid DocumentedBatchTrackingId = Guid.Parse("0127ed8e-ff72-4983-a3d8-e8d8bd378932");

    /// <summary>The demo's batch that goes from queued to processing to finished_with_errors, one poll at a time.</summary>
    public static readonly Guid MovingBatchTrackingId = Guid.Parse("de30ba7c-0000-4000-8000-000000000808");
}
