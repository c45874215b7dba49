namespace PartnerCenter.BatchStatus;

/// <summary>How the wait for one of many batches ended (<see cref="BatchStatusClientWaitExtensions.WaitForAllAsync"/>).</summary>
public sealed class BatchWaitResult
{
    internal BatchWaitResult()
    {
    }

    /// <summary>Gets the batch.</summary>
    public BatchTrackingLocation Batch { get; internal init; }

    /// <summary>
    /// Gets the batch's final details when it finished; after a failure, the last details seen, or <see langword="null"/>
    /// when no poll succeeded.
    /// </summary>
    public BatchUploadDetails? Details { get; internal init; }

    /// <summary>
    /// Gets what ended this batch's wait when it did not finish: a <see cref="PartnerCenterApiException"/> (such as 404
    /// for an unknown batch), a <see cref="BatchWaitTimeoutException"/>, or any other exception of the client; otherwise
    /// <see langword="null"/>.
    /// </summary>
    public Exception? Exception { get; internal init; }

    /// <summary>Gets a value indicating whether the batch finished (<see cref="Details"/> holds its final details).</summary>
    public bool Completed => Exception is null;

    /// <summary>Gets the number of polls made for this batch.</summary>
    public int Polls { get; internal init; }

    /// <summary>Gets how long this batch's wait took.</summary>
    public TimeSpan Elapsed { get; internal init; }

    /// <summary>Gets the <c>MS-CorrelationId</c> every poll of this batch sent.</summary>
    public Guid CorrelationId { get; internal init; }
}
