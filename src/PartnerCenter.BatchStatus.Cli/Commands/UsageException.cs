namespace PartnerCenter.BatchStatus.Cli.Commands;

/// <summary>The command line is wrong; the message says what to change, in one line.</summary>
internal sealed class UsageException : Exception
{
    /// <summary>Initializes a new instance of the <see cref="UsageException"/> class.</summary>
    public UsageException()
    {
    }

    /// <summary>Initializes a new instance of the <see cref="UsageException"/> class.</summary>
    /// <param name="message">What is wrong and what to do instead.</param>
    public UsageException(string message)
        : base(message)
    {
    }

    /// <summary>Initializes a new instance of the <see cref="UsageException"/> class.</summary>
    /// <param name="message">What is wrong and what to do instead.</param>
    /// <param name="innerException">The parsing failure.</param>
    public UsageException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
