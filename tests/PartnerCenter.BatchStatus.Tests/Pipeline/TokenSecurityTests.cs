using Microsoft.Extensions.DependencyInjection;
using PartnerCenter.BatchStatus.Testing;
using PartnerCenter.BatchStatus.Tests.Support;

namespace PartnerCenter.BatchStatus.Tests.Pipeline;

public sealed class TokenSecurityTests : IDisposable
{
    private readonly FakePartnerCenter _endpoint = FakePartnerCenter.Start();
    private readonly FakePartnerCenter _elsewhere = FakePartnerCenter.Start();
    private readonly TestTokenCredential _credential = new();

    public TokenSecurityTests() => _elsewhere.AddDocumentedSample();

    // "localhost" is another host than "127.0.0.1" for the client, though both are this machine.
    private Uri ElsewhereAddress => new UriBuilder(_elsewhere.Endpoint) { Host = "localhost" }.Uri;

    public void Dispose()
    {
        _endpoint.Dispose();
        _elsewhere.Dispose();
    }

    [Theory]
    [InlineData(302)]
    [InlineData(307)]
    [InlineData(308)]
    public async Task GetBatchJobStatusAsync_RedirectToAnotherHost_IsNotFollowedAndNeverCarriesTheToken(int status)
    {
        var target = new Uri(ElsewhereAddress, Kit.DocumentedPath.TrimStart('/'));
        RedirectTo(target.ToString(), status);
        using var client = new BatchStatusClient(_credential, Kit.OptionsFor(_endpoint));

        var exception = await Assert.ThrowsAsync<PartnerCenterApiException>(() => client.GetDocumentedAsync());

        Assert.Equal(status, exception.StatusCode);
        Assert.Contains("does not follow", exception.Message, StringComparison.Ordinal);
        Assert.Contains(target.GetLeftPart(UriPartial.Authority), exception.Message, StringComparison.Ordinal);
        Assert.Single(_endpoint.Requests);
        Assert.DoesNotContain(_elsewhere.Requests, entry => entry.GetHeader("Authorization") is not null);
        Assert.Empty(_elsewhere.Requests);
    }

    [Fact]
    public async Task GetBatchJobStatusAsync_RedirectToAnotherPortOfTheSameHost_IsNotFollowed()
    {
        await using var samehost = FakePartnerCenter.Start();
        RedirectTo(new Uri(samehost.Endpoint, "stolen").ToString());
        using var client = new BatchStatusClient(_credential, Kit.OptionsFor(_endpoint));

        var exception = await Assert.ThrowsAsync<PartnerCenterApiException>(() => client.GetDocumentedAsync());

        Assert.Equal(302, exception.StatusCode);
        Assert.Empty(samehost.Requests);
    }

    [Fact]
    public async Task GetBatchJobStatusAsync_RedirectWithinTheEndpoint_IsNotFollowed()
    {
        // The service never redirects this GET: a redirect, even to the endpoint itself, is an answer to report.
        RedirectTo("/v1/moved");
        using var client = new BatchStatusClient(_credential, Kit.OptionsFor(_endpoint));

        var exception = await Assert.ThrowsAsync<PartnerCenterApiException>(() => client.GetDocumentedAsync());

        Assert.Equal(302, exception.StatusCode);
        Assert.Contains("does not follow", exception.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("file:", exception.Message, StringComparison.Ordinal);
        Assert.Single(_endpoint.Requests);
    }

    [Theory]
    [InlineData("http://api.partnercenter.microsoft.com/", true)]
    [InlineData("http://192.168.10.20:8080/", true)]
    [InlineData("http://127.0.0.1:5000/", false)]
    [InlineData("http://localhost:5000/", false)]
    public void Constructor_PlainHttpEndpoint_IsRefusedBeforeAnyRequest(string endpoint, bool allowLoopback)
    {
        var options = new BatchStatusClientOptions { Endpoint = new Uri(endpoint), AllowInsecureLoopbackEndpoint = allowLoopback };

        var exception = Assert.Throws<ArgumentException>(() => new BatchStatusClient(_credential, options));

        Assert.Equal("Endpoint", exception.ParamName);
        Assert.Contains("http", exception.Message, StringComparison.Ordinal);
        Assert.Equal(0, _credential.Calls);
    }

    [Fact]
    public async Task GetBatchJobStatusAsync_HostOutsideTheAllowedList_IsRefusedWithTheReason()
    {
        var services = new ServiceCollection();
        services.AddBatchStatusClient(_credential, options =>
            {
                options.Endpoint = _endpoint.Endpoint;
                options.AllowInsecureLoopbackEndpoint = true;
            })

            // A misconfiguration: the HttpClient is pointed elsewhere than the options' endpoint.
            .ConfigureHttpClient(httpClient => httpClient.BaseAddress = ElsewhereAddress);
        await using var provider = services.BuildServiceProvider();
        var client = provider.GetRequiredService<IBatchStatusClient>();

        var exception = await Assert.ThrowsAsync<InvalidOperationException>(() => client.GetDocumentedAsync());

        Assert.Contains("was not sent", exception.Message, StringComparison.Ordinal);
        Assert.Contains(_endpoint.Endpoint.GetLeftPart(UriPartial.Authority), exception.Message, StringComparison.Ordinal);
        Assert.Empty(_elsewhere.Requests);
        Assert.Empty(_endpoint.Requests);
        Assert.Equal(0, _credential.Calls);
    }

    [Fact]
    public async Task GetBatchJobStatusAsync_CallersHandlerInDependencyInjection_NeverSeesTheToken()
    {
        _endpoint.AddDocumentedSample();
        var seen = new List<(string? Authorization, string? RequestId)>();
        var services = new ServiceCollection();
        services.AddBatchStatusClient(_credential, options =>
            {
                options.Endpoint = _endpoint.Endpoint;
                options.AllowInsecureLoopbackEndpoint = true;
            })
            .AddHttpMessageHandler(() => new InspectingHandler(seen));
        await using var provider = services.BuildServiceProvider();

        await provider.GetRequiredService<IBatchStatusClient>().GetBatchJobStatusAsync(DocumentedIds.CustomerId, DocumentedIds.BatchTrackingId);

        var (authorization, requestId) = Assert.Single(seen);
        Assert.Null(authorization);
        Assert.NotNull(requestId);
        Assert.Equal("Bearer " + _credential.Token, Assert.Single(_endpoint.Requests).GetHeader("Authorization"));
    }

    private void RedirectTo(string location, int status = 302) =>
        _endpoint.AddBatch(DocumentedIds.CustomerId, DocumentedIds.BatchTrackingId).ThenRespond(status, string.Empty, headers: new Dictionary<string, string> { ["Location"] = location });

    private sealed class InspectingHandler(List<(string? Authorization, string? RequestId)> seen) : DelegatingHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            seen.Add((
                request.Headers.Authorization?.ToString(),
                request.Headers.TryGetValues(PartnerCenterHeaderNames.RequestId, out var ids) ? ids.Single() : null));
            return base.SendAsync(request, cancellationToken);
        }
    }
}
