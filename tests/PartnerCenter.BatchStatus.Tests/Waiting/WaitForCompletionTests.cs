using PartnerCenter.BatchStatus.Tests.Support;
using static PartnerCenter.BatchStatus.Tests.Support.BatchDetailsFactory;
using static PartnerCenter.BatchStatus.Tests.Support.ScriptedBatchStatusClient;

namespace PartnerCenter.BatchStatus.Tests.Waiting;

/// <summary>The wait's own behaviour, against a mock client and a fake clock.</summary>
public sealed class WaitForCompletionTests
{
    private readonly RecordingClock _time = new();

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(6)]
    [InlineData(9)]
    public async Task WaitForCompletionAsync_FinishesAfterKPolls_ReturnsAfterExactlyKPolls(int k)
    {
        var answers = Enumerable.Range(1, k).Select(poll => Batch(poll < k ? "processing" : "finished")).ToArray();
        var client = new ScriptedBatchStatusClient(_time, answers.Select(Answer).ToArray());

        var result = await _time.RunAsync(Wait(client));

        Assert.Same(answers[^1], result);
        Assert.Equal(k, client.Polls.Count);

        // The default schedule: at once, then pauses of 5, 10, 20, 40 s and then one minute.
        Assert.Equal(Seconds(0, 5, 15, 35, 75, 135, 195, 255, 315).Take(k), client.PollTimes);
        Assert.All(client.Polls, poll => Assert.Equal((DocumentedIds.CustomerId, DocumentedIds.BatchTrackingId), (poll.CustomerId, poll.BatchTrackingId)));
    }

    [Fact]
    public async Task WaitForCompletionAsync_TenMinuteBatch_CostsFewerPollsThanAFixedFiveSecondPoll()
    {
        var withDefaults = await PollsUntilDone(new BatchWaitOptions(), TimeSpan.FromMinutes(10));
        var everyFiveSeconds = await PollsUntilDone(new BatchWaitOptions { BackoffFactor = 1, MaxInterval = TimeSpan.FromSeconds(5) }, TimeSpan.FromMinutes(10));

        // The numbers BatchWaitOptions documents.
        Assert.Equal(14, withDefaults);
        Assert.Equal(121, everyFiveSeconds);
    }

    [Fact]
    public async Task WaitForCompletionAsync_RetryAfterOnAPoll_WaitsThatLongInsteadOfTheSchedule()
    {
        var client = new ScriptedBatchStatusClient(
            _time,
            Answer(Batch("processing", retryAfter: TimeSpan.FromSeconds(45))),
            Answer(Batch("processing")),
            Answer(Batch("finished")));

        await _time.RunAsync(Wait(client));

        // 45 s instead of 5 s; then the schedule goes on (10 s).
        Assert.Equal(Seconds(0, 45, 55), client.PollTimes);
    }

    [Fact]
    public async Task WaitForCompletionAsync_RetryAfterShorterThanTheSchedule_KeepsTheSchedule()
    {
        var client = new ScriptedBatchStatusClient(
            _time,
            Answer(Batch("queued", retryAfter: TimeSpan.FromSeconds(1))),
            Answer(Batch("finished")));

        await _time.RunAsync(Wait(client));

        Assert.Equal(Seconds(0, 5), client.PollTimes);
    }

    [Fact]
    public async Task WaitForCompletionAsync_ThrottledPoll_PollsAgainAfterRetryAfter()
    {
        var client = new ScriptedBatchStatusClient(
            _time,
            Fail(Throttled(TimeSpan.FromSeconds(30))),
            Answer(Batch("processing")),
            Answer(Batch("finished")));
        var progress = new RecordingProgress<BatchUploadDetails>();

        var result = await _time.RunAsync(Wait(client, progress: progress));

        Assert.Equal("finished", result.Status);
        Assert.Equal(Seconds(0, 30, 40), client.PollTimes);
        Assert.Equal(["processing", "finished"], progress.Reports.Select(details => details.Status));
    }

    [Fact]
    public async Task WaitForCompletionAsync_ThrottledWithoutRetryAfter_FollowsTheSchedule()
    {
        var client = new ScriptedBatchStatusClient(
            _time,
            Fail(Throttled(null)),
            Fail(Throttled(null)),
            Answer(Batch("finished")));

        await _time.RunAsync(Wait(client));

        Assert.Equal(Seconds(0, 5, 15), client.PollTimes);
    }

    [Theory]
    [InlineData(401)]
    [InlineData(404)]
    [InlineData(500)]
    [InlineData(503)]
    public async Task WaitForCompletionAsync_OtherApiError_PropagatesUnchanged(int status)
    {
        var error = new PartnerCenterApiException("Failed.", status, null, null, null);
        var client = new ScriptedBatchStatusClient(_time, Answer(Batch("processing")), Fail(error));

        var thrown = await Assert.ThrowsAsync<PartnerCenterApiException>(() => _time.RunAsync(Wait(client)));

        Assert.Same(error, thrown);
        Assert.Equal(2, client.Polls.Count);
    }

    [Fact]
    public async Task WaitForCompletionAsync_TransportError_PropagatesUnchanged()
    {
        var error = new HttpRequestException("Connection refused.");
        var client = new ScriptedBatchStatusClient(_time, Fail(error));

        var thrown = await Assert.ThrowsAsync<HttpRequestException>(() => _time.RunAsync(Wait(client)));

        Assert.Same(error, thrown);
        Assert.Single(client.Polls);
    }

    [Fact]
    public async Task WaitForCompletionAsync_NeverFinishes_ThrowsTimeoutWithTheLastDetails()
    {
        var answers = Enumerable.Range(0, 5).Select(_ => Batch("processing")).ToArray();
        var client = new ScriptedBatchStatusClient(_time, answers.Select(Answer).ToArray());
        var correlationId = Guid.NewGuid();
        using var scope = PartnerCenterCorrelation.BeginScope(correlationId);

        var timeout = await Assert.ThrowsAsync<BatchWaitTimeoutException>(() => _time.RunAsync(
            Wait(client, new BatchWaitOptions { MaxTotalWait = TimeSpan.FromMinutes(1) })));

        // The pause after 35 s would end after the limit: one last poll is made at the limit.
        Assert.Equal(Seconds(0, 5, 15, 35, 60), client.PollTimes);
        Assert.Same(answers[4], timeout.LastDetails);
        Assert.Equal(5, timeout.Polls);
        Assert.Equal(TimeSpan.FromMinutes(1), timeout.Elapsed);
        Assert.Equal(TimeSpan.FromMinutes(1), timeout.Limit);
        Assert.Equal(correlationId, timeout.CorrelationId);
        Assert.Equal(DocumentedIds.BatchTrackingId, timeout.BatchTrackingId);
        Assert.IsAssignableFrom<TimeoutException>(timeout);
        Assert.Contains("'processing'", timeout.Message, StringComparison.Ordinal);
        Assert.Contains(correlationId.ToString(), timeout.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WaitForCompletionAsync_RetryAfterBeyondTheLimit_ThrowsTimeoutAtOnce()
    {
        var last = Batch("processing", retryAfter: TimeSpan.FromMinutes(10));
        var client = new ScriptedBatchStatusClient(_time, Answer(last));

        var timeout = await Assert.ThrowsAsync<BatchWaitTimeoutException>(() => _time.RunAsync(
            Wait(client, new BatchWaitOptions { MaxTotalWait = TimeSpan.FromMinutes(1) })));

        Assert.Single(client.Polls);
        Assert.Same(last, timeout.LastDetails);
        Assert.Equal(TimeSpan.Zero, timeout.Elapsed);
        Assert.Contains("asked to wait 600 s", timeout.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WaitForCompletionAsync_OnlyThrottledPolls_TimeoutHasNoDetails()
    {
        var client = new ScriptedBatchStatusClient(_time, Fail(Throttled(TimeSpan.FromSeconds(20))));

        var timeout = await Assert.ThrowsAsync<BatchWaitTimeoutException>(() => _time.RunAsync(
            Wait(client, new BatchWaitOptions { MaxTotalWait = TimeSpan.FromMinutes(1) })));

        Assert.Null(timeout.LastDetails);
        Assert.Equal(Seconds(0, 20, 40, 60), client.PollTimes);
        Assert.Contains("no poll succeeded", timeout.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WaitForCompletionAsync_InfiniteMaxTotalWait_WaitsPastTheDefaultLimit()
    {
        var client = new ScriptedBatchStatusClient(_time, _ => Task.FromResult(Batch(_time.Elapsed >= TimeSpan.FromHours(2) ? "finished" : "processing")));

        var result = await _time.RunAsync(Wait(client, new BatchWaitOptions { MaxTotalWait = Timeout.InfiniteTimeSpan }), maxSteps: 200);

        Assert.Equal("finished", result.Status);
        Assert.True(_time.Elapsed >= TimeSpan.FromHours(2), $"Finished after {_time.Elapsed}.");
    }

    [Fact]
    public async Task WaitForCompletionAsync_CancelledDuringAPause_EndsWithoutAdvancingTime()
    {
        var client = new ScriptedBatchStatusClient(_time, Answer(Batch("processing")));
        using var cancellation = new CancellationTokenSource();

        var wait = Wait(client, cancellationToken: cancellation.Token);
        Assert.Equal(TimeSpan.FromSeconds(5), await _time.NextTimerAsync());
        await cancellation.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => wait.WaitAsync(TimeSpan.FromSeconds(30)));
        Assert.Equal(TimeSpan.Zero, _time.Elapsed);
        Assert.Single(client.Polls);
    }

    [Fact]
    public async Task WaitForCompletionAsync_CancelledDuringAPoll_EndsThePoll()
    {
        var client = new ScriptedBatchStatusClient(_time, async token =>
        {
            await Task.Delay(Timeout.Infinite, token);
            return Batch("finished");
        });
        using var cancellation = new CancellationTokenSource();

        var wait = Wait(client, cancellationToken: cancellation.Token);
        await cancellation.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => wait.WaitAsync(TimeSpan.FromSeconds(30)));
        Assert.Single(client.Polls);
    }

    [Fact]
    public async Task WaitForCompletionAsync_AlreadyCancelled_MakesNoPoll()
    {
        var client = new ScriptedBatchStatusClient(_time, Answer(Batch("finished")));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Wait(client, cancellationToken: new CancellationToken(canceled: true)));

        Assert.Empty(client.Polls);
    }

    [Fact]
    public async Task WaitForCompletionAsync_Progress_SeesEveryStateInOrder()
    {
        var answers = new[] { Batch("queued"), Batch("processing"), Batch("processing"), Batch("finished_with_errors") };
        var client = new ScriptedBatchStatusClient(_time, answers.Select(Answer).ToArray());
        var progress = new RecordingProgress<BatchUploadDetails>();

        var result = await _time.RunAsync(Wait(client, progress: progress));

        Assert.Equal(answers, progress.Reports);
        Assert.Same(result, progress.Reports[^1]);
        Assert.Equal("finished_with_errors", result.Status);
    }

    [Theory]
    [InlineData("cancelled")]
    [InlineData("unknown")]
    [InlineData("")]
    [InlineData(null)]
    public async Task WaitForCompletionAsync_StatusNotFinal_GoesOn(string? status)
    {
        var notFinal = Batch(status);
        var client = new ScriptedBatchStatusClient(_time, Answer(notFinal), Answer(Batch("finished")));

        var result = await _time.RunAsync(Wait(client));

        Assert.Equal(2, client.Polls.Count);
        Assert.Equal("finished", result.Status);
        Assert.Equal(status, notFinal.Status);
    }

    [Fact]
    public async Task WaitForCompletionAsync_EveryPoll_SeesOneCorrelationId()
    {
        var client = new ScriptedBatchStatusClient(_time, Answer(Batch("queued")), Answer(Batch("processing")), Answer(Batch("finished")));
        var other = new ScriptedBatchStatusClient(_time, Answer(Batch("finished")));

        await _time.RunAsync(Wait(client));
        await _time.RunAsync(Wait(other));

        var ids = client.Polls.Select(poll => poll.CorrelationId).Distinct().ToArray();
        var id = Assert.Single(ids);
        Assert.NotNull(id);
        Assert.NotEqual(Guid.Empty, id);
        Assert.Equal(3, client.Polls.Count);

        // Each wait is its own chain; the scope ends with the wait.
        Assert.NotEqual(id, Assert.Single(other.Polls).CorrelationId);
        Assert.Null(PartnerCenterCorrelation.Current);
    }

    [Fact]
    public async Task WaitForCompletionAsync_InsideACorrelationScope_JoinsIt()
    {
        var chain = Guid.NewGuid();
        var client = new ScriptedBatchStatusClient(_time, Answer(Batch("processing")), Answer(Batch("finished")));

        using (PartnerCenterCorrelation.BeginScope(chain))
        {
            await _time.RunAsync(Wait(client));
            Assert.Equal(chain, PartnerCenterCorrelation.Current);
        }

        Assert.Equal([chain, chain], client.Polls.Select(poll => poll.CorrelationId));
    }

    [Fact]
    public void WaitForCompletionAsync_InvalidArguments_ThrowBeforeAnyPoll()
    {
        var client = new ScriptedBatchStatusClient(_time, Answer(Batch("finished")));

        // Thrown by the call itself, not by the task it returns.
        Assert.Throws<ArgumentNullException>("client", () => { _ = ((IBatchStatusClient)null!).WaitForCompletionAsync(DocumentedIds.CustomerId, DocumentedIds.BatchTrackingId); });
        Assert.Throws<ArgumentException>("customerId", () => { _ = client.WaitForCompletionAsync(Guid.Empty, DocumentedIds.BatchTrackingId); });
        Assert.Throws<ArgumentException>("batchTrackingId", () => { _ = client.WaitForCompletionAsync(DocumentedIds.CustomerId, Guid.Empty); });
        Assert.Empty(client.Polls);
    }

    private static TimeSpan[] Seconds(params double[] seconds) => seconds.Select(TimeSpan.FromSeconds).ToArray();

    private Task<BatchUploadDetails> Wait(
        IBatchStatusClient client,
        BatchWaitOptions? options = null,
        IProgress<BatchUploadDetails>? progress = null,
        CancellationToken cancellationToken = default)
    {
        options ??= new BatchWaitOptions();
        options.TimeProvider = _time;
        return client.WaitForCompletionAsync(DocumentedIds.CustomerId, DocumentedIds.BatchTrackingId, options, progress, cancellationToken);
    }

    private async Task<int> PollsUntilDone(BatchWaitOptions options, TimeSpan batchDuration)
    {
        var time = new RecordingClock();
        var client = new ScriptedBatchStatusClient(time, _ => Task.FromResult(Batch(time.Elapsed >= batchDuration ? "finished" : "processing")));
        options.TimeProvider = time;

        await time.RunAsync(client.WaitForCompletionAsync(DocumentedIds.CustomerId, DocumentedIds.BatchTrackingId, options));
        return client.Polls.Count;
    }
}
