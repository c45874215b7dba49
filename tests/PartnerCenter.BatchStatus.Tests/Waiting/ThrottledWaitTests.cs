using System.Net;
using Microsoft.Extensions.Time.Testing;
using PartnerCenter.BatchStatus.Tests.Support;

namespace PartnerCenter.BatchStatus.Tests.Waiting;

/// <summary>
/// Waits while the client is paused by an earlier throttled answer: a pause past the wait's limit ends it at once as
/// throttled, with the instant; a shorter one is slept out. On a fake clock that does not move where a test shows that
/// something happened at once.
/// </summary>
public sealed class ThrottledWaitTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 3, 2, 8, 0, 0, TimeSpan.Zero));

    [Fact]
    public async Task WaitForCompletionAsync_DuringAPauseBeyondItsLimit_EndsAtOnceAsThrottledUntilThen()
    {
        var handler = ScriptedHandler.ThrottledOnce("3600");
        var options = Options(handler);
        options.Retry.MaxRetryAfter = TimeSpan.FromHours(2);
        using var client = new BatchStatusClient(new FakeTokenCredential(_time), options);
        await Assert.ThrowsAsync<PartnerCenterApiException>(() => client.GetBatchJobStatusAsync(DocumentedIds.CustomerId, DocumentedIds.BatchTrackingId));

        var wait = client.WaitForCompletionAsync(DocumentedIds.CustomerId, DocumentedIds.BatchTrackingId, new BatchWaitOptions { TimeProvider = _time });
        var timeout = await Assert.ThrowsAsync<BatchWaitTimeoutException>(() => wait.WaitAsync(TimeSpan.FromSeconds(30)));

        Assert.Equal(new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero), timeout.ThrottledUntil);
        Assert.Contains("The last poll was throttled (429) until 2026-03-02T09:00:00Z (3600 s), beyond the time left", timeout.Message, StringComparison.Ordinal);
        Assert.Equal(1, timeout.Polls);
        Assert.Single(handler.Attempts);
    }

    [Fact]
    public async Task WaitForAllAsync_DuringAPauseBeyondTheLimit_ReportsEachBatchAsThrottledUntilThen()
    {
        var handler = ScriptedHandler.ThrottledOnce("3600");
        var options = Options(handler);
        options.Retry.MaxRetryAfter = TimeSpan.FromHours(2);
        using var client = new BatchStatusClient(new FakeTokenCredential(_time), options);
        await Assert.ThrowsAsync<PartnerCenterApiException>(() => client.GetBatchJobStatusAsync(DocumentedIds.CustomerId, DocumentedIds.BatchTrackingId));
        var batches = Enumerable.Range(0, 8).Select(_ => new BatchTrackingLocation(Guid.NewGuid(), Guid.NewGuid())).ToList();

        var results = new List<BatchWaitResult>();
        await foreach (var result in client.WaitForAllAsync(batches, new BatchWaitOptions { TimeProvider = _time }).WithCancellation(new CancellationTokenSource(TimeSpan.FromSeconds(30)).Token))
        {
            results.Add(result);
        }

        Assert.Equal(8, results.Count);
        Assert.All(results, result => Assert.Equal(new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero), Assert.IsType<BatchWaitTimeoutException>(result.Exception).ThrottledUntil));
        Assert.Single(handler.Attempts);
    }

    [Fact]
    public async Task WaitForCompletionAsync_PauseWithinItsLimit_PollsAgainAfterThePause()
    {
        var handler = ScriptedHandler.ThrottledOnce("3600");
        var time = new RecordingTimeProvider(_time);
        var options = Options(handler);
        options.TimeProvider = time;
        options.Timeout = TimeSpan.FromSeconds(20);
        using var client = new BatchStatusClient(new FakeTokenCredential(time), options);
        await Assert.ThrowsAsync<PartnerCenterApiException>(() => client.GetBatchJobStatusAsync(DocumentedIds.CustomerId, DocumentedIds.BatchTrackingId));

        // The poll is refused at once (60 s of pause left, past its 20 s timeout); the wait sleeps the pause out.
        var wait = client.WaitForCompletionAsync(DocumentedIds.CustomerId, DocumentedIds.BatchTrackingId, new BatchWaitOptions { TimeProvider = time });
        await time.WaitForTimerAsync(TimeSpan.FromSeconds(60));
        Assert.Single(handler.Attempts);
        _time.Advance(TimeSpan.FromSeconds(60));

        var details = await wait.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal("finished", details.Status);
        Assert.Equal(2, handler.Attempts.Count);
    }

    private BatchStatusClientOptions Options(ScriptedHandler handler) => new BatchStatusClientOptions
    {
        TimeProvider = _time,
        MaxRequestsPerSecond = 0,
        Retry = { MaxRetries = 0 },
    }.WithTransport(handler);
}
