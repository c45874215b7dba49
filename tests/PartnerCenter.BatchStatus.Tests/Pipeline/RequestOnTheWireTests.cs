using PartnerCenter.BatchStatus.Tests.Support;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace PartnerCenter.BatchStatus.Tests.Pipeline;

public sealed class RequestOnTheWireTests : IDisposable
{
    private readonly WireMockServer _server = LoopbackServer.Start();
    private readonly TestTokenCredential _credential = new();

    public RequestOnTheWireTests()
    {
        _server
            .Given(Request.Create().UsingGet().WithPath(new WireMock.Matchers.RegexMatcher("^/v1/customers/[^/]+/batchJobStatus/[^/]+$")))
            .RespondWith(Response.Create().WithStatusCode(200).WithHeader("Content-Type", "application/json").WithBody(RepositoryFiles.ReadDocumentedSample()));
    }

    public void Dispose() => _server.Dispose();

    [Fact]
    public async Task GetBatchJobStatusAsync_OverLoopback_SendsTheDocumentedRequest()
    {
        var options = LoopbackServer.OptionsFor(_server);
        options.ApplicationName = "Contoso Device Onboarding";
        using var client = new BatchStatusClient(_credential, options);

        var details = await client.GetBatchJobStatusAsync(DocumentedIds.CustomerId, DocumentedIds.BatchTrackingId);

        Assert.Equal("0127ed8e-ff72-4983-a3d8-e8d8bd378932", details.BatchTrackingId);
        var entry = Assert.Single(_server.LogEntries);
        Assert.Equal("GET", entry.RequestMessage!.Method);
        Assert.Equal(LoopbackServer.DocumentedPath, entry.RequestMessage!.Path);
        Assert.Equal("Bearer " + _credential.Token, entry.Header("Authorization"));
        Assert.True(Guid.TryParse(entry.Header(PartnerCenterHeaderNames.RequestId), out var requestId) && requestId != Guid.Empty);
        Assert.True(Guid.TryParse(entry.Header(PartnerCenterHeaderNames.CorrelationId), out var correlationId) && correlationId != Guid.Empty);
        Assert.NotEqual(requestId, correlationId);
        Assert.Equal("en-US", entry.Header(PartnerCenterHeaderNames.Locale));
        Assert.Equal("Contoso Device Onboarding", entry.Header(PartnerCenterHeaderNames.Application));
        Assert.Equal("application/json", entry.Header("Accept"));
        Assert.StartsWith("PartnerCenter.BatchStatus/", entry.Header("User-Agent"), StringComparison.Ordinal);
        Assert.DoesNotContain("kiota", entry.Header("User-Agent"), StringComparison.OrdinalIgnoreCase);
        Assert.Null(entry.Header("MS-Contract-Version"));
        Assert.Null(entry.Header("Retry-Attempt"));

        // What the caller sees matches what was sent.
        Assert.Equal(requestId.ToString(), details.Response!.RequestId);
        Assert.Equal(correlationId.ToString(), details.Response.CorrelationId);
    }

    [Fact]
    public async Task GetBatchJobStatusAsync_DefaultOptions_AsksForThePartnerCenterScope()
    {
        using var client = new BatchStatusClient(_credential, LoopbackServer.OptionsFor(_server));

        await client.GetBatchJobStatusAsync(DocumentedIds.CustomerId, DocumentedIds.BatchTrackingId);

        var request = Assert.Single(_credential.Requests);
        Assert.Equal(["https://api.partnercenter.microsoft.com/.default"], request.Scopes);
    }

    [Fact]
    public async Task GetBatchJobStatusAsync_SequenceOfCalls_AsksTheCredentialOnceAndSendsANewRequestIdEachTime()
    {
        using var client = new BatchStatusClient(_credential, LoopbackServer.OptionsFor(_server));

        for (var i = 0; i < 3; i++)
        {
            await client.GetBatchJobStatusAsync(DocumentedIds.CustomerId, Guid.NewGuid());
        }

        Assert.Equal(1, _credential.Calls);
        Assert.Equal(3, _server.LogEntries.Count());
        Assert.All(_server.LogEntries, entry => Assert.Equal("Bearer " + _credential.Token, entry.Header("Authorization")));
        Assert.Equal(3, _server.LogEntries.Select(entry => entry.Header(PartnerCenterHeaderNames.RequestId)).Distinct().Count());
        Assert.Equal(3, _server.LogEntries.Select(entry => entry.Header(PartnerCenterHeaderNames.CorrelationId)).Distinct().Count());
    }

