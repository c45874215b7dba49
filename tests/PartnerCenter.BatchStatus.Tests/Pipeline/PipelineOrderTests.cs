using Microsoft.Extensions.Http.Resilience;
using Microsoft.Kiota.Http.HttpClientLibrary.Middleware;
using PartnerCenter.BatchStatus.Http;
using PartnerCenter.BatchStatus.Tests.Support;

namespace PartnerCenter.BatchStatus.Tests.Pipeline;

public sealed class PipelineOrderTests
{
    [Fact]
    public void CreateHandlers_Always_PutsEachConcernWhereItsGuaranteeHolds()
    {
        var (outer, inner) = BatchStatusPipeline.CreateHandlers(new FakeTokenCredential(), new BatchStatusClientOptions(), loggerFactory: null);

        Assert.Equal(
            [
                // Once per logical call: outside the retries, so every retry repeats MS-RequestId.
                typeof(PartnerCenterTelemetryHandler),
                typeof(PartnerCenterTimeoutHandler),
                typeof(PartnerCenterHeadersHandler),

                // Kiota's defaults, with Polly in the place of Kiota's RetryHandler.
                typeof(UriReplacementHandler<Microsoft.Kiota.Http.HttpClientLibrary.Middleware.Options.UriReplacementHandlerOption>),
                typeof(ResilienceHandler),
                typeof(RedirectHandler),
                typeof(ParametersNameDecodingHandler),
                typeof(UserAgentHandler),
                typeof(HeadersInspectionHandler),
                typeof(BodyInspectionHandler),
            ],
            outer.Select(handler => handler.GetType()));

        // Innermost: nothing leaves for another origin, and only then is the token added.
        Assert.Equal([typeof(PartnerCenterEndpointGuardHandler), typeof(PartnerCenterAuthorizationHandler)], inner.Select(handler => handler.GetType()));
        Assert.IsAssignableFrom<AuthorizationHandler>(inner[^1]);
        Assert.DoesNotContain(outer.Concat(inner), handler => handler is RetryHandler);
    }

    [Fact]
    public void CreatePrimaryHandler_Always_NeverFollowsRedirectsAndRenewsItsConnections()
    {
        using var handler = BatchStatusPipeline.CreatePrimaryHandler();

        Assert.False(handler.AllowAutoRedirect);
        Assert.Equal(System.Net.DecompressionMethods.All, handler.AutomaticDecompression);
        Assert.InRange(handler.PooledConnectionLifetime, TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(15));
        Assert.False(handler.UseCookies);
    }

    [Fact]
    public void Constructor_WithACredential_UsesTheEndpointAndNoHttpClientTimeout()
    {
        using var httpClient = BatchStatusPipeline.CreateHttpClient(new FakeTokenCredential(), new BatchStatusClientOptions { Endpoint = new Uri("https://api.partnercenter.microsoft.com") }, primaryHandler: null);

        Assert.Equal(new Uri("https://api.partnercenter.microsoft.com/"), httpClient.BaseAddress);
        Assert.Equal(Timeout.InfiniteTimeSpan, httpClient.Timeout);
    }
}
