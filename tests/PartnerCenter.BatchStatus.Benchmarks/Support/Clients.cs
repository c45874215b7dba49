using Azure.Core;
using PartnerCenter.BatchStatus.Benchmarks.Floor;

namespace PartnerCenter.BatchStatus.Benchmarks.Support;

/// <summary>Builds the clients measured: the floor, and this client the way a user does (a credential, options, the whole pipeline).</summary>
public static class Clients
{
    private static int _tokenAcquisitions;

    public static readonly Uri Endpoint = new("https://api.partnercenter.microsoft.com/");

    /// <summary>
    /// The request budget (5 per second by default) protects Partner Center; these measure the client's own cost, so it
    /// is off: each call still passes through the budget's strategy.
    /// </summary>
    private const double NoBudget = 0;

    /// <summary>Gets how many tokens the clients built here have asked their credential for.</summary>
    public static int TokenAcquisitions => Volatile.Read(ref _tokenAcquisitions);

    /// <summary>The floor over <paramref name="transport"/>.</summary>
    public static FloorClient Floor(HttpMessageHandler transport, Uri? endpoint = null) => new(new HttpClient(transport) { BaseAddress = endpoint ?? Endpoint });

    /// <summary>The client with its whole pipeline (ids, headers, auth, retries, logging), over an in-memory transport.</summary>
    public static BatchStatusClient ThisClient(HttpMessageHandler transport) =>
        new(new CountingCredential(), new BatchStatusClientOptions { Endpoint = Endpoint, Transport = transport, MaxRequestsPerSecond = NoBudget });

    /// <summary>The client exactly as a user builds it, over real sockets to a loopback endpoint.</summary>
    public static BatchStatusClient ThisClientOverSockets(Uri endpoint) =>
        new(new CountingCredential(), new BatchStatusClientOptions { Endpoint = endpoint, AllowInsecureLoopbackEndpoint = true, MaxRequestsPerSecond = NoBudget });

    /// <summary>A credential that answers at once with a token valid for an hour, counting each request.</summary>
    private sealed class CountingCredential : TokenCredential
    {
        public override AccessToken GetToken(TokenRequestContext requestContext, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _tokenAcquisitions);
            return new AccessToken("benchmark-token", DateTimeOffset.UtcNow.AddHours(1));
        }

        public override ValueTask<AccessToken> GetTokenAsync(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
            new(GetToken(requestContext, cancellationToken));
    }
}
