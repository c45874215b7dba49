using PartnerCenter.BatchStatus.Testing;
using PartnerCenter.BatchStatus.Tests.Support;

namespace PartnerCenter.BatchStatus.Tests.Waiting;

/// <summary>
/// Waits while the client is paused by an earlier throttled answer: a pause past the wait's limit ends it at once as
/// throttled, with the instant; a shorter one is slept out. On a fake clock that does not move where a test shows that
/// something happened at once.
/// </summary>
public sealed class ThrottledWaitTests : IDisposable
{
    private static readonly DateTimeOffset PauseEnd = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);
    private readonly RecordingClock _time = new(new DateTimeOffset(2026, 3, 2, 8, 0, 0, TimeSpan.Zero));
    private readonly FakePartnerCenterTransport _service;

    public ThrottledWaitTests()
    {
        _service = new FakePartnerCenterTransport(_time);
        _service.Documented().ThenRetryAfter(429, "3600").ThenSample();
    }

    public void Dispose() => _service.Dispose();

    [Fact]
    public async Task WaitForCompletionAsync_DuringAPauseBeyondItsLimit_EndsAtOnceAsThrottledUntilThen()
    {
        using var client = await PausedClientAsync(options => options.Retry.MaxRetryAfter = TimeSpan.FromHours(2));

        var wait = client.WaitForCompletionAsync(DocumentedIds.CustomerId, DocumentedIds.BatchTrackingId, new BatchWaitOptions { TimeProvider = _time });
        var timeout = await Assert.ThrowsAsync<BatchWaitTimeoutException>(() => wait.WaitAsync(TimeSpan.FromSeconds(30)));

        Assert.Equal(PauseEnd, timeout.ThrottledUntil);
        Assert.Contains("The last poll was throttled (429) until 2026-03-02T09:00:00Z (3600 s), beyond the time left", timeout.Message, StringComparison.Ordinal);
        Assert.Equal(1, timeout.Polls);
        Assert.Single(_service.Requests);
    }

    [Fact]
    public async Task WaitForAllAsync_DuringAPauseBeyondTheLimit_ReportsEachBatchAsThrottledUntilThen()
    {
        using var client = await PausedClientAsync(options => options.Retry.MaxRetryAfter = TimeSpan.FromHours(2));
        var batches = Enumerable.Range(0, 8).Select(_ => new BatchTrackingLocation(Guid.NewGuid(), Guid.NewGuid())).ToList();

        var results = new List<BatchWaitResult>();
        await foreach (var result in client.WaitForAllAsync(batches, new BatchWaitOptions { TimeProvider = _time }).WithCancellation(new CancellationTokenSource(TimeSpan.FromSeconds(30)).Token))
        {
            results.Add(result);
        }

        Assert.Equal(8, results.Count);
        Assert.All(results, result => Assert.Equal(PauseEnd, Assert.IsType<BatchWaitTimeoutException>(result.Exception).ThrottledUntil));
        Assert.Single(_service.Requests);
    }

    [Fact]
    public async Task WaitForCompletionAsync_PauseWithinItsLimit_PollsAgainAfterThePause()
    {
        using var client = await PausedClientAsync(options => options.Timeout = TimeSpan.FromSeconds(20));

        // The poll is refused at once (60 s of pause left, past its 20 s timeout); the wait sleeps the pause out.
        var wait = client.WaitForCompletionAsync(DocumentedIds.CustomerId, DocumentedIds.BatchTrackingId, new BatchWaitOptions { TimeProvider = _time });
        await _time.WaitForTimerAsync(TimeSpan.FromSeconds(60));
        Assert.Single(_service.Requests);
        _time.Clock.Advance(TimeSpan.FromSeconds(60));

        var details = await wait.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal("finished", details.Status);
        Assert.Equal(2, _service.Requests.Count);
    }

    /// <summary>A client that does not retry, paused by the throttled answer to its first call.</summary>
    private async Task<BatchStatusClient> PausedClientAsync(Action<BatchStatusClientOptions> configure)
    {
        var client = _service.CreateClient(options =>
        {
            (options.MaxRequestsPerSecond, options.Retry.MaxRetries) = (0, 0);
            configure(options);
        });
        await Assert.ThrowsAsync<PartnerCenterApiException>(() => client.GetDocumentedAsync());
        return client;
    }
}
