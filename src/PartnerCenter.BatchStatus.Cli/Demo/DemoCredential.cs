using Azure.Core;

namespace PartnerCenter.BatchStatus.Cli.Demo;

/// <summary>The demo's credential: a fixed fake token, valid for an hour, with no sign-in.</summary>
/// <param name="token">The token.</param>
internal sealed class DemoCredential(string token) : TokenCredential
{
    /// <inheritdoc/>
    public override AccessToken GetToken(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
        new(token, DateTimeOffset.UtcNow.AddHours(1));

    /// <inheritdoc/>
    public override ValueTask<AccessToken> GetTokenAsync(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
        ValueTask.FromResult(GetToken(requestContext, cancellationToken));
}
