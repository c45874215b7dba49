using System.Net;
using Azure.Core;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Kiota.Abstractions;
using Microsoft.Kiota.Authentication.Azure;
using Microsoft.Kiota.Http.HttpClientLibrary;
using Microsoft.Kiota.Http.HttpClientLibrary.Middleware;
using Microsoft.Kiota.Http.HttpClientLibrary.Middleware.Options;

namespace PartnerCenter.BatchStatus.Http;

/// <summary>
/// Builds the HTTP pipeline of a <see cref="BatchStatusClient"/>, the same for a client created with a credential and
/// for one registered with <c>AddBatchStatusClient</c>. Outermost first:
/// <list type="number">
/// <item>telemetry: one activity and one log line per logical call;</item>
/// <item>timeout: the bound on the whole call, told apart from the caller's cancellation;</item>
/// <item>Partner Center headers: <c>MS-RequestId</c> and the rest, once per call, so retries repeat them;</item>
/// <item>Kiota's default handlers, with the retry handler replaced by a Polly resilience handler and redirects
/// followed only within the endpoint's origin;</item>
/// <item>(with dependency injection, the caller's own handlers: they never see the token);</item>
/// <item>the endpoint guard: nothing leaves for another origin or over plain http;</item>
/// <item>Kiota's authorization handler, with the endpoint's host as the only allowed host.</item>
/// </list>
/// The primary handler is a <see cref="SocketsHttpHandler"/> that never follows redirects by itself.
/// </summary>
internal static class BatchStatusPipeline
{
    private const int MaxRedirects = 5;

    /// <summary>Creates the client's own HttpClient, which disposes the whole pipeline with it.</summary>
    public static HttpClient CreateHttpClient(TokenCredential credential, BatchStatusClientOptions? options, HttpMessageHandler? primaryHandler)
    {
        ArgumentNullException.ThrowIfNull(credential);
        options ??= new BatchStatusClientOptions();
        options.Validate();
        options = options.Clone();

        var cachedCredential = new CachingTokenCredential(credential, options.TimeProvider);
        var pipeline = CreateHandlers(cachedCredential, options, options.LoggerFactory);
        var handlers = pipeline.Outer.Concat(pipeline.Inner).ToArray();
        var first = KiotaClientFactory.ChainHandlersCollectionAndGetFirstLink(primaryHandler ?? CreatePrimaryHandler(), handlers)!;
        var client = new HttpClient(first, disposeHandler: true);
        ConfigureHttpClient(client, options);
        return client;
    }

    /// <summary>
    /// Creates new handler instances (a handler belongs to one chain): those that go before any handler of the
    /// caller's, and those that go after, next to the primary handler.
    /// </summary>
    public static (IList<DelegatingHandler> Outer, IList<DelegatingHandler> Inner) CreateHandlers(
        TokenCredential cachedCredential,
        BatchStatusClientOptions options,
        ILoggerFactory? loggerFactory)
    {
        var logger = (loggerFactory ?? NullLoggerFactory.Instance).CreateLogger(PartnerCenterLog.CategoryName);
        var outer = new List<DelegatingHandler>
        {
            new PartnerCenterTelemetryHandler(logger, options.TimeProvider),
            new PartnerCenterTimeoutHandler(options.Timeout, options.Retry.AttemptTimeout, options.TimeProvider),
            new PartnerCenterHeadersHandler(options.Locale, options.ApplicationName),
        };

        var endpoint = options.Endpoint;
        var kiotaHandlers = KiotaClientFactory.CreateDefaultHandlers(
        [
            new RedirectHandlerOption
            {
                MaxRedirect = MaxRedirects,
                AllowRedirectOnSchemeChange = false,

                // A redirect elsewhere is not followed: its 3xx answer reaches the caller as a PartnerCenterApiException.
                ShouldRedirect = response => IsRedirectWithinEndpoint(response, endpoint),
            },
            new UserAgentHandlerOption
            {
                ProductName = PartnerCenterDiagnostics.PackageName,
                ProductVersion = PartnerCenterDiagnostics.PackageVersion,
            },
        ]);

        // Kiota's retry handler retries too little, too regularly, and gives up with an AggregateException.
        var retryIndex = kiotaHandlers.IndexOf(kiotaHandlers.OfType<RetryHandler>().Single());
        kiotaHandlers[retryIndex].Dispose();
        kiotaHandlers[retryIndex] = PartnerCenterResilience.CreateHandler(options);
        outer.AddRange(kiotaHandlers);

        var authenticationProvider = new AzureIdentityAuthenticationProvider(
            cachedCredential,
            allowedHosts: [endpoint.Host],
            observabilityOptions: null,
            isCaeEnabled: true,
            scopes: [.. options.Scopes]);
        var inner = new List<DelegatingHandler>
        {
            new PartnerCenterEndpointGuardHandler(options),
            new PartnerCenterAuthorizationHandler(authenticationProvider),
        };
        return (outer, inner);
    }

    public static SocketsHttpHandler CreatePrimaryHandler() => new()
    {
        // The redirect handler decides, so that no redirect leaves the endpoint's origin.
        AllowAutoRedirect = false,
        AutomaticDecompression = DecompressionMethods.All,

        // Connections are renewed now and then, so DNS changes are seen by a long-lived client.
        PooledConnectionLifetime = TimeSpan.FromMinutes(5),
        PooledConnectionIdleTimeout = TimeSpan.FromMinutes(1),
        UseCookies = false,
        EnableMultipleHttp2Connections = true,
    };

    public static void ConfigureHttpClient(HttpClient client, BatchStatusClientOptions options)
    {
        client.BaseAddress = options.BaseAddress;

        // The pipeline bounds each call by options.Timeout and reports it as PartnerCenterTimeoutException; HttpClient's
        // own timeout would surface as a TaskCanceledException and count every retry against one budget.
        client.Timeout = Timeout.InfiniteTimeSpan;
    }

    private static bool IsRedirectWithinEndpoint(HttpResponseMessage response, Uri endpoint)
    {
        var location = response.Headers.Location;
        var requestUri = response.RequestMessage?.RequestUri;
        if (location is null || requestUri is null)
        {
            return false;
        }

        var target = location.IsAbsoluteUri ? location : new Uri(requestUri, location);
        return PartnerCenterEndpointGuardHandler.IsSameOrigin(target, endpoint);
    }
}
