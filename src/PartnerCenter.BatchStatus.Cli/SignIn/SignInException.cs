namespace PartnerCenter.BatchStatus.Cli.SignIn;

/// <summary>Signing in to Microsoft Entra ID failed or timed out; the message gives the reason in one line, never a secret.</summary>
internal sealed class SignInException : Exception
{
    /// <summary>Initializes a new instance of the <see cref="SignInException"/> class.</summary>
    public SignInException()
    {
    }

    /// <summary>Initializes a new instance of the <see cref="SignInException"/> class.</summary>
    /// <param name="message">What failed and why.</param>
    public SignInException(string message)
        : base(message)
    {
    }

    /// <summary>Initializes a new instance of the <see cref="SignInException"/> class.</summary>
    /// <param name="message">What failed and why.</param>
    /// <param name="innerException">The credential's failure.</param>
    public SignInException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
