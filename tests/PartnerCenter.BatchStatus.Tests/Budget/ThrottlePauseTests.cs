using Microsoft.Extensions.Time.Testing;
using PartnerCenter.BatchStatus.Testing;
using PartnerCenter.BatchStatus.Tests.Support;

namespace PartnerCenter.BatchStatus.Tests.Budget;

/// <summary>
/// The client-wide pause after a throttled answer: bounded by <c>Retry.MaxRetryAfter</c>, never held past a call's
/// deadline (the call fails at once, unsent, with 429), and never a reason to retry at once. On a fake clock that is
/// never moved where a test shows that something happened at once.
/// </summary>
public sealed class ThrottlePauseTests
{
    private readonly RecordingClock _time = new(new DateTimeOffset(2026, 3, 2, 8, 0, 0, TimeSpan.Zero));

    [Fact]
    public async Task GetBatchJobStatusAsync_64CallsDuringAPauseLongerThanTheirTimeout_FailAtOnceWith429AndSendNothing()
    {
        using var service = ThrottledOnce("3600", out var client, options => options.Retry.MaxRetryAfter = TimeSpan.FromHours(2));
        var first = await Assert.ThrowsAsync<PartnerCenterApiException>(() => client.GetDocumentedAsync());
        Assert.Equal(TimeSpan.FromHours(1), first.RetryAfter);

        // The clock does not move: a call that waited for the pause or its timeout would never end.
        var calls = Enumerable.Range(0, 64).Select(_ => client.GetBatchJobStatusAsync(Guid.NewGuid(), Guid.NewGuid())).ToArray();
        var failures = await Task.WhenAll(calls.Select(call => Assert.ThrowsAsync<PartnerCenterApiException>(() => call.WaitAsync(TimeSpan.FromSeconds(30)))));

        Assert.All(failures, failure =>
        {
            Assert.Equal(429, failure.StatusCode);
            Assert.Equal(TimeSpan.FromHours(1), failure.RetryAfter);
            Assert.Contains("an earlier throttled answer (429) paused every call of this client until 2026-03-02T09:00:00Z", failure.Message, StringComparison.Ordinal);
            Assert.Contains("nothing was sent", failure.Message, StringComparison.Ordinal);
            Assert.Null(failure.ResponseBody);
        });
        Assert.Single(service.Requests);
        Assert.Equal(64, failures.Select(failure => failure.RequestId).Distinct().Count());

        // After the pause the client sends again.
        _time.Clock.Advance(TimeSpan.FromHours(1));
        var details = await client.GetDocumentedAsync().WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal("finished", details.Status);
        Assert.Equal(2, service.Requests.Count);
    }

    [Fact]
    public async Task GetBatchJobStatusAsync_PauseCappedByMaxRetryAfterButLongerThanTheTimeout_FailsAtOnceWithTheTimeLeftOfThePause()
    {
        using var service = ThrottledOnce("3600", out var client, options => options.Timeout = TimeSpan.FromSeconds(20));
        await Assert.ThrowsAsync<PartnerCenterApiException>(() => client.GetDocumentedAsync());
        _time.Clock.Advance(TimeSpan.FromSeconds(15));

        var failure = await Assert.ThrowsAsync<PartnerCenterApiException>(() => client.GetDocumentedAsync().WaitAsync(TimeSpan.FromSeconds(30)));

        // The pause is the default MaxRetryAfter (60 s), not the hour asked for; 45 s of it are left.
        Assert.Equal(TimeSpan.FromSeconds(45), failure.RetryAfter);
        Assert.Contains("until 2026-03-02T08:01:00Z", failure.Message, StringComparison.Ordinal);
        Assert.Single(service.Requests);
    }

    [Fact]
    public async Task GetBatchJobStatusAsync_PauseEndingBeforeTheDeadline_WaitsForItThenSends()
    {
        using var service = ThrottledOnce("3600", out var client);
        await Assert.ThrowsAsync<PartnerCenterApiException>(() => client.GetDocumentedAsync());

        // Timeout 100 s, pause bounded to 60 s: the call waits the pause, not the hour.
        var call = client.GetDocumentedAsync();
        await _time.WaitForTimerAsync(TimeSpan.FromSeconds(60));
        Assert.Single(service.Requests);
        _time.Clock.Advance(TimeSpan.FromSeconds(60));

        var details = await call.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal("finished", details.Status);
        Assert.Equal(2, service.Requests.Count);
    }

