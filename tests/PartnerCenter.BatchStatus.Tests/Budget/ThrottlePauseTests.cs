using System.Net;
using Microsoft.Extensions.Time.Testing;
using PartnerCenter.BatchStatus.Tests.Support;
using static PartnerCenter.BatchStatus.Tests.Support.RawSocketServer;

namespace PartnerCenter.BatchStatus.Tests.Budget;

/// <summary>
/// The client-wide pause after a throttled answer: bounded by <c>Retry.MaxRetryAfter</c>, never held past a call's
/// deadline (the call fails at once, unsent, with 429), and never a reason to retry at once. On a fake clock that is
/// never moved where a test shows that something happened at once.
/// </summary>
public sealed class ThrottlePauseTests
{
    private const string Throttled = """{"code":"429","description":"Too many requests"}""";
    private static readonly string Sample = RepositoryFiles.ReadDocumentedSample();
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 3, 2, 8, 0, 0, TimeSpan.Zero));

    [Fact]
    public async Task GetBatchJobStatusAsync_64CallsDuringAPauseLongerThanTheirTimeout_FailAtOnceWith429AndSendNothing()
    {
        await using var server = new RawSocketServer(attempt => attempt == 0 ? Answer.Complete(429, Throttled, "Retry-After: 3600\r\n") : Answer.Complete(200, Sample));
        var options = WireOptions(server, maxRetryAfter: TimeSpan.FromHours(2));
        using var client = new BatchStatusClient(new FakeTokenCredential(_time), options);
        var first = await Assert.ThrowsAsync<PartnerCenterApiException>(() => client.GetBatchJobStatusAsync(DocumentedIds.CustomerId, DocumentedIds.BatchTrackingId));
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
        Assert.Single(server.Requests);
        Assert.Equal(64, failures.Select(failure => failure.RequestId).Distinct().Count());

        // After the pause the client sends again.
        _time.Advance(TimeSpan.FromHours(1));
        var details = await client.GetBatchJobStatusAsync(DocumentedIds.CustomerId, DocumentedIds.BatchTrackingId).WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal("finished", details.Status);
        Assert.Equal(2, server.Requests.Count);
    }

    [Fact]
    public async Task GetBatchJobStatusAsync_PauseCappedByMaxRetryAfterButLongerThanTheTimeout_FailsAtOnceWithTheTimeLeftOfThePause()
    {
        var handler = ScriptedHandler.ThrottledOnce("3600");
        var options = Options(handler);
        options.Timeout = TimeSpan.FromSeconds(20);
        using var client = new BatchStatusClient(new FakeTokenCredential(_time), options);
        await Assert.ThrowsAsync<PartnerCenterApiException>(() => client.GetBatchJobStatusAsync(DocumentedIds.CustomerId, DocumentedIds.BatchTrackingId));
        _time.Advance(TimeSpan.FromSeconds(15));

        var failure = await Assert.ThrowsAsync<PartnerCenterApiException>(() => client.GetBatchJobStatusAsync(DocumentedIds.CustomerId, DocumentedIds.BatchTrackingId).WaitAsync(TimeSpan.FromSeconds(30)));

        // The pause is the default MaxRetryAfter (60 s), not the hour asked for; 45 s of it are left.
        Assert.Equal(TimeSpan.FromSeconds(45), failure.RetryAfter);
        Assert.Contains("until 2026-03-02T08:01:00Z", failure.Message, StringComparison.Ordinal);
        Assert.Single(handler.Attempts);
    }

    [Fact]
    public async Task GetBatchJobStatusAsync_PauseEndingBeforeTheDeadline_WaitsForItThenSends()
    {
        var handler = ScriptedHandler.ThrottledOnce("3600");
        var time = new RecordingTimeProvider(_time);
        var options = Options(handler);
        options.TimeProvider = time;
        using var client = new BatchStatusClient(new FakeTokenCredential(time), options);
        await Assert.ThrowsAsync<PartnerCenterApiException>(() => client.GetBatchJobStatusAsync(DocumentedIds.CustomerId, DocumentedIds.BatchTrackingId));

        // Timeout 100 s, pause bounded to 60 s: the call waits the pause, not the hour.
        var call = client.GetBatchJobStatusAsync(DocumentedIds.CustomerId, DocumentedIds.BatchTrackingId);
        await time.WaitForTimerAsync(TimeSpan.FromSeconds(60));
        Assert.Single(handler.Attempts);
        _time.Advance(TimeSpan.FromSeconds(60));

        var details = await call.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal("finished", details.Status);
        Assert.Equal(2, handler.Attempts.Count);
    }

    [Fact]
    public async Task GetBatchJobStatusAsync_MaxRetryAfterZero_ThrottledAnswersDoNotPauseTheClient()
    {
        var handler = ScriptedHandler.ThrottledOnce("30");
        var options = Options(handler);
        options.Retry.MaxRetryAfter = TimeSpan.Zero;
        using var client = new BatchStatusClient(new FakeTokenCredential(_time), options);
        await Assert.ThrowsAsync<PartnerCenterApiException>(() => client.GetBatchJobStatusAsync(DocumentedIds.CustomerId, DocumentedIds.BatchTrackingId));

        var details = await client.GetBatchJobStatusAsync(DocumentedIds.CustomerId, DocumentedIds.BatchTrackingId).WaitAsync(TimeSpan.FromSeconds(30));

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
        var handler = ScriptedHandler.ThrottledOnce(retryAfter);
        var options = Options(handler);
        options.TimeProvider = time;
        options.Retry.MaxRetries = 3;
        options.Retry.MaxRetryAfter = TimeSpan.FromDays(1);
        using var client = new BatchStatusClient(new FakeTokenCredential(time, lifetime: TimeSpan.FromMinutes(10)), options);

        var throttled = await Assert.ThrowsAsync<PartnerCenterApiException>(() => client.GetBatchJobStatusAsync(DocumentedIds.CustomerId, DocumentedIds.BatchTrackingId).WaitAsync(TimeSpan.FromSeconds(30)));
        Assert.Equal(429, throttled.StatusCode);

        // The pause ends with the calendar, past the next call's deadline: that call is refused at once, with 429.
        var next = await Assert.ThrowsAsync<PartnerCenterApiException>(() => client.GetBatchJobStatusAsync(DocumentedIds.CustomerId, DocumentedIds.BatchTrackingId).WaitAsync(TimeSpan.FromSeconds(30)));
        Assert.Equal(429, next.StatusCode);
        Assert.InRange(next.RetryAfter!.Value, TimeSpan.FromSeconds(3599), TimeSpan.FromSeconds(3600));
        Assert.Contains("until 9999-12-31T23:59:59Z", next.Message, StringComparison.Ordinal);
        Assert.Single(handler.Attempts);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("Thu, 01 Jan 1970 00:00:00 GMT")]
    public async Task GetBatchJobStatusAsync_RetryAfterZeroOrInThePast_WaitsTheBackoffsDelayBeforeRetrying(string retryAfter)
    {
        var time = new RecordingTimeProvider(_time);
        var handler = ScriptedHandler.ThrottledOnce(retryAfter);
        var options = Options(handler);
        options.TimeProvider = time;
        options.Timeout = Timeout.InfiniteTimeSpan;
        options.Retry.AttemptTimeout = Timeout.InfiniteTimeSpan;
        options.Retry.MaxRetries = 1;
        options.Retry.BaseDelay = TimeSpan.FromSeconds(10);
        using var client = new BatchStatusClient(new FakeTokenCredential(time), options);

        var call = client.GetBatchJobStatusAsync(DocumentedIds.CustomerId, DocumentedIds.BatchTrackingId);
        var delay = await FirstTimerAsync(time);

        // The exponential backoff with jitter from BaseDelay (its first delay lies between 0 and 1.4 × BaseDelay), not an
        // immediate retry; the retry waits for the clock.
        Assert.InRange(delay, TimeSpan.FromTicks(1), TimeSpan.FromSeconds(14));
        await Task.Delay(50);
        Assert.Single(handler.Attempts);
        _time.Advance(delay);
        var details = await call.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal("finished", details.Status);
        Assert.Equal(2, handler.Attempts.Count);
    }

    private static async Task<TimeSpan> FirstTimerAsync(RecordingTimeProvider time)
    {
        for (var i = 0; i < 2000 && time.DueTimes.Count == 0; i++)
        {
            await Task.Delay(5);
        }

        return Assert.Single(time.DueTimes);
    }

    private BatchStatusClientOptions Options(ScriptedHandler handler) => new BatchStatusClientOptions
    {
        TimeProvider = _time,
        MaxRequestsPerSecond = 0,
        Retry = { MaxRetries = 0 },
    }.WithTransport(handler);

    private BatchStatusClientOptions WireOptions(RawSocketServer server, TimeSpan maxRetryAfter)
    {
        var options = server.Options(maxRetries: 0);
        options.TimeProvider = _time;
        options.Retry.MaxRetryAfter = maxRetryAfter;
        return options;
    }
}
