using Azure.Core;

namespace PartnerCenter.BatchStatus.Http;

/// <summary>
/// Keeps the last token until shortly before it expires, as the Azure SDK's own pipeline does, so that a sequence of
/// calls asks the credential once, whatever the credential (Azure CLI, a refresh-token credential of the caller's own,
/// or one that caches on its own already).
/// </summary>
internal sealed class CachingTokenCredential : TokenCredential
{
    /// <summary>How long before its expiry a token is renewed, so that it never expires in flight.</summary>
    private static readonly TimeSpan RefreshMargin = TimeSpan.FromMinutes(5);

    private readonly TokenCredential _inner;
    private readonly TimeProvider _timeProvider;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private volatile Entry? _cached;

    public CachingTokenCredential(TokenCredential inner, TimeProvider timeProvider)
    {
        _inner = inner;
        _timeProvider = timeProvider;
    }

    public override async ValueTask<AccessToken> GetTokenAsync(TokenRequestContext requestContext, CancellationToken cancellationToken)
    {
        if (requestContext.Claims is not null)
        {
            // A claims challenge (continuous access evaluation) means the cached token was rejected.
            var challenged = await _inner.GetTokenAsync(requestContext, cancellationToken).ConfigureAwait(false);
            _cached = new Entry(Key(requestContext), challenged);
            return challenged;
        }

        var key = Key(requestContext);
        if (TryGetFresh(key, out var token))
        {
            return token;
        }

        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (TryGetFresh(key, out token))
            {
                return token;
            }

            token = await _inner.GetTokenAsync(requestContext, cancellationToken).ConfigureAwait(false);
            _cached = new Entry(key, token);
            return token;
        }
        finally
        {
            _gate.Release();
        }
    }

    public override AccessToken GetToken(TokenRequestContext requestContext, CancellationToken cancellationToken)
    {
        var key = Key(requestContext);
        if (requestContext.Claims is null && TryGetFresh(key, out var token))
        {
            return token;
        }

        token = _inner.GetToken(requestContext, cancellationToken);
        _cached = new Entry(key, token);
        return token;
    }

    private static string Key(TokenRequestContext context) =>
        string.Join(' ', context.Scopes) + "|" + context.TenantId + "|" + context.IsCaeEnabled;

    private bool TryGetFresh(string key, out AccessToken token)
    {
        var entry = _cached;
        var now = _timeProvider.GetUtcNow();
        if (entry is not null && entry.Key == key
            && now < entry.Token.ExpiresOn - RefreshMargin
            && (entry.Token.RefreshOn is not { } refreshOn || now < refreshOn))
        {
            token = entry.Token;
            return true;
        }

        token = default;
        return false;
    }

    private sealed record Entry(string Key, AccessToken Token);
}
