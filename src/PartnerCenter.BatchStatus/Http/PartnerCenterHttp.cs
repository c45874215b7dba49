using System.Net;
using System.Net.Http.Headers;
using Azure.Core;
using Microsoft.Kiota.Authentication.Azure;
using Microsoft.Kiota.Http.HttpClientLibrary;

namespace PartnerCenter.BatchStatus.Http;

/// <summary>
/// The HTTP messages' path, the same for a client created with a credential and one registered with
/// <c>AddBatchStatusClient</c>. Only what must touch every message is a handler, listed here in order:
/// <list type="number">
/// <item>(with dependency injection, the caller's own handlers: they never see the token);</item>
/// <item><see cref="PartnerCenterEndpointGuardHandler"/>: nothing leaves for another origin or over plain http;</item>
/// <item>Kiota's authorization handler (<see cref="PartnerCenterAuthorizationHandler"/>), with the endpoint's host as the
/// only allowed host and the token cache behind it;</item>
/// <item>the transport: <see cref="BatchStatusClientOptions.Transport"/>, or a <see cref="SocketsHttpHandler"/> that
/// follows no redirects.</item>
/// </list>
/// Ids, headers, retries, timeouts and error mapping are not handlers: they belong to the call (<see cref="BatchStatusCalls"/>).
/// </summary>
internal static class PartnerCenterHttp
{
    private static readonly ProductInfoHeaderValue UserAgent = new(PartnerCenterDiagnostics.PackageName, PartnerCenterDiagnostics.PackageVersion);

    /// <summary>Creates the client's own HttpClient, which disposes its handlers (not a caller's transport) with it.</summary>
    public static HttpClient CreateHttpClient(TokenCredential cachedCredential, BatchStatusClientOptions options)
    {
        var first = KiotaClientFactory.ChainHandlersCollectionAndGetFirstLink(CreateTransport(options), CreateHandlers(cachedCredential, options))!;
        var client = new HttpClient(first, disposeHandler: true);
        Configure(client, options);
        return client;
    }

    /// <summary>Creates new instances of the handlers (a handler belongs to one chain), outermost first.</summary>
    public static DelegatingHandler[] CreateHandlers(TokenCredential cachedCredential, BatchStatusClientOptions options) =>
        [new PartnerCenterEndpointGuardHandler(options), new PartnerCenterAuthorizationHandler(CreateAuthenticationProvider(cachedCredential, options))];

    /// <summary>
    /// Kiota's provider of the client's tokens: the handler's, and the one <see cref="TokenFirst"/> asks before a call
    /// takes its turn of the budget, made alike so that both ask the credential for the same token.
    /// </summary>
    public static AzureIdentityAuthenticationProvider CreateAuthenticationProvider(TokenCredential cachedCredential, BatchStatusClientOptions options) =>
        new(cachedCredential, allowedHosts: [options.Endpoint.Host], observabilityOptions: null, isCaeEnabled: true, scopes: [.. options.Scopes]);

    public static HttpMessageHandler CreateTransport(BatchStatusClientOptions options) =>
        options.Transport is { } transport ? new NotDisposing(transport) : new SocketsHttpHandler
        {
            // This GET is never redirected by the service, and a token must not follow a redirect: a 3xx is an answer.
            AllowAutoRedirect = false,
            AutomaticDecompression = DecompressionMethods.All,

            // Connections are renewed now and then, so DNS changes are seen by a long-lived client.
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            PooledConnectionIdleTimeout = TimeSpan.FromMinutes(1),
            UseCookies = false,
            EnableMultipleHttp2Connections = true,
            ConnectCallback = OneConnectionPerAttempt.ConnectAsync,

            // An answer the client stops reading (an error body past what it keeps, a body past MaxResponseBodyBytes) is
            // not drained to keep its connection: the connection is closed instead.
            MaxResponseDrainSize = 0,
        };
    public static void Configure(HttpClient client, BatchStatusClientOptions options)
    {
        client.BaseAddress = PartnerCenterEndpoint.BaseAddress(options.Endpoint);

        // The call owns time (BatchStatusClientOptions.Timeout and AttemptTimeout, around the body too).
        client.Timeout = Timeout.InfiniteTimeSpan;
        client.DefaultRequestHeaders.UserAgent.Add(UserAgent);
    }

    /// <summary>Puts a caller's transport at the end of the chain without taking ownership of it.</summary>
    private sealed class NotDisposing(HttpMessageHandler transport) : DelegatingHandler(transport)
    {
#pragma warning disable CA2215 // Deliberately not base.Dispose: that would dispose the caller's transport.
        protected override void Dispose(bool disposing)
        {
        }
#pragma warning restore CA2215
    }
}
