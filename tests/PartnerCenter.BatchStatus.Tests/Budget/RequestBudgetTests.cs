using PartnerCenter.BatchStatus.Testing;
using PartnerCenter.BatchStatus.Tests.Support;

namespace PartnerCenter.BatchStatus.Tests.Budget;

/// <summary>The client-wide request budget and the client-wide pause after a 429, on a fake clock.</summary>
public sealed class RequestBudgetTests : IDisposable
{
    private readonly RecordingClock _time = new(new DateTimeOffset(2026, 3, 2, 8, 0, 0, TimeSpan.Zero));
    private readonly FakePartnerCenterTransport _service;

    public RequestBudgetTests()
    {
        _service = new FakePartnerCenterTransport(_time);
        _service.Documented().ThenSample();
    }

    public void Dispose() => _service.Dispose();

    [Fact]
    public async Task GetBatchJobStatusAsync_MoreCallsThanTheBudget_WaitForItsRefills()
    {
        using var client = Client(requestsPerSecond: 2);

        var calls = Enumerable.Range(0, 5).Select(_ => client.GetDocumentedAsync()).ToArray();
        await WaitForAttemptsAsync(2);

        // A burst of 2, then one request each half second.
        Assert.Equal(2, _service.Requests.Count);
        _time.Clock.Advance(TimeSpan.FromMilliseconds(500));
        await WaitForAttemptsAsync(3);
        _time.Clock.Advance(TimeSpan.FromMilliseconds(499));
        await Task.Delay(50);
        Assert.Equal(3, _service.Requests.Count);
        _time.Clock.Advance(TimeSpan.FromMilliseconds(1));
        await WaitForAttemptsAsync(4);
        _time.Clock.Advance(TimeSpan.FromMilliseconds(500));
        await Task.WhenAll(calls).WaitAsync(TimeSpan.FromSeconds(20));
        Assert.Equal(5, _service.Requests.Count);
    }

    [Theory]
    [InlineData(true, 5)]
    [InlineData(false, 1)]
    public async Task WaitAsync_AfterAQuietSpell_LetsASecondsWorthGoAtOnceOnlyWhenBurstsAreAllowed(bool allowBursts, int atOnce)
    {
        var budget = new LocalRequestBudget(5, _time, allowBursts);

        var turns = Enumerable.Range(0, 6).Select(_ => budget.WaitAsync(Guid.Empty, null, CancellationToken.None).AsTask()).ToArray();

        Assert.Equal(atOnce, turns.Count(turn => turn.IsCompletedSuccessfully));
        _time.Clock.Advance(TimeSpan.FromSeconds(2));
        var waited = await Task.WhenAll(turns).WaitAsync(TimeSpan.FromSeconds(20));
        // After those that went at once, one each 200 ms.
        Assert.Equal(
            Enumerable.Range(0, 6).Select(i => TimeSpan.FromMilliseconds(200 * Math.Max(0, i - (atOnce - 1)))),
            waited.Select(turn => turn.Waited));
    }

    [Fact]
    public async Task WaitAsync_WaitsThatGaveUp_GiveTheirSlotsBack()
    {
        var budget = new LocalRequestBudget(1, _time);
        Assert.Equal(TimeSpan.Zero, (await budget.WaitAsync(Guid.Empty, null, CancellationToken.None)).Waited);

        // Ten waits queue for the next ten seconds; eight of them give up (their calls timed out or were cancelled).
        using var gaveUp = new CancellationTokenSource();
        var kept = Enumerable.Range(0, 2).Select(_ => budget.WaitAsync(Guid.Empty, null, CancellationToken.None).AsTask()).ToArray();
        var abandoned = Enumerable.Range(0, 8).Select(_ => budget.WaitAsync(Guid.Empty, null, gaveUp.Token).AsTask()).ToArray();
        gaveUp.Cancel();
        foreach (var wait in abandoned)
        {
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => wait);
        }

