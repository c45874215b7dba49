using PartnerCenter.BatchStatus.Testing;
using PartnerCenter.BatchStatus.Tests.Support;

namespace PartnerCenter.BatchStatus.Tests.Pipeline;

public sealed class RequestOnTheWireTests : IDisposable
{
    private readonly FakePartnerCenter _server = FakePartnerCenter.Start();
    private readonly TestTokenCredential _credential = new();

    public RequestOnTheWireTests()
    {
        _server.AddDocumentedSample();
    }

    public void Dispose() => _server.Dispose();

    [Fact]
    public async Task GetBatchJobStatusAsync_OverLoopback_SendsTheDocumentedRequest()
    {
        var options = Kit.OptionsFor(_server);
        options.ApplicationName = "Contoso Device Onboarding";
        using var client = new BatchStatusClient(_credential, options);

        var details = await client.GetDocumentedAsync();

        Assert.Equal("0127ed8e-ff72-4983-a3d8-e8d8bd378932", details.BatchTrackingId);
        var entry = Assert.Single(_server.Requests);
        Assert.Equal("GET", entry.Method);
        Assert.Equal(Kit.DocumentedPath, entry.Path);
        Assert.Equal("Bearer " + _credential.Token, entry.GetHeader("Authorization"));
        Assert.True(Guid.TryParse(entry.GetHeader(PartnerCenterHeaderNames.RequestId), out var requestId) && requestId != Guid.Empty);
        Assert.True(Guid.TryParse(entry.GetHeader(PartnerCenterHeaderNames.CorrelationId), out var correlationId) && correlationId != Guid.Empty);
        Assert.NotEqual(requestId, correlationId);
        Assert.Equal("en-US", entry.GetHeader(PartnerCenterHeaderNames.Locale));
        Assert.Equal("Contoso Device Onboarding", entry.GetHeader(PartnerCenterHeaderNames.Application));
        Assert.Equal("application/json", entry.GetHeader("Accept"));
        Assert.StartsWith("PartnerCenter.BatchStatus/", entry.GetHeader("User-Agent"), StringComparison.Ordinal);
        Assert.DoesNotContain("kiota", entry.GetHeader("User-Agent"), StringComparison.OrdinalIgnoreCase);
        Assert.Null(entry.GetHeader("MS-Contract-Version"));
        Assert.Null(entry.GetHeader("Retry-Attempt"));

        // What the caller sees matches what was sent.
        Assert.Equal(requestId.ToString(), details.Response!.RequestId);
        Assert.Equal(correlationId.ToString(), details.Response.CorrelationId);
    }

    [Fact]
    public async Task GetBatchJobStatusAsync_DefaultOptions_AsksForThePartnerCenterScope()
    {
        using var client = new BatchStatusClient(_credential, Kit.OptionsFor(_server));

        await client.GetDocumentedAsync();

        var request = Assert.Single(_credential.Requests);
        Assert.Equal(["https://api.partnercenter.microsoft.com/.default"], request.Scopes);
    }

    [Fact]
    public async Task GetBatchJobStatusAsync_SequenceOfCalls_AsksTheCredentialOnceAndSendsANewRequestIdEachTime()
    {
        using var client = new BatchStatusClient(_credential, Kit.OptionsFor(_server));

        for (var i = 0; i < 3; i++)
        {
            var batch = _server.AddBatch(DocumentedIds.CustomerId, Guid.NewGuid()).ThenFinished();
            await client.GetBatchJobStatusAsync(batch.CustomerId, batch.BatchTrackingId);
        }

        Assert.Equal(1, _credential.Calls);
        Assert.Equal(3, _server.Requests.Count);
        Assert.All(_server.Requests, entry => Assert.Equal("Bearer " + _credential.Token, entry.GetHeader("Authorization")));
        Assert.Equal(3, _server.Requests.Select(entry => entry.GetHeader(PartnerCenterHeaderNames.RequestId)).Distinct().Count());
        Assert.Equal(3, _server.Requests.Select(entry => entry.GetHeader(PartnerCenterHeaderNames.CorrelationId)).Distinct().Count());
    }

    [Fact]
    public async Task GetBatchJobStatusAsync_InsideACorrelationScope_SendsTheScopesIdOnEveryCall()
    {
        using var client = new BatchStatusClient(_credential, Kit.OptionsFor(_server));
        var correlationId = Guid.NewGuid();

        using (PartnerCenterCorrelation.BeginScope(correlationId))
        {
            await client.GetDocumentedAsync();
            await client.GetDocumentedAsync();
        }

        await client.GetDocumentedAsync();

        var sent = _server.Requests.Select(entry => entry.GetHeader(PartnerCenterHeaderNames.CorrelationId)).ToList();
        Assert.Equal([correlationId.ToString(), correlationId.ToString()], sent.Take(2));
        Assert.NotEqual(correlationId.ToString(), sent[2]);
        Assert.Equal(3, _server.Requests.Select(entry => entry.GetHeader(PartnerCenterHeaderNames.RequestId)).Distinct().Count());
    }

    [Fact]
    public async Task GetBatchJobStatusAsync_OptionsWithoutApplicationName_SendsTheConfiguredLocaleAndNoApplication()
    {
        var options = Kit.OptionsFor(_server);
        options.Locale = "de-DE";
        using var client = new BatchStatusClient(_credential, options);

        await client.GetDocumentedAsync();

        var entry = Assert.Single(_server.Requests);
        Assert.Equal("de-DE", entry.GetHeader(PartnerCenterHeaderNames.Locale));
        Assert.Null(entry.GetHeader(PartnerCenterHeaderNames.Application));
    }

    [Fact]
    public async Task Constructor_OptionsChangedAfterwards_KeepsTheOptionsItWasGiven()
    {
        var options = Kit.OptionsFor(_server);
        using var client = new BatchStatusClient(_credential, options);
        options.Locale = "fr-FR";

        await client.GetDocumentedAsync();

        Assert.Equal("en-US", Assert.Single(_server.Requests).GetHeader(PartnerCenterHeaderNames.Locale));
    }

    [Fact]
    public async Task GetBatchJobStatusAsync_EmptyIds_ThrowBeforeATokenIsAskedOrARequestSent()
    {
        using var client = new BatchStatusClient(_credential, Kit.OptionsFor(_server));

        var customer = await Assert.ThrowsAsync<ArgumentException>(() => client.GetBatchJobStatusAsync(Guid.Empty, DocumentedIds.BatchTrackingId));
        var batch = await Assert.ThrowsAsync<ArgumentException>(() => client.GetBatchJobStatusAsync(DocumentedIds.CustomerId, Guid.Empty));

        Assert.Equal("customerId", customer.ParamName);
        Assert.Equal("batchTrackingId", batch.ParamName);
        Assert.Equal(0, _credential.Calls);
        Assert.Empty(_server.Requests);
    }

    [Fact]
    public async Task Dispose_ClientCreatedWithACredential_ReleasesItsPipeline()
    {
        var client = new BatchStatusClient(_credential, Kit.OptionsFor(_server));
        client.Dispose();
        client.Dispose();

        await Assert.ThrowsAsync<ObjectDisposedException>(() => client.GetDocumentedAsync());
        Assert.Empty(_server.Requests);
    }
}