    [Fact]
    public async Task GetBatchJobStatusAsync_InsideACorrelationScope_SendsTheScopesIdOnEveryCall()
    {
        using var client = new BatchStatusClient(_credential, LoopbackServer.OptionsFor(_server));
        var correlationId = Guid.NewGuid();

        using (PartnerCenterCorrelation.BeginScope(correlationId))
        {
            await client.GetBatchJobStatusAsync(DocumentedIds.CustomerId, DocumentedIds.BatchTrackingId);
            await client.GetBatchJobStatusAsync(DocumentedIds.CustomerId, DocumentedIds.BatchTrackingId);
        }

        await client.GetBatchJobStatusAsync(DocumentedIds.CustomerId, DocumentedIds.BatchTrackingId);

        var sent = _server.LogEntries.Select(entry => entry.Header(PartnerCenterHeaderNames.CorrelationId)).ToList();
        Assert.Equal([correlationId.ToString(), correlationId.ToString()], sent.Take(2));
        Assert.NotEqual(correlationId.ToString(), sent[2]);
        Assert.Equal(3, _server.LogEntries.Select(entry => entry.Header(PartnerCenterHeaderNames.RequestId)).Distinct().Count());
    }

    [Fact]
    public async Task GetBatchJobStatusAsync_OptionsWithoutApplicationName_SendsTheConfiguredLocaleAndNoApplication()
    {
        var options = LoopbackServer.OptionsFor(_server);
        options.Locale = "de-DE";
        using var client = new BatchStatusClient(_credential, options);

        await client.GetBatchJobStatusAsync(DocumentedIds.CustomerId, DocumentedIds.BatchTrackingId);

        var entry = Assert.Single(_server.LogEntries);
        Assert.Equal("de-DE", entry.Header(PartnerCenterHeaderNames.Locale));
        Assert.Null(entry.Header(PartnerCenterHeaderNames.Application));
    }

    [Fact]
    public async Task Constructor_OptionsChangedAfterwards_KeepsTheOptionsItWasGiven()
    {
        var options = LoopbackServer.OptionsFor(_server);
        using var client = new BatchStatusClient(_credential, options);
        options.Locale = "fr-FR";

        await client.GetBatchJobStatusAsync(DocumentedIds.CustomerId, DocumentedIds.BatchTrackingId);

        Assert.Equal("en-US", Assert.Single(_server.LogEntries).Header(PartnerCenterHeaderNames.Locale));
    }

    [Fact]
    public async Task GetBatchJobStatusAsync_EmptyIds_ThrowBeforeATokenIsAskedOrARequestSent()
    {
        using var client = new BatchStatusClient(_credential, LoopbackServer.OptionsFor(_server));

        var customer = await Assert.ThrowsAsync<ArgumentException>(() => client.GetBatchJobStatusAsync(Guid.Empty, DocumentedIds.BatchTrackingId));
        var batch = await Assert.ThrowsAsync<ArgumentException>(() => client.GetBatchJobStatusAsync(DocumentedIds.CustomerId, Guid.Empty));

        Assert.Equal("customerId", customer.ParamName);
        Assert.Equal("batchTrackingId", batch.ParamName);
        Assert.Equal(0, _credential.Calls);
        Assert.Empty(_server.LogEntries);
    }

    [Fact]
    public async Task Dispose_ClientCreatedWithACredential_ReleasesItsPipeline()
    {
        var client = new BatchStatusClient(_credential, LoopbackServer.OptionsFor(_server));
        client.Dispose();
        client.Dispose();

        await Assert.ThrowsAsync<ObjectDisposedException>(() => client.GetBatchJobStatusAsync(DocumentedIds.CustomerId, DocumentedIds.BatchTrackingId));
        Assert.Empty(_server.LogEntries);
    }
}
