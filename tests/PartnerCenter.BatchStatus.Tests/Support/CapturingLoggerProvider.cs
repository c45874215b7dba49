using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace PartnerCenter.BatchStatus.Tests.Support;

/// <summary>Keeps every log entry, formatted, with its category and exception, for assertions.</summary>
internal sealed class CapturingLoggerProvider : ILoggerProvider
{
    private readonly ConcurrentQueue<Entry> _entries = new();

    public IReadOnlyList<Entry> Entries => [.. _entries];

    public ILoggerFactory CreateFactory() => LoggerFactory.Create(builder => builder.SetMinimumLevel(LogLevel.Trace).AddProvider(this));

    public IEnumerable<Entry> For(string category) => Entries.Where(entry => entry.Category == category);

    /// <summary>Gets everything that was written: messages, state values and exception texts.</summary>
    public string AllText() => string.Join('\n', Entries.Select(entry => entry.ToString()));

    public ILogger CreateLogger(string categoryName) => new Logger(categoryName, _entries);

    public void Dispose()
    {
    }

    internal sealed record Entry(string Category, LogLevel Level, EventId EventId, string Message, IReadOnlyList<KeyValuePair<string, object?>> State, Exception? Exception)
    {
        public object? this[string name] => State.FirstOrDefault(pair => pair.Key == name).Value;

        public override string ToString() =>
            $"{Category} {Level} {EventId} {Message} {string.Join(", ", State.Select(pair => $"{pair.Key}={pair.Value}"))} {Exception}";
    }

    private sealed class Logger(string category, ConcurrentQueue<Entry> entries) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var values = state as IReadOnlyList<KeyValuePair<string, object?>> ?? [];
            entries.Enqueue(new Entry(category, logLevel, eventId, formatter(state, exception), [.. values], exception));
        }
    }
}
