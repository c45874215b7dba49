using System.Globalization;

namespace PartnerCenter.BatchStatus.Cli.Output;

/// <summary>
/// Shows each poll of a wait: on a terminal, one line rewritten in place; in a file or a pipe, one plain line per poll.
/// </summary>
/// <remarks>
/// Writes synchronously from <see cref="Report"/>: unlike <see cref="Progress{T}"/>, which posts to the thread pool,
/// the lines can neither come out of order nor after the final report.
/// </remarks>
internal sealed class WaitProgress : IProgress<BatchUploadDetails>
{
    private readonly TextWriter _writer;
    private readonly bool _live;
    private readonly int? _width;
    private readonly TimeProvider _time;
    private readonly long _started;
    private int _polls;
    private int _lastLength;

    /// <summary>Initializes a new instance of the <see cref="WaitProgress"/> class.</summary>
    /// <param name="writer">Where to write.</param>
    /// <param name="live">Whether to rewrite one line in place (a terminal) rather than write a line per poll.</param>
    /// <param name="width">The terminal's width, to keep the live line on one row.</param>
    /// <param name="time">The clock of the wait.</param>
    public WaitProgress(TextWriter writer, bool live, int? width, TimeProvider time)
    {
        _writer = writer;
        _live = live;
        _width = width;
        _time = time;
        _started = time.GetTimestamp();
    }

    /// <summary>Shows a poll.</summary>
    /// <param name="value">The details the poll returned.</param>
    public void Report(BatchUploadDetails value)
    {
        _polls++;
        var text = Line(_polls, _time.GetElapsedTime(_started), value);
        if (!_live)
        {
            _writer.WriteLine(text);
            return;
        }

        text = LiveScreen.Fit(text, _width);
        // Spaces over what is left of a longer previous line.
        _writer.Write("\r" + text.PadRight(_lastLength));
        _writer.Flush();
        _lastLength = text.Length;
    }

    /// <summary>One poll in one line, as <c>status --wait</c> and <c>watch</c> show it.</summary>
    /// <param name="poll">The poll's number.</param>
    /// <param name="elapsed">The time since the wait started.</param>
    /// <param name="details">What the poll returned.</param>
    /// <returns>The line, such as <c>poll 2 after 5s: processing; 3 devices: 1 succeeded, 0 failed, 2 pending</c>.</returns>
    internal static string Line(int poll, TimeSpan elapsed, BatchUploadDetails details) =>
        // The summary names the error codes as the service sent them: they go through the sanitiser too.
        string.Create(CultureInfo.InvariantCulture, $"poll {poll} after {Durations.Format(elapsed)}: {TerminalText.Status(details.Status)}; {TerminalText.OneLine(details.Summarize())}");

    /// <summary>Ends the live line, so that what follows starts on a line of its own.</summary>
    public void Finish()
    {
        if (_live && _lastLength > 0)
        {
            _writer.WriteLine();
            _lastLength = 0;
        }
    }
}
