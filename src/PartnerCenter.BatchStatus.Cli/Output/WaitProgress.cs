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
    private const int MaxStatusLength = 40;

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
        var status = TerminalText.Shorten(value.Status ?? "(none)", MaxStatusLength);
        // The summary names the error codes as the service sent them: they go through the sanitiser too.
        var text = $"poll {_polls} after {Durations.Format(_time.GetElapsedTime(_started))}: {status}; {TerminalText.OneLine(value.Summarize())}";
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
