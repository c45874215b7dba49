namespace PartnerCenter.BatchStatus.Tests.Support;

/// <summary>
/// A mock <see cref="IBatchStatusClient"/> that answers each poll from a script (the last step repeats) and
/// records when each poll came, by the fake clock, and which correlation id was current.
/// </summary>
internal sealed class ScriptedBatchStatusClient(RecordingClock time, params Func<CancellationToken, Task<BatchUploadDetails>>[] script) : IBatchStatusClient
{
    private readonly List<Poll> _polls = [];

    public IReadOnlyList<Poll> Polls => _polls;

    /// <summary>Gets when each poll came, counted from the start of the fake clock.</summary>
    public IReadOnlyList<TimeSpan> PollTimes => _polls.Select(poll => poll.At).ToArray();

    public static Func<CancellationToken, Task<BatchUploadDetails>> Answer(BatchUploadDetails details) => _ => Task.FromResult(details);

    public static Func<CancellationToken, Task<BatchUploadDetails>> Fail(Exception exception) => _ => Task.FromException<BatchUploadDetails>(exception);

    public Task<BatchUploadDetails> GetBatchJobStatusAsync(Guid customerId, Guid batchTrackingId, CancellationToken cancellationToken = default)
    {
        _polls.Add(new Poll(time.Elapsed, PartnerCenterCorrelation.Current, customerId, batchTrackingId));
        var step = script[Math.Min(_polls.Count, script.Length) - 1];
        return step(cancellationToken);
    }

    public sealed record Poll(TimeSpan At, Guid? CorrelationId, Guid CustomerId, Guid BatchTrackingId);
}
