using Azure.Core;

namespace PartnerCenter.BatchStatus.Http;

/// <summary>
/// Keeps the last token until shortly before it expires, as the Azure SDK's own pipeline does, so that a sequence of
/// calls asks the credential once, whatever the credential (Azure CLI, a refresh-token credential of the caller's own,
/// or one that caches on its own already).
/// </summary>
internal sealed class CachingTokenCredential(TokenCredential inner, TimeProvider timeProvider) : TokenCredential
{
    /// <summary>How long before its expiry a token is renewed, so that it never expires in flight.</summary>
    private static readonly TimeSpan RefreshMargin = TimeSpan.FromMinutes(5);

    private readonly SemaphoreSlim _gate = new(1, 1);
    private volatile Entry? _cached;

    public override async ValueTask<AccessToken> GetTokenAsync(TokenRequestContext requestContext, CancellationToken cancellationToken)
    {
        if (requestContext.Claims is not null)
        {
            // A claims challenge (continuous access evaluation) means the cached token was rejected.
            var challenged = await inner.GetTokenAsync(requestContext, cancellationToken).ConfigureAwait(false);
            _cached = new Entry(requestContext, challenged);
            return challenged;
        }

        if (TryGetFresh(requestContext, out var token))
        {
            return token;
        }

        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (TryGetFresh(requestContext, out token))
            {
                return token;
            }

            token = await inner.GetTokenAsync(requestContext, cancellationToken).ConfigureAwait(false);
            _cached = new Entry(requestContext, token);
            return token;
        }
        finally
        {
            _gate.Release();
        }
    }

    public override AccessToken GetToken(TokenRequestContext requestContext, CancellationToken cancellationToken)
    {
        if (requestContext.Claims is null && TryGetFresh(requestContext, out var token))
        {
            return token;
        }

        token = inner.GetToken(requestContext, cancellationToken);
        _cached = new Entry(requestContext, token);
        return token;
    }

    /// <summary>Gets whether the last token is still good for a while (whatever it was asked for: a client asks for one thing).</summary>
    public bool HasFreshToken => _cached is { } entry && IsFresh(entry.Token);

    private bool IsFresh(AccessToken token)
    {
        var now = timeProvider.GetUtcNow();
        return now < token.ExpiresOn - RefreshMargin && (token.RefreshOn is not { } refreshOn || now < refreshOn);
    }

    private bool TryGetFresh(TokenRequestContext context, out AccessToken token)
    {
        token = _cached is { } entry && entry.IsFor(context) && IsFresh(entry.Token) ? entry.Token : default;
        return token.Token is not null;
    }

    /// <summary>A token and what it was asked for: the same scopes, tenant and continuous access evaluation.</summary>
    private sealed class Entry(TokenRequestContext context, AccessToken token)
    {
        private readonly string[] _scopes = [.. context.Scopes];
        private readonly string? _tenantId = context.TenantId;
        private readonly bool _isCaeEnabled = context.IsCaeEnabled;

        public AccessToken Token { get; } = token;

        // Compared field by field: a key string built on every call would cost more than the token it finds.
        public bool IsFor(TokenRequestContext other) =>
            _isCaeEnabled == other.IsCaeEnabled
            && string.Equals(_tenantId, other.TenantId, StringComparison.Ordinal)
            && _scopes.AsSpan().SequenceEqual(other.Scopes);
    }
}
