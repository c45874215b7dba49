using Microsoft.Extensions.DependencyInjection;
using PartnerCenter.BatchStatus.Tests.Support;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace PartnerCenter.BatchStatus.Tests.Pipeline;

public sealed class TokenSecurityTests : IDisposable
{
    private readonly WireMockServer _endpoint = LoopbackServer.Start("127.0.0.1");

    // "localhost" is another host than "127.0.0.1" for the client, though both are this machine.
    private readonly WireMockServer _elsewhere = LoopbackServer.Start("localhost");
    private readonly TestTokenCredential _credential = new();

    public TokenSecurityTests()
    {
        _elsewhere.Given(Request.Create().UsingAnyMethod())
            .RespondWith(Response.Create().WithStatusCode(200).WithHeader("Content-Type", "application/json").WithBody(RepositoryFiles.ReadDocumentedSample()));
    }

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
        var target = new Uri(_elsewhere.BaseAddress(), LoopbackServer.DocumentedPath.TrimStart('/'));
        _endpoint.Given(Request.Create().UsingGet())
            .RespondWith(Response.Create().WithStatusCode(status).WithHeader("Location", target.ToString()));
        using var client = new BatchStatusClient(_credential, LoopbackServer.OptionsFor(_endpoint));

        var exception = await Assert.ThrowsAsync<PartnerCenterApiException>(() => client.GetBatchJobStatusAsync(DocumentedIds.CustomerId, DocumentedIds.BatchTrackingId));

        Assert.Equal(status, exception.StatusCode);
        Assert.Contains("does not follow", exception.Message, StringComparison.Ordinal);
        Assert.Contains(target.GetLeftPart(UriPartial.Authority), exception.Message, StringComparison.Ordinal);
        Assert.Single(_endpoint.LogEntries);
        Assert.DoesNotContain(_elsewhere.LogEntries, entry => entry.Header("Authorization") is not null);
        Assert.Empty(_elsewhere.LogEntries);
    }

    [Fact]
    public async Task GetBatchJobStatusAsync_RedirectToAnotherPortOfTheSameHost_IsNotFollowed()
    {
        var samehost = LoopbackServer.Start("127.0.0.1");
        try
        {
            samehost.Given(Request.Create().UsingAnyMethod()).RespondWith(Response.Create().WithStatusCode(200));
            _endpoint.Given(Request.Create().UsingGet())
                .RespondWith(Response.Create().WithStatusCode(302).WithHeader("Location", new Uri(samehost.BaseAddress(), "stolen").ToString()));
            using var client = new BatchStatusClient(_credential, LoopbackServer.OptionsFor(_endpoint));

            var exception = await Assert.ThrowsAsync<PartnerCenterApiException>(() => client.GetBatchJobStatusAsync(DocumentedIds.CustomerId, DocumentedIds.BatchTrackingId));

            Assert.Equal(302, exception.StatusCode);
            Assert.Empty(samehost.LogEntries);
        }
        finally
        {
            samehost.Dispose();
        }
    }

    [Fact]
    public async Task GetBatchJobStatusAsync_RedirectWithinTheEndpoint_IsNotFollowed()
    {
        // The service never redirects this GET: a redirect, even to the endpoint itself, is an answer to report.
        _endpoint.Given(Request.Create().UsingGet().WithPath(LoopbackServer.DocumentedPath))
            .RespondWith(Response.Create().WithStatusCode(302).WithHeader("Location", "/v1/moved"));
        using var client = new BatchStatusClient(_credential, LoopbackServer.OptionsFor(_endpoint));

        var exception = await Assert.ThrowsAsync<PartnerCenterApiException>(() => client.GetBatchJobStatusAsync(DocumentedIds.CustomerId, DocumentedIds.BatchTrackingId));

        Assert.Equal(302, exception.StatusCode);
        Assert.Contains("does not follow", exception.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("file:", exception.Message, StringComparison.Ordinal);
        Assert.Single(_endpoint.LogEntries);
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
                options.Endpoint = _endpoint.BaseAddress();
                options.AllowInsecureLoopbackEndpoint = true;
            })

            // A misconfiguration: the HttpClient is pointed elsewhere than the options' endpoint.
            .ConfigureHttpClient(httpClient => httpClient.BaseAddress = _elsewhere.BaseAddress());
        await using var provider = services.BuildServiceProvider();
        var client = provider.GetRequiredService<IBatchStatusClient>();

        var exception = await Assert.ThrowsAsync<InvalidOperationException>(() => client.GetBatchJobStatusAsync(DocumentedIds.CustomerId, DocumentedIds.BatchTrackingId));

        Assert.Contains("was not sent", exception.Message, StringComparison.Ordinal);
        Assert.Contains(_endpoint.BaseAddress().GetLeftPart(UriPartial.Authority), exception.Message, StringComparison.Ordinal);
        Assert.Empty(_elsewhere.LogEntries);
        Assert.Empty(_endpoint.LogEntries);
        Assert.Equal(0, _credential.Calls);
    }

    [Fact]
    public async Task GetBatchJobStatusAsync_CallersHandlerInDependencyInjection_NeverSeesTheToken()
    {
        _endpoint.Given(Request.Create().UsingGet())
            .RespondWith(Response.Create().WithStatusCode(200).WithHeader("Content-Type", "application/json").WithBody(RepositoryFiles.ReadDocumentedSample()));
        var seen = new List<(string? Authorization, string? RequestId)>();
        var services = new ServiceCollection();
        services.AddBatchStatusClient(_credential, options =>
            {
                options.Endpoint = _endpoint.BaseAddress();
                options.AllowInsecureLoopbackEndpoint = true;
            })
            .AddHttpMessageHandler(() => new InspectingHandler(seen));
        await using var provider = services.BuildServiceProvider();

        await provider.GetRequiredService<IBatchStatusClient>().GetBatchJobStatusAsync(DocumentedIds.CustomerId, DocumentedIds.BatchTrackingId);

        var (authorization, requestId) = Assert.Single(seen);
        Assert.Null(authorization);
        Assert.NotNull(requestId);
        Assert.Equal("Bearer " + _credential.Token, Assert.Single(_endpoint.LogEntries).Header("Authorization"));
    }

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
