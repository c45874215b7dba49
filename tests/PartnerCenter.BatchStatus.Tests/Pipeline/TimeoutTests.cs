using System.Net;
using PartnerCenter.BatchStatus.Tests.Support;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace PartnerCenter.BatchStatus.Tests.Pipeline;

public sealed class TimeoutTests
{
    private readonly FakeTokenCredential _credential = new();

    [Fact]
    public async Task GetBatchJobStatusAsync_SlowServerOverLoopback_ThrowsPartnerCenterTimeoutException()
    {
        using var server = LoopbackServer.Start();
        server.Given(Request.Create().UsingGet())
            .RespondWith(Response.Create().WithStatusCode(200).WithDelay(TimeSpan.FromSeconds(10)).WithBody(RepositoryFiles.ReadDocumentedSample()));
        var options = LoopbackServer.OptionsFor(server);
        options.Timeout = TimeSpan.FromMilliseconds(300);
        using var client = new BatchStatusClient(_credential, options);
        using var caller = new CancellationTokenSource();

        var exception = await Assert.ThrowsAsync<PartnerCenterTimeoutException>(() => client.GetBatchJobStatusAsync(DocumentedIds.CustomerId, DocumentedIds.BatchTrackingId, caller.Token));

        Assert.IsAssignableFrom<TimeoutException>(exception);
        Assert.False(caller.IsCancellationRequested);
        Assert.Equal(TimeSpan.FromMilliseconds(300), exception.Timeout);
        Assert.True(Guid.TryParse(exception.RequestId, out _));
        Assert.True(Guid.TryParse(exception.CorrelationId, out _));
        Assert.Contains("BatchStatusClientOptions.Timeout", exception.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(_credential.Token, exception.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetBatchJobStatusAsync_CallLongerThanTimeout_ThrowsPartnerCenterTimeoutExceptionWithTheCallsIds()
    {
        var handler = new HangingHandler();
        var options = new BatchStatusClientOptions { Timeout = TimeSpan.FromMilliseconds(200) };
        using var client = new BatchStatusClient(_credential, options.WithTransport(handler));

        var exception = await Assert.ThrowsAsync<PartnerCenterTimeoutException>(() => client.GetBatchJobStatusAsync(DocumentedIds.CustomerId, DocumentedIds.BatchTrackingId));

        Assert.Equal(Assert.Single(handler.RequestIds), exception.RequestId);
        Assert.Equal(TimeSpan.FromMilliseconds(200), exception.Timeout);
        Assert.Contains("BatchStatusClientOptions.Timeout", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetBatchJobStatusAsync_EveryAttemptLongerThanAttemptTimeout_RetriesThenThrowsPartnerCenterTimeoutException()
    {
        var handler = new HangingHandler();
        var options = new BatchStatusClientOptions
        {
            Retry = { MaxRetries = 1, BaseDelay = TimeSpan.FromMilliseconds(1), MaxDelay = TimeSpan.FromMilliseconds(5), AttemptTimeout = TimeSpan.FromMilliseconds(100) },
        };
        using var client = new BatchStatusClient(_credential, options.WithTransport(handler));

        var exception = await Assert.ThrowsAsync<PartnerCenterTimeoutException>(() => client.GetBatchJobStatusAsync(DocumentedIds.CustomerId, DocumentedIds.BatchTrackingId));

        Assert.Equal(TimeSpan.FromMilliseconds(100), exception.Timeout);
        Assert.Contains("AttemptTimeout", exception.Message, StringComparison.Ordinal);
        Assert.Equal(2, handler.RequestIds.Count);
        Assert.Single(handler.RequestIds.Distinct());
    }

    [Fact]
    public async Task GetBatchJobStatusAsync_CallerCancelsDuringAnAttempt_ThrowsOperationCanceledExceptionNotATimeout()
    {
        var handler = new HangingHandler();
        using var client = new BatchStatusClient(_credential, new BatchStatusClientOptions().WithTransport(handler));
        using var caller = new CancellationTokenSource();

        var call = client.GetBatchJobStatusAsync(DocumentedIds.CustomerId, DocumentedIds.BatchTrackingId, caller.Token);
        await handler.FirstAttempt;
        await caller.CancelAsync();

        var exception = await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call.WaitAsync(TimeSpan.FromSeconds(20)));
        Assert.Equal(caller.Token, exception.CancellationToken);
        Assert.Single(handler.RequestIds);
    }

    [Fact]
    public async Task GetBatchJobStatusAsync_TimeoutDuringABackoffWait_ThrowsPartnerCenterTimeoutException()
    {
        // Every attempt fails fast; the wait after the first outlasts the call's bound.
        var handler = ScriptedHandler.Statuses(Enumerable.Repeat(HttpStatusCode.ServiceUnavailable, 10).ToArray());
        var options = new BatchStatusClientOptions
        {
            Timeout = TimeSpan.FromMilliseconds(200),
            Retry = { MaxRetries = 5, BaseDelay = TimeSpan.FromSeconds(5), MaxDelay = TimeSpan.FromSeconds(10) },
        };
        using var client = new BatchStatusClient(_credential, options.WithTransport(handler));

        var exception = await Assert.ThrowsAsync<PartnerCenterTimeoutException>(() => client.GetBatchJobStatusAsync(DocumentedIds.CustomerId, DocumentedIds.BatchTrackingId));

        // Jitter may make the first wait short, but never the call longer than its bound.
        Assert.Equal(Assert.Single(handler.Attempts.Select(attempt => attempt.RequestId).Distinct()), exception.RequestId);
        Assert.Contains("BatchStatusClientOptions.Timeout", exception.Message, StringComparison.Ordinal);
    }
}