        // The next wait takes the slot after the two kept ones, not the one after all ten.
        var next = budget.WaitAsync(Guid.Empty, null, CancellationToken.None).AsTask();
        _time.Clock.Advance(TimeSpan.FromSeconds(2));
        await Task.WhenAll(kept).WaitAsync(TimeSpan.FromSeconds(20));
        Assert.False(next.IsCompleted);
        _time.Clock.Advance(TimeSpan.FromSeconds(1));
        var turn = await next.WaitAsync(TimeSpan.FromSeconds(20));
        Assert.Equal(TimeSpan.FromSeconds(3), turn.Waited);
    }

    [Fact]
    public async Task WaitAsync_APauseWhileWaitingForASlot_WaitsForThePauseThenForANewSlot()
    {
        var budget = new LocalRequestBudget(1, _time);
        await budget.WaitAsync(Guid.Empty, null, CancellationToken.None);
        var waiting = budget.WaitAsync(Guid.Empty, null, CancellationToken.None).AsTask();

        // The slot is a second away; a throttled answer then pauses the budget for ten.
        await budget.PauseAsync(Guid.Empty, TimeSpan.FromSeconds(10), CancellationToken.None);
        _time.Clock.Advance(TimeSpan.FromSeconds(1));
        await _time.WaitForTimerAsync(TimeSpan.FromSeconds(9));
        Assert.False(waiting.IsCompleted);

        _time.Clock.Advance(TimeSpan.FromSeconds(9));
        var turn = await waiting.WaitAsync(TimeSpan.FromSeconds(20));
        Assert.Equal(TimeSpan.FromSeconds(10), turn.Waited);
    }

    [Fact]
    public async Task GetBatchJobStatusAsync_BudgetOff_SendsAtOnce()
    {
        using var client = Client(requestsPerSecond: 0);

        await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => client.GetDocumentedAsync())).WaitAsync(TimeSpan.FromSeconds(20));

        Assert.Equal(20, _service.Requests.Count);
    }

    [Fact]
    public async Task GetBatchJobStatusAsync_AfterA429WithRetryAfter_EveryOtherCallOfTheClientWaitsThatLong()
    {
        using var service = new FakePartnerCenterTransport(_time);
        service.Documented().ThenThrottle(TimeSpan.FromSeconds(30));
        var otherBatch = service.AddBatch(Guid.NewGuid(), Guid.NewGuid()).ThenFinished();
        using var client = service.CreateClient(options => (options.MaxRequestsPerSecond, options.Retry.MaxRetries) = (0, 0));

        var throttled = await Assert.ThrowsAsync<PartnerCenterApiException>(() => client.GetDocumentedAsync());
        Assert.Equal(TimeSpan.FromSeconds(30), throttled.RetryAfter);

        // Another batch of the same partner: it waits for the pause, not only the call that was throttled.
        var other = client.GetBatchJobStatusAsync(otherBatch.CustomerId, otherBatch.BatchTrackingId);
        await _time.WaitForTimerAsync(TimeSpan.FromSeconds(30));
        _time.Clock.Advance(TimeSpan.FromSeconds(29));
        Assert.Single(service.Requests);
        Assert.False(other.IsCompleted);

        _time.Clock.Advance(TimeSpan.FromSeconds(1));
        await other.WaitAsync(TimeSpan.FromSeconds(20));
        Assert.Equal(2, service.Requests.Count);
    }

    [Fact]
    public async Task GetBatchJobStatusAsync_CancelledWhileWaitingForTheBudget_ThrowsOperationCanceledAndSendsNothing()
    {
        using var client = Client(requestsPerSecond: 1);
        await client.GetDocumentedAsync();
        using var cancellation = new CancellationTokenSource();

        var waiting = client.GetDocumentedAsync(cancellation.Token);
        await cancellation.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting.WaitAsync(TimeSpan.FromSeconds(20)));
        Assert.Single(_service.Requests);
    }

    [Fact]
    public async Task GetBatchJobStatusAsync_WaitingForTheBudgetLongerThanTheTimeout_ThrowsTheCallsTimeout()
    {
        using var client = Client(requestsPerSecond: 0.01, options => options.Timeout = TimeSpan.FromSeconds(5));
        await client.GetDocumentedAsync();

        var waiting = client.GetDocumentedAsync();
        await Task.Delay(50);
        _time.Clock.Advance(TimeSpan.FromSeconds(5));

        var timeout = await Assert.ThrowsAsync<PartnerCenterTimeoutException>(() => waiting.WaitAsync(TimeSpan.FromSeconds(20)));
        Assert.Equal(TimeSpan.FromSeconds(5), timeout.Timeout);
        Assert.Single(_service.Requests);
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

    private BatchStatusClient Client(double requestsPerSecond, Action<BatchStatusClientOptions>? configure = null) => _service.CreateClient(options =>
    {
        options.MaxRequestsPerSecond = requestsPerSecond;
        configure?.Invoke(options);
    });

    private async Task WaitForAttemptsAsync(int count)
    {
        // Real time only bounds a hung test; the fake clock decides when requests go.
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (_service.Requests.Count < count && DateTime.UtcNow < deadline)
        {
            await Task.Delay(10);
        }

        Assert.Equal(count, _service.Requests.Count);
    }
}
