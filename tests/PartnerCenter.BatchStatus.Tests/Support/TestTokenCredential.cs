using Azure.Core;

namespace PartnerCenter.BatchStatus.Tests.Support;

/// <summary>
/// A credential that hands out a recognisable, secret-looking token and counts how often it is asked, so tests can
/// prove where the token goes (and where it never appears) and how often it is requested.
/// </summary>
internal sealed class TestTokenCredential : TokenCredential
{
    private readonly List<TokenRequestContext> _requests = [];
    private readonly Func<DateTimeOffset> _now;
    private readonly TimeSpan _lifetime;

    public TestTokenCredential(TimeProvider? timeProvider = null, TimeSpan? lifetime = null)
    {
        _now = (timeProvider ?? TimeProvider.System).GetUtcNow;
        _lifetime = lifetime ?? TimeSpan.FromHours(1);
    }

    /// <summary>Gets the token this credential hands out; no log, message or body may ever contain it.</summary>
    public string Token { get; } = "eyJ0eXAiOiJKV1QiLCJhbGciOiJSUzI1NiJ9.pc-secret-" + Guid.NewGuid().ToString("N");

    public int Calls
    {
        get
        {
            lock (_requests)
            {
                return _requests.Count;
            }
        }
    }

    public IReadOnlyList<TokenRequestContext> Requests
    {
        get
        {
            lock (_requests)
            {
                return [.. _requests];
            }
        }
    }

    public override AccessToken GetToken(TokenRequestContext requestContext, CancellationToken cancellationToken)
    {
        lock (_requests)
        {
            _requests.Add(requestContext);
        }

        return new AccessToken(Token, _now() + _lifetime);
    }

    public override ValueTask<AccessToken> GetTokenAsync(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
        new(GetToken(requestContext, cancellationToken));
}
