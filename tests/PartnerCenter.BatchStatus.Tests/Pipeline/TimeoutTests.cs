using PartnerCenter.BatchStatus.Testing;
using PartnerCenter.BatchStatus.Tests.Support;

namespace PartnerCenter.BatchStatus.Tests.Pipeline;

/// <summary>
/// The service answers an hour late on its own fake clock (never, for the test), and tells by that timer that an
/// attempt arrived; the client's bounds run on the real clock.
/// </summary>
public sealed class TimeoutTests : IDisposable
{
    private static readonly TimeSpan Late = TimeSpan.FromHours(1);
    private readonly RecordingClock _serviceTime = new();
    private readonly FakePartnerCenterTransport _service;

    public TimeoutTests()
    {
        _service = new FakePartnerCenterTransport(_serviceTime);
        _service.Documented().ThenSample().WithDelay(Late);
    }

    public void Dispose() => _service.Dispose();

    [Fact]
    public async Task GetBatchJobStatusAsync_SlowServerOverLoopback_ThrowsPartnerCenterTimeoutException()
    {
        await using var host = FakePartnerCenter.Start(_service);
        using var client = host.CreateClient(options => (options.TimeProvider, options.Timeout) = (TimeProvider.System, TimeSpan.FromMilliseconds(300)));
        using var caller = new CancellationTokenSource();

        var exception = await Assert.ThrowsAsync<PartnerCenterTimeoutException>(() => client.GetDocumentedAsync(caller.Token));

        Assert.IsAssignableFrom<TimeoutException>(exception);
        Assert.False(caller.IsCancellationRequested);
        Assert.Equal(TimeSpan.FromMilliseconds(300), exception.Timeout);
        Assert.True(Guid.TryParse(exception.RequestId, out _));
        Assert.True(Guid.TryParse(exception.CorrelationId, out _));
        Assert.Contains("BatchStatusClientOptions.Timeout", exception.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(host.Credential.Token, exception.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetBatchJobStatusAsync_CallLongerThanTimeout_ThrowsPartnerCenterTimeoutExceptionWithTheCallsIds()
    {
        using var client = _service.CreateClient(options => (options.TimeProvider, options.Timeout) = (TimeProvider.System, TimeSpan.FromMilliseconds(200)));

        var exception = await Assert.ThrowsAsync<PartnerCenterTimeoutException>(() => client.GetDocumentedAsync());

        Assert.Equal(Assert.Single(_service.RequestIds()), exception.RequestId);
        Assert.Equal(TimeSpan.FromMilliseconds(200), exception.Timeout);
        Assert.Contains("BatchStatusClientOptions.Timeout", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetBatchJobStatusAsync_EveryAttemptLongerThanAttemptTimeout_RetriesThenThrowsPartnerCenterTimeoutException()
    {
        using var client = _service.CreateClient(options =>
        {
            options.TimeProvider = TimeProvider.System;
            options.Retry.MaxRetries = 1;
            options.Retry.AttemptTimeout = TimeSpan.FromMilliseconds(100);
        });

        var exception = await Assert.ThrowsAsync<PartnerCenterTimeoutException>(() => client.GetDocumentedAsync());

        Assert.Equal(TimeSpan.FromMilliseconds(100), exception.Timeout);
        Assert.Contains("AttemptTimeout", exception.Message, StringComparison.Ordinal);
        Assert.Equal(2, _service.Requests.Count);
        Assert.Single(_service.RequestIds().Distinct());
    }

    [Fact]
    public async Task GetBatchJobStatusAsync_CallerCancelsDuringAnAttempt_ThrowsOperationCanceledExceptionNotATimeout()
    {
        using var client = _service.CreateClient(options => options.TimeProvider = TimeProvider.System);
        using var caller = new CancellationTokenSource();

        var call = client.GetDocumentedAsync(caller.Token);
        await _serviceTime.WaitForTimerAsync(Late);
        await caller.CancelAsync();

        var exception = await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call.WaitAsync(TimeSpan.FromSeconds(20)));
        Assert.Equal(caller.Token, exception.CancellationToken);
        Assert.Single(_service.Requests);
    }

    [Fact]
    public async Task GetBatchJobStatusAsync_TimeoutDuringABackoffWait_ThrowsPartnerCenterTimeoutException()
    {
        // Every attempt fails fast; the wait after the first outlasts the call's bound.
        using var service = new FakePartnerCenterTransport();
        service.Documented().ThenFail(503);
        using var client = service.CreateClient(options =>
        {
            options.Timeout = TimeSpan.FromMilliseconds(200);
            (options.Retry.MaxRetries, options.Retry.BaseDelay, options.Retry.MaxDelay) = (5, TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(10));
        });

        var exception = await Assert.ThrowsAsync<PartnerCenterTimeoutException>(() => client.GetDocumentedAsync());

        // Jitter may make the first wait short, but never the call longer than its bound.
        Assert.Equal(Assert.Single(service.RequestIds().Distinct()), exception.RequestId);
        Assert.Contains("BatchStatusClientOptions.Timeout", exception.Message, StringComparison.Ordinal);
    }
}
