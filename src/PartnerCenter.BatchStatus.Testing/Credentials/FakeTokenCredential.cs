using System.Collections.Concurrent;
using Azure.Core;

namespace PartnerCenter.BatchStatus.Testing;

/// <summary>
/// A <see cref="TokenCredential"/> that hands out a fixed fake token without signing anyone in, and records what was asked of it.
/// </summary>
public sealed class FakeTokenCredential : TokenCredential
{
    /// <summary>The token that a credential built without one hands out.</summary>
    public const string DefaultToken = "fake-partner-center-token";

    private readonly ConcurrentQueue<string> _requestedScopes = new();
    private int _requestCount;

    /// <summary>Initializes a new instance of the <see cref="FakeTokenCredential"/> class.</summary>
    /// <param name="token">The token to hand out. The default value is <see cref="DefaultToken"/>.</param>
    /// <exception cref="ArgumentException"><paramref name="token"/> is <see langword="null"/> or empty.</exception>
    public FakeTokenCredential(string token = DefaultToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(token);
        Token = token;
    }

    /// <summary>Gets the token this credential hands out.</summary>
    public string Token { get; }

    /// <summary>Gets how many times a token was asked for.</summary>
    public int RequestCount => Volatile.Read(ref _requestCount);

    /// <summary>Gets the scopes of every token request so far, in the order they were asked for.</summary>
    public IReadOnlyList<string> RequestedScopes => [.. _requestedScopes];

    /// <summary>Hands out the fake token, valid for an hour.</summary>
    /// <param name="requestContext">What the caller asks for; its scopes are recorded.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The token.</returns>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public override AccessToken GetToken(TokenRequestContext requestContext, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        Interlocked.Increment(ref _requestCount);
        Array.ForEach(requestContext.Scopes ?? [], _requestedScopes.Enqueue);

        return new AccessToken(Token, DateTimeOffset.UtcNow.AddHours(1));
    }

    /// <summary>Hands out the fake token, valid for an hour.</summary>
    /// <param name="requestContext">What the caller asks for; its scopes are recorded.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The token.</returns>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public override ValueTask<AccessToken> GetTokenAsync(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
        ValueTask.FromResult(GetToken(requestContext, cancellationToken));
}
