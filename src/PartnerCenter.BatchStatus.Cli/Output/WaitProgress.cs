using System.Globalization;

namespace PartnerCenter.BatchStatus.Cli.Output;

/// <summary>
/// Shows each poll of a wait: on a terminal, one line rewritten in place; in a file or a pipe, one plain line per poll.
/// </summary>
/// <remarks>
/// Writes synchronously from <see cref="Report"/>: unlike <see cref="Progress{T}"/>, which posts to the thread pool,
/// the lines can neither come out of order nor after the final report.
/// </remarks>
/// <param name="writer">Where to write.</param>
/// <param name="live">Whether to rewrite one line in place (a terminal) rather than write a line per poll.</param>
/// <param name="width">The terminal's width, to keep the live line on one row.</param>
/// <param name="time">The clock of the wait.</param>
internal sealed class WaitProgress(TextWriter writer, bool live, int? width, TimeProvider time) : IProgress<BatchUploadDetails>
{
    private readonly long _started = time.GetTimestamp();
    private int _polls;
    private int _lastLength;

    /// <summary>Shows a poll.</summary>
    /// <param name="value">The details the poll returned.</param>
    public void Report(BatchUploadDetails value)
    {
        _polls++;
        var text = Line(_polls, time.GetElapsedTime(_started), value);
        if (!live)
        {
            writer.WriteLine(text);
            return;
        }

        text = LiveScreen.Fit(text, width);
        // Spaces over what is left of a longer previous line.
        writer.Write("\r" + text.PadRight(_lastLength));
        writer.Flush();
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
        if (live && _lastLength > 0)
        {
            writer.WriteLine();
            _lastLength = 0;
        }
    }
}
