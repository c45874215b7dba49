using System.Globalization;

namespace PartnerCenter.BatchStatus.Cli.Output;

/// <summary>
/// Shows the polls of <c>pcbatch watch</c>: on a terminal, a table of every batch redrawn in place; in a file or a
/// pipe, one plain line per poll and per batch that failed.
/// </summary>
/// <remarks>
/// Polls of different batches are reported from different threads: each report is written whole under a lock, and
/// nothing is written after <see cref="Finish"/>.
/// </remarks>
internal sealed class WatchProgress : IProgress<BatchPoll>
{
    private const int MaxStatusLength = 40;

    /// <summary>Moves the cursor to the start of the line above (ANSI CPL).</summary>
    private const string LineUp = "\u001b[F";

    /// <summary>Clears the line from the cursor to its end (ANSI EL).</summary>
    private const string ClearLine = "\u001b[K";

    private readonly object _lock = new();
    private readonly TextWriter _writer;
    private readonly bool _live;
    private readonly int? _width;
    private readonly TimeProvider _time;
    private readonly long _started;
    private readonly Dictionary<BatchTrackingLocation, Row> _rows;
    private int _drawnLines;
    private bool _finished;

    /// <summary>Initializes a new instance of the <see cref="WatchProgress"/> class.</summary>
    /// <param name="writer">Where to write.</param>
    /// <param name="batches">The batches, in the order of the list: the rows of the table.</param>
    /// <param name="live">Whether to redraw a table in place (a terminal) rather than write a line per poll.</param>
    /// <param name="width">The terminal's width, to keep each row on one line.</param>
    /// <param name="time">The clock of the wait.</param>
    public WatchProgress(TextWriter writer, IEnumerable<BatchTrackingLocation> batches, bool live, int? width, TimeProvider time)
    {
        _writer = writer;
        _live = live;
        _width = width;
        _time = time;
        _started = time.GetTimestamp();
        _rows = batches.Distinct().ToDictionary(batch => batch, _ => new Row());
    }

    /// <summary>Draws the table before the first poll, with every batch waiting.</summary>
    public void Start()
    {
        lock (_lock)
        {
            if (_live)
            {
                Draw();
            }
        }
    }

    /// <summary>Shows a poll.</summary>
    /// <param name="value">The batch and what the poll returned.</param>
    public void Report(BatchPoll value)
    {
        lock (_lock)
        {
            if (_finished || !_rows.TryGetValue(value.Batch, out var row))
            {
                return;
            }

            row.Polls = Math.Max(row.Polls, value.Poll);
            row.Details = value.Details;
            if (_live)
            {
                Draw();
                return;
            }

            var status = TerminalText.Shorten(value.Details.RawStatus ?? "(none)", MaxStatusLength);
            _writer.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"{value.Batch.BatchTrackingId:D} poll {value.Poll} after {Durations.Format(_time.GetElapsedTime(_started))}: {status}; {value.Details.Summarize()}"));
        }
    }

    /// <summary>Shows that a batch's wait ended without the batch finishing.</summary>
    /// <param name="batch">The batch.</param>
    /// <param name="reason">Why, in a few words (such as <c>failed: 404</c>).</param>
    public void Failed(BatchTrackingLocation batch, string reason)
    {
        lock (_lock)
        {
            if (_finished || !_rows.TryGetValue(batch, out var row))
            {
                return;
            }

            row.Failure = reason;
            if (_live)
            {
                Draw();
            }
            else
            {
                _writer.WriteLine($"{batch.BatchTrackingId:D} {reason}");
            }
        }
    }

    /// <summary>Leaves the table as it last stood; nothing is written after this.</summary>
    public void Finish()
    {
        lock (_lock)
        {
            _finished = true;
            _writer.Flush();
        }
    }

    private void Draw()
    {
        var table = new TextTable("CUSTOMER", "BATCH", "STATUS", "POLLS", "OK", "FAILED", "PENDING");
        foreach (var (batch, row) in _rows)
        {
            var (ok, failed, pending) = DeviceCounts(row.Details);
            table.AddRow(
                batch.CustomerId.ToString("D")[..8],
                batch.BatchTrackingId.ToString("D"),
                row.Failure ?? (row.Details is { } details ? TerminalText.Shorten(details.RawStatus ?? "(none)", MaxStatusLength) : "waiting"),
                row.Polls.ToString(CultureInfo.InvariantCulture),
                ok,
                failed,
                pending);
        }

        using var buffer = new StringWriter(CultureInfo.InvariantCulture);
        table.Write(buffer);
        var lines = buffer.ToString().Split('\n').Select(line => line.TrimEnd('\r')).Where(line => line.Length > 0).ToArray();

        // Back to the top of the previous drawing, then each line over the old one.
        var text = new System.Text.StringBuilder();
        for (var i = 0; i < _drawnLines; i++)
        {
            text.Append(LineUp);
        }

        foreach (var line in lines)
        {
            var shown = _width is > 1 and var width && line.Length >= width ? line[..(width - 2)] + "…" : line;
            text.Append(shown).Append(ClearLine).Append('\n');
        }

        _writer.Write(text.ToString());
        _writer.Flush();
        _drawnLines = lines.Length;
    }

    /// <summary>Counts a batch's devices that succeeded, failed and are still pending, for a table's cells.</summary>
    /// <param name="details">The batch, or <see langword="null"/> before its first poll.</param>
    /// <returns>The three counts, or empty cells before the first poll.</returns>
    internal static (string Ok, string Failed, string Pending) DeviceCounts(BatchUploadDetails? details)
    {
        if (details is null)
        {
            return (string.Empty, string.Empty, string.Empty);
        }

        var devices = details.DevicesStatus?.Where(device => device is not null).ToArray() ?? [];
        var ok = devices.Count(device => device.GetOutcome() == DeviceOutcome.Succeeded);
        var failed = devices.Count(device => device.GetOutcome() == DeviceOutcome.Failed);
        return (Text(ok), Text(failed), Text(devices.Length - ok - failed));
    }

    private static string Text(int count) => count.ToString(CultureInfo.InvariantCulture);

    private sealed class Row
    {
        public int Polls { get; set; }

        public BatchUploadDetails? Details { get; set; }

        public string? Failure { get; set; }
    }
}
