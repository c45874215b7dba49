using System.Net;
using Microsoft.Extensions.Time.Testing;
using PartnerCenter.BatchStatus.Tests.Support;

namespace PartnerCenter.BatchStatus.Tests.Budget;

/// <summary>The client-wide request budget and the client-wide pause after a 429, on a fake clock.</summary>
public sealed class RequestBudgetTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 3, 2, 8, 0, 0, TimeSpan.Zero));

    [Fact]
    public async Task GetBatchJobStatusAsync_MoreCallsThanTheBudget_WaitForItsRefills()
    {
        var handler = ScriptedHandler.Statuses();
        using var client = new BatchStatusClient(new FakeTokenCredential(_time), Options(requestsPerSecond: 2).WithTransport(handler));

        var calls = Enumerable.Range(0, 5).Select(_ => client.GetBatchJobStatusAsync(DocumentedIds.CustomerId, DocumentedIds.BatchTrackingId)).ToArray();
        await WaitForAttemptsAsync(handler, 2);

        // A burst of 2, then one request each half second.
        Assert.Equal(2, handler.Attempts.Count);
        _time.Advance(TimeSpan.FromMilliseconds(500));
        await WaitForAttemptsAsync(handler, 3);
        _time.Advance(TimeSpan.FromMilliseconds(499));
        await Task.Delay(50);
        Assert.Equal(3, handler.Attempts.Count);
        _time.Advance(TimeSpan.FromMilliseconds(1));
        await WaitForAttemptsAsync(handler, 4);
        _time.Advance(TimeSpan.FromMilliseconds(500));
        await Task.WhenAll(calls).WaitAsync(TimeSpan.FromSeconds(20));
        Assert.Equal(5, handler.Attempts.Count);
    }

    [Fact]
    public async Task WaitAsync_WaitsThatGaveUp_GiveTheirSlotsBack()
    {
        var budget = new PartnerCenter.BatchStatus.Http.RequestBudget(1, TimeSpan.FromMinutes(1), _time);
        Assert.Equal(TimeSpan.Zero, (await budget.WaitAsync(null, CancellationToken.None)).Waited);

        // Ten waits queue for the next ten seconds; eight of them give up (their calls timed out or were cancelled).
        using var gaveUp = new CancellationTokenSource();
        var kept = Enumerable.Range(0, 2).Select(_ => budget.WaitAsync(null, CancellationToken.None).AsTask()).ToArray();
        var abandoned = Enumerable.Range(0, 8).Select(_ => budget.WaitAsync(null, gaveUp.Token).AsTask()).ToArray();
        gaveUp.Cancel();
        foreach (var wait in abandoned)
        {
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => wait);
        }

        // The next wait takes the slot after the two kept ones, not the one after all ten.
        var next = budget.WaitAsync(null, CancellationToken.None).AsTask();
        _time.Advance(TimeSpan.FromSeconds(2));
        await Task.WhenAll(kept).WaitAsync(TimeSpan.FromSeconds(20));
        Assert.False(next.IsCompleted);
        _time.Advance(TimeSpan.FromSeconds(1));
        var turn = await next.WaitAsync(TimeSpan.FromSeconds(20));
        Assert.Equal(TimeSpan.FromSeconds(3), turn.Waited);
    }

    [Fact]
    public async Task GetBatchJobStatusAsync_BudgetOff_SendsAtOnce()
    {
        var handler = ScriptedHandler.Statuses();
        using var client = new BatchStatusClient(new FakeTokenCredential(_time), Options(requestsPerSecond: 0).WithTransport(handler));

        await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => client.GetBatchJobStatusAsync(DocumentedIds.CustomerId, DocumentedIds.BatchTrackingId))).WaitAsync(TimeSpan.FromSeconds(20));

        Assert.Equal(20, handler.Attempts.Count);
    }

    [Fact]
    public async Task GetBatchJobStatusAsync_AfterA429WithRetryAfter_EveryOtherCallOfTheClientWaitsThatLong()
    {
        var handler = new ScriptedHandler((attempt, _) =>
        {
            if (attempt > 0)
            {
                return ScriptedHandler.Answer(HttpStatusCode.OK);
            }

            var throttled = ScriptedHandler.Answer(HttpStatusCode.TooManyRequests, """{"code":"429","description":"Too many requests"}""");
            throttled.Headers.RetryAfter = new System.Net.Http.Headers.RetryConditionHeaderValue(TimeSpan.FromSeconds(30));
            return throttled;
        });
        var options = Options(requestsPerSecond: 0).WithTransport(handler);
        options.Retry.MaxRetries = 0;
        using var client = new BatchStatusClient(new FakeTokenCredential(_time), options);

        var throttled = await Assert.ThrowsAsync<PartnerCenterApiException>(() => client.GetBatchJobStatusAsync(DocumentedIds.CustomerId, DocumentedIds.BatchTrackingId));
        Assert.Equal(TimeSpan.FromSeconds(30), throttled.RetryAfter);

        // Another batch of the same partner: it waits for the pause, not only the call that was throttled.
        var other = client.GetBatchJobStatusAsync(Guid.NewGuid(), Guid.NewGuid());
        _time.Advance(TimeSpan.FromSeconds(29));
        await Task.Delay(100);
        Assert.Single(handler.Attempts);
        Assert.False(other.IsCompleted);

        _time.Advance(TimeSpan.FromSeconds(1));
        await other.WaitAsync(TimeSpan.FromSeconds(20));
        Assert.Equal(2, handler.Attempts.Count);
    }

    [Fact]
    public async Task GetBatchJobStatusAsync_CancelledWhileWaitingForTheBudget_ThrowsOperationCanceledAndSendsNothing()
    {
        var handler = ScriptedHandler.Statuses();
        using var client = new BatchStatusClient(new FakeTokenCredential(_time), Options(requestsPerSecond: 1).WithTransport(handler));
        await client.GetBatchJobStatusAsync(DocumentedIds.CustomerId, DocumentedIds.BatchTrackingId);
        using var cancellation = new CancellationTokenSource();

        var waiting = client.GetBatchJobStatusAsync(DocumentedIds.CustomerId, DocumentedIds.BatchTrackingId, cancellation.Token);
        await cancellation.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting.WaitAsync(TimeSpan.FromSeconds(20)));
        Assert.Single(handler.Attempts);
    }

    [Fact]
    public async Task GetBatchJobStatusAsync_WaitingForTheBudgetLongerThanTheTimeout_ThrowsTheCallsTimeout()
    {
        var handler = ScriptedHandler.Statuses();
        var options = Options(requestsPerSecond: 0.01);
        options.Timeout = TimeSpan.FromSeconds(5);
        using var client = new BatchStatusClient(new FakeTokenCredential(_time), options.WithTransport(handler));
        await client.GetBatchJobStatusAsync(DocumentedIds.CustomerId, DocumentedIds.BatchTrackingId);

        var waiting = client.GetBatchJobStatusAsync(DocumentedIds.CustomerId, DocumentedIds.BatchTrackingId);
        await Task.Delay(50);
        _time.Advance(TimeSpan.FromSeconds(5));

        var timeout = await Assert.ThrowsAsync<PartnerCenterTimeoutException>(() => waiting.WaitAsync(TimeSpan.FromSeconds(20)));
        Assert.Equal(TimeSpan.FromSeconds(5), timeout.Timeout);
        Assert.Single(handler.Attempts);
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(1001)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    [InlineData(double.Epsilon)]
    [InlineData(0.0009)]
    public void Validate_BudgetOutOfRange_NamesIt(double requestsPerSecond)
    {
        var exception = Assert.Throws<ArgumentOutOfRangeException>(() => new BatchStatusClientOptions { MaxRequestsPerSecond = requestsPerSecond }.Validate());

        Assert.Contains("MaxRequestsPerSecond", exception.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(0.001)]
    [InlineData(1000)]
    public void Validate_BudgetAtItsBounds_IsAccepted(double requestsPerSecond) =>
        new BatchStatusClientOptions { MaxRequestsPerSecond = requestsPerSecond }.Validate();

    private BatchStatusClientOptions Options(double requestsPerSecond) => new()
    {
        TimeProvider = _time,
        MaxRequestsPerSecond = requestsPerSecond,
        Retry = { BaseDelay = TimeSpan.FromMilliseconds(1), MaxDelay = TimeSpan.FromMilliseconds(5) },
    };

    private static async Task WaitForAttemptsAsync(ScriptedHandler handler, int count)
    {
        // Real time only bounds a hung test; the fake clock decides when requests go.
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (handler.Attempts.Count < count && DateTime.UtcNow < deadline)
        {
            await Task.Delay(10);
        }

        Assert.Equal(count, handler.Attempts.Count);
    }
}
