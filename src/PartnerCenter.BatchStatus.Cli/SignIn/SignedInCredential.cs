using System.Globalization;
using Azure.Core;
using Azure.Identity;
using PartnerCenter.BatchStatus.Cli.Commands;
using PartnerCenter.BatchStatus.Cli.Output;

namespace PartnerCenter.BatchStatus.Cli.SignIn;

/// <summary>
/// The credential the client gets. It signs in before the first call to Partner Center, as a step of its own
/// (<see cref="SignInAsync"/>): bounded by its own timeout, and with its own errors, so that a failed or hanging
/// sign-in is never reported as a Partner Center failure. It then hands out that token while it is valid, so that the
/// first call does not sign in a second time, and asks the real credential afterwards.
/// </summary>
/// <param name="inner">The real credential.</param>
/// <param name="scopes">The scopes of the Partner Center cloud.</param>
/// <param name="redactor">Learns every token handed out, so that the tool never prints one.</param>
internal sealed class SignedInCredential(TokenCredential inner, IEnumerable<string> scopes, Redactor redactor) : TokenCredential
{
    /// <summary>A token this close to its expiry is not handed out.</summary>
    private static readonly TimeSpan Margin = TimeSpan.FromMinutes(2);

    private readonly string[] _scopes = [.. scopes];
    private AccessToken? _token;

    /// <summary>Signs in.</summary>
    /// <param name="timeout">How long the sign-in may take (<c>--sign-in-timeout</c>).</param>
    /// <param name="authority">The sign-in authority, such as <c>https://login.microsoftonline.com/</c>, for messages.</param>
    /// <param name="cancellationToken">Cancelled by Ctrl+C.</param>
    /// <returns>A task that completes once signed in.</returns>
    /// <exception cref="CliException">The sign-in failed or did not complete within the timeout.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public async Task SignInAsync(TimeSpan timeout, Uri authority, CancellationToken cancellationToken)
    {
        using var bounded = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        bounded.CancelAfter(timeout);
        var credential = inner.GetType().Name;
        try
        {
            // WaitAsync too: a credential that ignores its token must not hold the tool beyond the bound.
            var token = await inner.GetTokenAsync(new TokenRequestContext(_scopes), bounded.Token)
                .AsTask().WaitAsync(timeout, cancellationToken).ConfigureAwait(false);
            _token = Learn(token);
        }
        catch (Exception error) when (!cancellationToken.IsCancellationRequested && error is OperationCanceledException or TimeoutException)
        {
            throw new CliException(
                string.Create(CultureInfo.InvariantCulture, $"Sign-in with {credential} did not complete within {Durations.Format(timeout)} (--sign-in-timeout): {authority.Host} did not answer in time. ")
                + "Partner Center was not called. Check the network path to the sign-in authority (proxy, firewall), or allow more time with --sign-in-timeout.",
                error) { ExitCode = ExitCodes.SignInFailed };
        }
        catch (Exception error) when (error is AuthenticationFailedException or CredentialUnavailableException or Azure.RequestFailedException)
        {
            throw Describe(error, credential);
        }
    }

    /// <summary>Describes a credential's failure, during the sign-in step or a later call.</summary>
    /// <param name="error">The failure.</param>
    /// <param name="credentialName">The credential, such as <c>ClientSecretCredential</c>.</param>
    /// <returns>The exception to report.</returns>
    public static CliException Describe(Exception error, string? credentialName = null)
    {
        var what = error is CredentialUnavailableException ? "Sign-in is not possible" : "Sign-in failed";
        var with = credentialName is null ? string.Empty : " with " + credentialName;
        return new CliException($"{what}{with}: {SignInReason.Describe(error)}", error) { ExitCode = ExitCodes.SignInFailed };
    }

    /// <inheritdoc/>
    public override AccessToken GetToken(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
        Cached(requestContext) ?? Learn(inner.GetToken(requestContext, cancellationToken));

    /// <inheritdoc/>
    public override async ValueTask<AccessToken> GetTokenAsync(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
        Cached(requestContext) ?? Learn(await inner.GetTokenAsync(requestContext, cancellationToken).ConfigureAwait(false));

    private AccessToken Learn(AccessToken token)
    {
        redactor.Add(token.Token);
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
