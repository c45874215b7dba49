using Microsoft.Kiota.Http.HttpClientLibrary.Middleware;
using PartnerCenter.BatchStatus.Http;
using PartnerCenter.BatchStatus.Testing;
using PartnerCenter.BatchStatus.Tests.Support;

namespace PartnerCenter.BatchStatus.Tests.Pipeline;

public sealed class PipelineOrderTests
{
    [Fact]
    public void CreateHandlers_Always_ListsOnlyTheGuardThenTheToken()
    {
        var handlers = PartnerCenterHttp.CreateHandlers(new TestTokenCredential(), new BatchStatusClientOptions());

        // Nothing leaves for another origin, and only then is the token added; retries, timeouts and headers belong to
        // the call, not to handlers.
        Assert.Equal([typeof(PartnerCenterEndpointGuardHandler), typeof(PartnerCenterAuthorizationHandler)], handlers.Select(handler => handler.GetType()));
        Assert.IsAssignableFrom<AuthorizationHandler>(handlers[^1]);
    }

    [Fact]
    public void CreateTransport_ByDefault_NeverFollowsRedirectsAndRenewsItsConnections()
    {
        using var handler = Assert.IsType<SocketsHttpHandler>(PartnerCenterHttp.CreateTransport(new BatchStatusClientOptions()));

        Assert.False(handler.AllowAutoRedirect);
        Assert.Equal(System.Net.DecompressionMethods.All, handler.AutomaticDecompression);
        Assert.InRange(handler.PooledConnectionLifetime, TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(15));
        Assert.False(handler.UseCookies);
    }

    [Fact]
    public void CreateHttpClient_Always_UsesTheEndpointAndNoHttpClientTimeout()
    {
        using var httpClient = PartnerCenterHttp.CreateHttpClient(new TestTokenCredential(), new BatchStatusClientOptions { Endpoint = new Uri("https://api.partnercenter.microsoft.com") });

        Assert.Equal(new Uri("https://api.partnercenter.microsoft.com/"), httpClient.BaseAddress);
        Assert.Equal(Timeout.InfiniteTimeSpan, httpClient.Timeout);
    }

    [Fact]
    public async Task Dispose_WithACallersTransport_LeavesTheTransportUsable()
    {
        using var transport = new FakePartnerCenterTransport();
        transport.Documented().ThenRespond(200, "{}");
        var options = new BatchStatusClientOptions { Transport = transport };

        new BatchStatusClient(new TestTokenCredential(), options).Dispose();
        using var second = new BatchStatusClient(new TestTokenCredential(), options);

        Assert.NotNull(await second.GetBatchJobStatusAsync(DocumentedIds.CustomerId, DocumentedIds.BatchTrackingId));
    }
}