    [Fact]
    public async Task GetBatchJobStatusAsync_MaxRetryAfterZero_ThrottledAnswersDoNotPauseTheClient()
    {
        using var service = ThrottledOnce("30", out var client, options => options.Retry.MaxRetryAfter = TimeSpan.Zero);
        await Assert.ThrowsAsync<PartnerCenterApiException>(() => client.GetDocumentedAsync());

        var details = await client.GetDocumentedAsync().WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal("finished", details.Status);
    }

    [Theory]
    [InlineData("86400")]
    [InlineData("2147483647")]
    [InlineData("Fri, 31 Dec 9999 23:59:59 GMT")]
    public async Task GetBatchJobStatusAsync_LongRetryAfterWithTheClockNearTheEndOfTheCalendar_OnlyDocumentedExceptions(string retryAfter)
    {
        // An hour before the last instant a DateTimeOffset holds: the pause (up to a day) and the waits reach past it.
        var time = new FakeTimeProvider(DateTimeOffset.MaxValue - TimeSpan.FromHours(1));
        using var service = new FakePartnerCenterTransport(time);
        service.Documented().ThenRetryAfter(429, retryAfter).ThenSample();
        using var client = Kit.ClientOver(service, options => (options.TimeProvider, options.MaxRequestsPerSecond, options.Retry.MaxRetries, options.Retry.MaxRetryAfter) = (time, 0, 3, TimeSpan.FromDays(1)), new TestTokenCredential(time, lifetime: TimeSpan.FromMinutes(10)));

        var throttled = await Assert.ThrowsAsync<PartnerCenterApiException>(() => client.GetDocumentedAsync().WaitAsync(TimeSpan.FromSeconds(30)));
        Assert.Equal(429, throttled.StatusCode);

        // The pause ends with the calendar, past the next call's deadline: that call is refused at once, with 429.
        var next = await Assert.ThrowsAsync<PartnerCenterApiException>(() => client.GetDocumentedAsync().WaitAsync(TimeSpan.FromSeconds(30)));
        Assert.Equal(429, next.StatusCode);
        Assert.InRange(next.RetryAfter!.Value, TimeSpan.FromSeconds(3599), TimeSpan.FromSeconds(3600));
        Assert.Contains("until 9999-12-31T23:59:59Z", next.Message, StringComparison.Ordinal);
        Assert.Single(service.Requests);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("Thu, 01 Jan 1970 00:00:00 GMT")]
    public async Task GetBatchJobStatusAsync_RetryAfterZeroOrInThePast_WaitsTheBackoffsDelayBeforeRetrying(string retryAfter)
    {
        using var service = ThrottledOnce(retryAfter, out var client, options =>
        {
            (options.Timeout, options.Retry.AttemptTimeout) = (Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
            (options.Retry.MaxRetries, options.Retry.BaseDelay, options.Retry.MaxDelay) = (1, TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(30));
        });

        var call = client.GetDocumentedAsync();
        var delay = await _time.NextTimerAsync();

        // The exponential backoff with jitter from BaseDelay (its first delay lies between 0 and 1.4 × BaseDelay), not an
        // immediate retry; the retry waits for the clock.
        Assert.InRange(delay, TimeSpan.FromTicks(1), TimeSpan.FromSeconds(14));
        Assert.Single(service.Requests);
        Assert.Single(_time.DueTimes);
        _time.Clock.Advance(delay);
        var details = await call.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal("finished", details.Status);
        Assert.Equal(2, service.Requests.Count);
    }

    /// <summary>A service that throttles the documented batch once with <paramref name="retryAfter"/>, and a client of it on the test's clock that does not retry.</summary>
    private FakePartnerCenterTransport ThrottledOnce(string retryAfter, out BatchStatusClient client, Action<BatchStatusClientOptions>? configure = null)
    {
        var service = new FakePartnerCenterTransport(_time);
        service.Documented().ThenRetryAfter(429, retryAfter).ThenSample();
        client = service.CreateClient(options =>
        {
            (options.MaxRequestsPerSecond, options.Retry.MaxRetries) = (0, 0);
            configure?.Invoke(options);
        });
        return service;
    }
}
