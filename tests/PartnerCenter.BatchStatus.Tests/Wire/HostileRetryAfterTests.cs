using PartnerCenter.BatchStatus.Tests.Support;
using static PartnerCenter.BatchStatus.Tests.Support.RawSocketServer;

namespace PartnerCenter.BatchStatus.Tests.Wire;

/// <summary>
/// A 429 whose <c>Retry-After</c> is huge, negative, not a number or a date far off, over a real socket and on a fake
/// clock: the call gets a documented exception, and the client pauses at most <c>Retry.MaxRetryAfter</c> and then
/// sends again.
/// </summary>
public sealed class HostileRetryAfterTests
{
    private const string Throttled = """{"code":"429","description":"Too many requests"}""";
    private static readonly string Sample = RepositoryFiles.ReadDocumentedSample();

    /// <summary>The value, what the throttled call reports as RetryAfter (seconds, -1 for none), and the pause that follows (seconds).</summary>
    public static TheoryData<string, long, int> HostileValues => new()
    {
        { "2147483647", 2147483647, 60 },
        { "4320000", 4320000, 60 },
        { "3600", 3600, 60 },
        { "60", 60, 60 },
        { "7", 7, 7 },
        { "0", 0, 0 },
        { "2147483648", -1, 0 },
        { "99999999999999999999999999", -1, 0 },
        { "-1", -1, 0 },
        { "-2147483648", -1, 0 },
        { "1.5", -1, 0 },
        { "1e9", -1, 0 },
        { "soon", -1, 0 },
        { "5, 10", -1, 0 },
        { "Fri, 31 Dec 9999 23:59:59 GMT", (long)(new DateTimeOffset(9999, 12, 31, 23, 59, 59, TimeSpan.Zero) - Start).TotalSeconds, 60 },
        { "Mon, 01 Jan 0001 00:00:00 GMT", 0, 0 },
        { "Thu, 01 Jan 1970 00:00:00 GMT", 0, 0 },
        { "Mon, 06 Jan 2025 07:59:59 GMT", 0, 0 },
        { "Mon, 06 Jan 2025 08:00:30 GMT", 30, 30 },
        { "Mon, 32 Jan 2025 08:00:30 GMT", -1, 0 },
    };

    private static DateTimeOffset Start { get; } = new(2025, 1, 6, 8, 0, 0, TimeSpan.Zero);

    [Theory]
    [MemberData(nameof(HostileValues))]
    public async Task GetBatchJobStatusAsync_429WithAHostileRetryAfter_ThrowsTheDocumentedExceptionAndTheClientSendsAgainAfterABoundedPause(
        string retryAfter, long reportedSeconds, int pauseSeconds)
    {
        await using var server = new RawSocketServer(attempt => attempt == 0 ? Answer.Complete(429, Throttled, $"Retry-After: {retryAfter}\r\n") : Answer.Complete(200, Sample));
        var time = new RecordingClock();
        Assert.Equal(Start, time.GetUtcNow());
        var options = server.Options(maxRetries: 0);
        options.TimeProvider = time;

        // Unbounded calls: the only timer is then the budget's pause, which the fake clock runs through.
        options.Timeout = Timeout.InfiniteTimeSpan;
        options.Retry.AttemptTimeout = Timeout.InfiniteTimeSpan;
        using var client = new BatchStatusClient(new TestTokenCredential(time), options);

        var throttled = await Assert.ThrowsAsync<PartnerCenterApiException>(() => client.GetBatchJobStatusAsync(DocumentedIds.CustomerId, DocumentedIds.BatchTrackingId));
        Assert.Equal(429, throttled.StatusCode);
        Assert.Equal(reportedSeconds < 0 ? null : reportedSeconds, throttled.RetryAfter is { } reported ? (long?)Math.Floor(reported.TotalSeconds) : null);

        var next = await time.RunAsync(client.GetBatchJobStatusAsync(DocumentedIds.CustomerId, DocumentedIds.BatchTrackingId));

        Assert.Equal("finished", next.Status);
        Assert.Equal(2, server.Requests.Count);
        Assert.Equal(TimeSpan.FromSeconds(pauseSeconds), time.Elapsed);
    }
}
