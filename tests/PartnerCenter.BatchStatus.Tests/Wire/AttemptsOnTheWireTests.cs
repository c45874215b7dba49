using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using PartnerCenter.BatchStatus.Tests.Support;
using static PartnerCenter.BatchStatus.Tests.Support.RawSocketServer;

namespace PartnerCenter.BatchStatus.Tests.Wire;

/// <summary>
/// What the wire sees per call, over a real socket: each attempt is one request on at most one new connection, after
/// its turn in the request budget, and connections are still kept alive and shared on the normal path.
/// </summary>
public sealed class AttemptsOnTheWireTests
{
    private static readonly string Sample = RepositoryFiles.ReadDocumentedSample();
    private readonly TestTokenCredential _credential = new();

    [Theory]
    [InlineData(0)]
    [InlineData(2)]
    [InlineData(3)]
    public async Task GetBatchJobStatusAsync_ServerClosesEveryConnectionWithoutAByte_SendsMaxRetriesPlusOneRequestsOnAsManyConnections(int maxRetries)
    {
        await using var server = new RawSocketServer(_ => Answer.CloseWithoutAnswer());
        using var meters = new TestMeterFactory();
        using var budgetWaits = new MetricCollector<double>(meters, "PartnerCenter.BatchStatus", "partnercenter.batch_status.budget.wait");
        var options = server.Options(maxRetries);
        options.MeterFactory = meters;
        using var client = new BatchStatusClient(_credential, options);

        var exception = await Assert.ThrowsAsync<HttpRequestException>(() => client.GetBatchJobStatusAsync(DocumentedIds.CustomerId, DocumentedIds.BatchTrackingId));

        // Every request of the call has arrived once the call has ended: the attempts run one after the other.
        Assert.Equal(HttpRequestError.ConnectionError, exception.HttpRequestError);
        Assert.Equal(maxRetries + 1, server.Requests.Count);
        Assert.Equal(maxRetries + 1, server.Connections);
        Assert.Equal(maxRetries + 1, budgetWaits.GetMeasurementSnapshot().Count);
        Assert.Single(server.Requests.Select(RequestIdOf).Distinct());
    }

    [Fact]
    public async Task AddBatchStatusClient_ServerClosesEveryConnectionWithoutAByte_SendsMaxRetriesPlusOneRequests()
    {
        await using var server = new RawSocketServer(_ => Answer.CloseWithoutAnswer());
        var services = new ServiceCollection();
        services.AddBatchStatusClient(_credential, options =>
        {
            options.Endpoint = server.Endpoint;
            options.AllowInsecureLoopbackEndpoint = true;
            options.Retry.MaxRetries = 2;
            options.Retry.BaseDelay = TimeSpan.FromMilliseconds(1);
            options.Retry.MaxDelay = TimeSpan.FromMilliseconds(5);
        });
        await using var provider = services.BuildServiceProvider();
        var client = provider.GetRequiredService<IBatchStatusClient>();

        await Assert.ThrowsAsync<HttpRequestException>(() => client.GetBatchJobStatusAsync(DocumentedIds.CustomerId, DocumentedIds.BatchTrackingId));

        Assert.Equal(3, server.Requests.Count);
        Assert.Equal(3, server.Connections);
    }

    [Fact]
    public async Task GetBatchJobStatusAsync_ServerClosesTheFirstConnectionWithoutAByte_TheRetrySucceeds()
    {
        await using var server = new RawSocketServer(attempt => attempt == 0 ? Answer.CloseWithoutAnswer() : Answer.Complete(200, Sample));
        using var client = new BatchStatusClient(_credential, server.Options(maxRetries: 2));

        var details = await client.GetBatchJobStatusAsync(DocumentedIds.CustomerId, DocumentedIds.BatchTrackingId);

        Assert.Equal("finished", details.Status);
        Assert.Equal(2, server.Requests.Count);
        Assert.Equal(2, server.Connections);
    }

    [Fact]
    public async Task GetBatchJobStatusAsync_ClaimsChallengeOnAClosedConnection_IsAnsweredOnANewOneWithinTheAttempt()
    {
        // The authorization handler's one re-send after a claims challenge (continuous access evaluation) is a new
        // request message: the one-connection rule does not stop it.
        const string Challenge = "WWW-Authenticate: Bearer realm=\"\", error=\"insufficient_claims\", claims=\"eyJhY2Nlc3NfdG9rZW4iOnsibmJmIjp7ImVzc2VudGlhbCI6dHJ1ZX19fQ==\"\r\n";
        await using var server = new RawSocketServer(attempt => attempt == 0 ? Answer.Complete(401, """{"code":"401"}""", Challenge) : Answer.Complete(200, Sample));
        using var client = new BatchStatusClient(_credential, server.Options(maxRetries: 0));

        var details = await client.GetBatchJobStatusAsync(DocumentedIds.CustomerId, DocumentedIds.BatchTrackingId);

        Assert.Equal("finished", details.Status);
        Assert.Equal(2, server.Connections);
        Assert.Contains(_credential.Requests, request => request.Claims is not null);
    }

    [Fact]
    public async Task GetBatchJobStatusAsync_SequentialCallsOnAKeptAliveConnection_ShareOneConnection()
    {
        await using var server = new RawSocketServer(_ => Answer.KeepAlive(200, Sample));
        var options = server.Options();
        options.MaxRequestsPerSecond = 0;
        using var client = new BatchStatusClient(_credential, options);

        for (var i = 0; i < 20; i++)
        {
            var details = await client.GetBatchJobStatusAsync(DocumentedIds.CustomerId, DocumentedIds.BatchTrackingId);
            Assert.Equal("finished", details.Status);
        }

        Assert.Equal(20, server.Requests.Count);
        Assert.Equal(1, server.Connections);
    }

    [Fact]
    public async Task GetBatchJobStatusAsync_ConcurrentCallsOnKeptAliveConnections_AllSucceedAndReuseTheirConnections()
    {
        await using var server = new RawSocketServer(_ => Answer.KeepAlive(200, Sample));
        var options = server.Options();
        options.MaxRequestsPerSecond = 0;
        using var client = new BatchStatusClient(_credential, options);

        for (var round = 0; round < 5; round++)
        {
            var calls = Enumerable.Range(0, 16).Select(_ => client.GetBatchJobStatusAsync(Guid.NewGuid(), DocumentedIds.BatchTrackingId));
            Assert.All(await Task.WhenAll(calls), details => Assert.Equal("finished", details.Status));
        }

        // At most one connection per call in flight; the later rounds reuse them.
        Assert.Equal(80, server.Requests.Count);
        Assert.InRange(server.Connections, 1, 16);
    }

    private static string RequestIdOf(string head) =>
        head.Split("\r\n").Single(line => line.StartsWith("MS-RequestId:", StringComparison.OrdinalIgnoreCase))["MS-RequestId:".Length..].Trim();
}
