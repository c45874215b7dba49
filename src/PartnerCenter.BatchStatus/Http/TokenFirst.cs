using Microsoft.Kiota.Abstractions.Authentication;

namespace PartnerCenter.BatchStatus.Http;

/// <summary>
/// Gets the token an attempt will carry before the attempt takes its turn of the request budget, so that the turn is
/// spent on the wire, not on signing in: requests that took their turns one by one while the first token was being
/// fetched would otherwise leave together once it came, as a burst the service throttles. A fresh token in the cache
/// costs nothing here; one that fails fails the call before a turn is taken.
/// </summary>
internal sealed class TokenFirst(CachingTokenCredential cache, IAccessTokenProvider tokens, Uri endpoint)
{
    public ValueTask EnsureAsync(CancellationToken cancellationToken) =>
        cache.HasFreshToken ? default : new ValueTask(tokens.GetAuthorizationTokenAsync(endpoint, null, cancellationToken));

    /// <summary>Made for the HttpClient's own address: Kiota asks for no token for a host other than the endpoint's.</summary>
    public static TokenFirst Create(CachingTokenCredential cache, BatchStatusClientOptions options, Uri? baseAddress) =>
        new(cache, PartnerCenterHttp.CreateAuthenticationProvider(cache, options).AccessTokenProvider, baseAddress ?? PartnerCenterEndpoint.BaseAddress(options.Endpoint));
}
