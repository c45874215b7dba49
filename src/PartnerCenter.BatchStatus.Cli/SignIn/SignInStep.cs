using System.Globalization;
using Azure.Core;
using Azure.Identity;
using PartnerCenter.BatchStatus.Cli.Commands;
using PartnerCenter.BatchStatus.Cli.Output;

namespace PartnerCenter.BatchStatus.Cli.SignIn;

/// <summary>
/// Signs in before the first call to Partner Center, as a step of its own: bounded by its own timeout, and with its
/// own errors, so that a failed or hanging sign-in is never reported as a Partner Center failure.
/// </summary>
internal sealed class SignInStep
{
    private readonly TokenCredential _credential;
    private readonly string[] _scopes;
    private readonly TimeSpan _timeout;
    private readonly string _authority;
    private readonly string _credentialName;

    /// <summary>Initializes a new instance of the <see cref="SignInStep"/> class.</summary>
    /// <param name="credential">The real credential.</param>
    /// <param name="scopes">The scopes of the Partner Center cloud.</param>
    /// <param name="timeout">How long the sign-in may take (<c>--sign-in-timeout</c>).</param>
    /// <param name="authority">The sign-in authority, such as <c>https://login.microsoftonline.com/</c>, for messages.</param>
    /// <param name="redactor">The tool's redactor, which learns every token issued, so that none is ever printed.</param>
    public SignInStep(TokenCredential credential, IEnumerable<string> scopes, TimeSpan timeout, Uri authority, Redactor redactor)
    {
        _credential = credential;
        _scopes = [.. scopes];
        _timeout = timeout;
        _authority = authority.Host;
        _credentialName = credential.GetType().Name;
        Credential = new SignedInCredential(credential, _scopes, redactor);
    }

    /// <summary>Gets the credential for the client: the token of this step first, then the real credential.</summary>
    public SignedInCredential Credential { get; }

    /// <summary>Signs in.</summary>
    /// <param name="cancellationToken">Cancelled by Ctrl+C.</param>
    /// <returns>A task that completes once signed in.</returns>
    /// <exception cref="CliException">The sign-in failed or did not complete within the timeout.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        using var bounded = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        bounded.CancelAfter(_timeout);
        try
        {
            // WaitAsync too: a credential that ignores its token must not hold the tool beyond the bound.
            var token = await _credential.GetTokenAsync(new TokenRequestContext(_scopes), bounded.Token)
                .AsTask().WaitAsync(_timeout, cancellationToken).ConfigureAwait(false);
            Credential.Remember(token);
        }
        catch (Exception error) when (!cancellationToken.IsCancellationRequested && error is OperationCanceledException or TimeoutException)
        {
            throw new CliException(
                string.Create(CultureInfo.InvariantCulture, $"Sign-in with {_credentialName} did not complete within {Durations.Format(_timeout)} (--sign-in-timeout): {_authority} did not answer in time. ")
                + "Partner Center was not called. Check the network path to the sign-in authority (proxy, firewall), or allow more time with --sign-in-timeout.",
                error) { ExitCode = ExitCodes.SignInFailed };
        }
        catch (Exception error) when (error is AuthenticationFailedException or CredentialUnavailableException or Azure.RequestFailedException)
        {
            throw Describe(error, _credentialName);
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
}
