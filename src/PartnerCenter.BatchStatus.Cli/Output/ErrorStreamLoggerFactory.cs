using Microsoft.Extensions.Logging;

namespace PartnerCenter.BatchStatus.Cli.Output;

/// <summary>
/// Writes the warnings and errors of the libraries the tool uses (such as the shared budget's "Redis cannot be
/// reached") to the error stream as <c>pcbatch: warning: ...</c> lines, through the tool's one redacting writer.
/// Nothing below a warning: the tool's own lines say what a run did.
/// </summary>
/// <param name="error">The error stream.</param>
internal sealed class ErrorStreamLoggerFactory(TextWriter error) : ILoggerFactory, ILogger
{
    /// <inheritdoc/>
    public ILogger CreateLogger(string categoryName) => this;

    /// <inheritdoc/>
    public void AddProvider(ILoggerProvider provider)
    {
    }

    /// <inheritdoc/>
    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    /// <inheritdoc/>
    public bool IsEnabled(LogLevel logLevel) => logLevel is >= LogLevel.Warning and < LogLevel.None;

    /// <inheritdoc/>
    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        if (IsEnabled(logLevel))
        {
            // One line each, whatever the message holds.
            var message = formatter(state, exception).ReplaceLineEndings(" ");
            lock (error)
            {
                error.WriteLine((logLevel == LogLevel.Warning ? "pcbatch: warning: " : "pcbatch: error: ") + message);
                error.Flush();
            }
        }
    }

    /// <inheritdoc/>
    public void Dispose()
    {
    }
}
