using System.Globalization;
using Azure.Identity;
using PartnerCenter.BatchStatus.Cli.Commands;
using PartnerCenter.BatchStatus.Cli.SignIn;

namespace PartnerCenter.BatchStatus.Cli.Output;

/// <summary>
/// Turns a failure into its exit code and one line for the error stream: what happened, what to do, and the request
/// and correlation ids to quote to Microsoft support. Never a stack trace, never a secret.
/// </summary>
internal static partial class ErrorReport
{
    /// <summary>The prefix of every error line.</summary>
    public const string Prefix = "pcbatch: error: ";

    /// <summary>Long enough for a sign-in error with its trace and correlation ids, or a credential chain's reasons.</summary>
    private const int MaxLineLength = 1000;

    /// <summary>Classifies a failure.</summary>
    /// <param name="exception">What was thrown.</param>
    /// <param name="cancelled">Whether the user cancelled (Ctrl+C): a cancellation is then no timeout.</param>
    /// <returns>The exit code and the message, without the prefix.</returns>
    public static (int ExitCode, string Message) Describe(Exception exception, bool cancelled)
    {
        switch (exception)
        {
            case CliException known:
                return (known.ExitCode, known.Message);
            case PartnerCenterApiException api:
                return (ExitCodes.ServiceError, DoublePeriod().Replace(api.Message, ".") + Hint(api));
            case OperationCanceledException when cancelled:
                return (ExitCodes.Cancelled, "Cancelled.");
            case BatchWaitTimeoutException wait:
                return (ExitCodes.Timeout, WaitTimedOut(wait));
            case TimeoutException timeout:
                // The client names its own option; the tool has no flag for it.
                return (ExitCodes.Timeout, LibraryOption().Replace(timeout.Message, string.Empty) + " Partner Center was slow to answer: try again later.");
            case OperationCanceledException:
                // Not the user's cancellation: a call that ran out of time below the client's own timeout.
                return (ExitCodes.Timeout, "The call to Partner Center did not complete in time.");
            case CredentialUnavailableException or AuthenticationFailedException:
                // A token renewed during a long wait: the same one-line reason as the sign-in step's.
                return (ExitCodes.SignInFailed, SignedInCredential.Describe(exception).Message);
            case HttpRequestException { HttpRequestError: HttpRequestError.ConfigurationLimitExceeded } unreadable:
                // An answer came, with more headers than the client reads: the message says so, with the call's ids.
                return (ExitCodes.ServiceError, unreadable.Message);
            case HttpRequestException unreachable:
                return (ExitCodes.ServiceError, "Partner Center could not be reached: " + unreachable.Message);
            default:
                return (ExitCodes.InternalError, string.Create(
                    CultureInfo.InvariantCulture,
                    $"Unexpected {exception.GetType().Name}: {exception.Message} This is a fault of pcbatch: please report it."));
        }
    }

    /// <summary>Writes a failure of a command as one line, with where to read the command's usage after a usage error.</summary>
    /// <param name="environment">The environment, whose error stream is written.</param>
    /// <param name="exception">What was thrown.</param>
    /// <param name="command">The command that ran, such as <c>status</c>.</param>
    /// <param name="cancellationToken">The run's token: a cancellation is then no timeout.</param>
    /// <returns>The exit code.</returns>
    public static int Fail(CliEnvironment environment, Exception exception, string command, CancellationToken cancellationToken)
    {
        var (exitCode, message) = Describe(exception, cancellationToken.IsCancellationRequested);
        WriteLine(environment.Error, exitCode == ExitCodes.Usage ? $"{message} {UsageHint(command)}" : message, environment);
        return exitCode;
    }

    /// <summary>Where a usage error points to: the help of the command given, or of <c>status</c> when none is.</summary>
    /// <param name="command">The command, or <see langword="null"/> for none.</param>
    /// <returns>The hint, such as <c>Run 'pcbatch watch --help' for usage.</c></returns>
    public static string UsageHint(string? command) => $"Run 'pcbatch {command ?? "status"} --help' for usage.";

    /// <summary>
    /// Writes <paramref name="message"/> as one line with the <see cref="Prefix"/>, through the tool's redactor should a
    /// library or the service have echoed a secret, a token or a URL's user information: redacted before it is cut to
    /// length, so that no cut can leave part of a secret.
    /// </summary>
    /// <param name="writer">The error stream.</param>
    /// <param name="message">The message.</param>
    /// <param name="environment">The environment, whose <see cref="CliEnvironment.Redactor"/> is used.</param>
    public static void WriteLine(TextWriter writer, string message, CliEnvironment environment) =>
        writer.WriteLine(Prefix + TerminalText.Shorten(environment.Redactor.Redact(message), MaxLineLength));

    private static string WaitTimedOut(BatchWaitTimeoutException wait)
    {
        var polls = Durations.Count(wait.Polls, "poll", "polls");
        var last = wait.LastDetails is { } details
            ? $"its last status was '{TerminalText.Status(details.Status)}': {details.Summarize()}"
            : "no poll succeeded";
        return $"Batch {wait.BatchTrackingId:D} did not finish within {Durations.Format(wait.Limit)} ({polls}); {last}. "
            + $"The batch goes on: check it again later, or wait longer with --timeout. Correlation id: {wait.CorrelationId:D}.";
    }

    /// <summary>A sentence that ends with a period, then a period of its own (<c>"position 0.. Request id"</c>).</summary>
    [System.Text.RegularExpressions.GeneratedRegex(@"(?<!\.)\.\.(?!\.)", System.Text.RegularExpressions.RegexOptions.CultureInvariant)]
    private static partial System.Text.RegularExpressions.Regex DoublePeriod();

    /// <summary>A client option named in a message, such as <c> (BatchStatusClientOptions.Timeout)</c>.</summary>
    [System.Text.RegularExpressions.GeneratedRegex(@"\s*\(BatchStatusClientOptions\.[A-Za-z.]+\)", System.Text.RegularExpressions.RegexOptions.CultureInvariant)]
    private static partial System.Text.RegularExpressions.Regex LibraryOption();

    private static string Hint(PartnerCenterApiException exception) => exception.StatusCode switch
    {
        404 => " Check both ids: a batch is found only under the customer whose devices were uploaded.",
        401 when exception.IsMfaRequired => string.Empty,
        401 => " Check the sign-in: the tenant, the app's client id and its secret or certificate, and that the app may call the Partner Center API.",
        403 => " The app or user lacks the Admin agent or Sales agent role for this customer.",
        429 when exception.RetryAfter is { } wait && wait >= TimeSpan.FromSeconds(1) =>
            $" Partner Center asks to wait {Durations.Format(wait)} before the next call (Retry-After): try again after that, and poll less often.",
        429 => " Wait a little and try again, and poll less often.",
        >= 500 => " Partner Center had a problem: try again later; if it lasts, quote the request id to Microsoft support.",
        _ => string.Empty,
    };
}
