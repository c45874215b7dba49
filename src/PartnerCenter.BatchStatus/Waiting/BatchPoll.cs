namespace PartnerCenter.BatchStatus;

/// <summary>One successful poll of one of many batches, for progress (<see cref="BatchStatusClientWaitExtensions.WaitForAllAsync"/>).</summary>
public sealed class BatchPoll
{
    internal BatchPoll(BatchTrackingLocation batch, BatchUploadDetails details, int poll)
    {
        Batch = batch;
        Details = details;
        Poll = poll;
    }

    /// <summary>Gets the batch.</summary>
    public BatchTrackingLocation Batch { get; }

    /// <summary>Gets what the poll returned.</summary>
    public BatchUploadDetails Details { get; }

    /// <summary>Gets the number of this batch's successful polls so far, from 1.</summary>
    public int Poll { get; }
}
