using Azure.Core;

namespace PartnerCenter.BatchStatus.Cli.SignIn;

/// <summary>
/// The credential the client gets: it hands out the token of the explicit sign-in while it is valid, so that the first
/// call to Partner Center does not sign in a second time, and asks the real credential afterwards.
/// </summary>
internal sealed class SignedInCredential : TokenCredential
{
    /// <summary>A token this close to its expiry is not handed out.</summary>
    private static readonly TimeSpan Margin = TimeSpan.FromMinutes(2);

    private readonly TokenCredential _inner;
    private readonly string[] _scopes;
    private readonly Output.Redactor _redactor;
    private AccessToken? _token;

    /// <summary>Initializes a new instance of the <see cref="SignedInCredential"/> class.</summary>
    /// <param name="inner">The real credential.</param>
    /// <param name="scopes">The scopes the sign-in asked for.</param>
    /// <param name="redactor">Learns every token handed out, so that the tool never prints one.</param>
    public SignedInCredential(TokenCredential inner, string[] scopes, Output.Redactor redactor)
    {
        _inner = inner;
        _scopes = scopes;
        _redactor = redactor;
    }

    /// <summary>Keeps the token of the sign-in.</summary>
    /// <param name="token">The token.</param>
    public void Remember(AccessToken token)
    {
        _redactor.Add(token.Token);
        _token = token;
    }

    /// <inheritdoc/>
    public override AccessToken GetToken(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
        Cached(requestContext) ?? Learn(_inner.GetToken(requestContext, cancellationToken));

    /// <inheritdoc/>
    public override async ValueTask<AccessToken> GetTokenAsync(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
        Cached(requestContext) ?? Learn(await _inner.GetTokenAsync(requestContext, cancellationToken).ConfigureAwait(false));

    private AccessToken Learn(AccessToken token)
    {
        _redactor.Add(token.Token);
        return token;
    }

    private AccessToken? Cached(TokenRequestContext context) =>
        _token is { } token
        && context.Claims is null
        && context.Scopes.SequenceEqual(_scopes, StringComparer.Ordinal)
        && token.ExpiresOn - DateTimeOffset.UtcNow > Margin
            ? token
            : null;
}
