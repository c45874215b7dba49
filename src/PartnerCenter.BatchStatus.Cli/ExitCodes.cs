namespace PartnerCenter.BatchStatus.Cli;

/// <summary>
/// The exit codes of <c>pcbatch</c>. They are part of the tool's contract with scripts: never renumber one.
/// </summary>
internal static class ExitCodes
{
    /// <summary>The batch is finished and no device failed.</summary>
    public const int Success = 0;

    /// <summary>
    /// The batch is finished and at least one device failed (a <c>finished</c> batch can hold failed devices), or the
    /// batch itself is <c>finished_with_errors</c>.
    /// </summary>
    public const int DevicesFailed = 1;

    /// <summary>
    /// Partner Center answered with an error (batch not found, authentication or authorization refused,
    /// multi-factor authentication required, throttled beyond the retries, any other error status or an unreadable
    /// body), or the service could not be reached.
    /// </summary>
    public const int ServiceError = 2;

    /// <summary>The wait reached <c>--timeout</c>, or a single call to Partner Center did not complete in time.</summary>
    public const int Timeout = 3;

    /// <summary>The batch is not finished yet (<c>queued</c>, <c>processing</c> or a status the tool does not know) and <c>--wait</c> was not given.</summary>
    public const int NotFinished = 4;

    /// <summary>
    /// Signing in to Microsoft Entra ID failed (refused, such as a wrong secret; not possible with the settings; the
    /// authority unreachable) or did not complete within <c>--sign-in-timeout</c>. Partner Center was not called.
    /// </summary>
    public const int SignInFailed = 5;

    /// <summary>
    /// The command line is wrong: a bad id or Location value, conflicting or missing options, incomplete credential
    /// settings, an upload file that cannot be read, or an export file that cannot be written: one whose folder is
    /// missing or may not be written to, one that is not a regular file, or one that is the same file as an input or as
    /// the other export. These are found before Partner Center is called.
    /// </summary>
    /// <remarks>
    /// An export whose write fails after the report (such as a full disk) leaves its file as it was and is named on the
    /// error stream; the batch's own code then wins when it is not <see cref="Success"/> (<see cref="DevicesFailed"/>,
    /// <see cref="NotFinished"/>), so that failed devices are never hidden, and the run exits with this code otherwise.
    /// </remarks>
    public const int Usage = 64;

    /// <summary>An unexpected failure of the tool itself: a bug to report.</summary>
    public const int InternalError = 70;

    /// <summary>
    /// Cancelled with Ctrl+C (128 + SIGINT, as shells report it): the run stops cleanly, and an export being written is
    /// left out (its file keeps what it had).
    /// </summary>
    public const int Cancelled = 130;

    /// <summary>
    /// Ended by SIGTERM (128 + 15) or SIGHUP, as cleanly as by Ctrl+C: what was known so far is still written, and an
    /// export being written is left out.
    /// </summary>
    public const int Terminated = 143;

    /// <summary>The table of exit codes, as <c>--help</c> shows it.</summary>
    public static IReadOnlyList<(int Code, string Meaning)> Table { get; } =
    [
        (Success, "finished, no device failed"),
        (DevicesFailed, "finished, and at least one device failed"),
        (ServiceError, "Partner Center answered with an error (not found, auth, MFA, throttled, other), or it was unreachable"),
        (Timeout, "the wait reached --timeout, or a call to Partner Center timed out"),
        (NotFinished, "not finished yet (without --wait)"),
        (SignInFailed, "sign-in failed or timed out (--sign-in-timeout): Partner Center was not called"),
        (Usage, "bad usage: bad id or Location value, conflicting or missing options, incomplete credential settings, unreadable or unwritable file "
            + "(checked before Partner Center is called; an export that fails later exits 64 only when the batch's own code would be 0)"),
        (InternalError, "unexpected failure of the tool"),
        (Cancelled, "cancelled (Ctrl+C): an export being written is left out, its file unchanged"),
        (Terminated, "ended by SIGTERM or SIGHUP, as cleanly as by Ctrl+C"),
    ];
}
