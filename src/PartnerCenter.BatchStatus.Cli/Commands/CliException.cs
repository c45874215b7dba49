namespace PartnerCenter.BatchStatus.Cli.Commands;

/// <summary>
/// A failure the tool explains itself, in one line that says what to change, never a secret: by default a wrong
/// command line (<see cref="ExitCodes.Usage"/>); a failed sign-in sets <see cref="ExitCode"/> to <see cref="ExitCodes.SignInFailed"/>.
/// </summary>
/// <param name="message">What is wrong and what to do instead.</param>
/// <param name="innerException">The failure behind it, if any.</param>
internal sealed class CliException(string message, Exception? innerException = null) : Exception(message, innerException)
{
    /// <summary>Gets the exit code, one of <see cref="ExitCodes"/>; <see cref="ExitCodes.Usage"/> unless set.</summary>
    public int ExitCode { get; init; } = ExitCodes.Usage;
}
