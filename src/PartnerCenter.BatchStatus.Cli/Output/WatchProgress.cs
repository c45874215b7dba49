using System.Globalization;

namespace PartnerCenter.BatchStatus.Cli.Output;

/// <summary>
/// Shows the polls of <c>pcbatch watch</c>: on a terminal, a view that fits the screen (a summary line, then the rows
/// of the batches that changed last), refreshed a few times a second; in a file or a pipe, one plain line per poll and
/// per batch that failed. Every report costs the same whatever the number of batches.
/// </summary>
/// <remarks>
/// Polls of different batches are reported from different threads: the state is kept under a lock, and nothing is
/// written after <see cref="Finish"/>. What the view writes per refresh is bounded by the screen, not by the list
/// (<see cref="LiveScreen"/>).
/// </remarks>
internal sealed class WatchProgress : IProgress<BatchPoll>, IDisposable
{
    /// <summary>How often the live view is redrawn at most: a few times a second is as fast as a person reads.</summary>
    public static readonly TimeSpan RefreshInterval = TimeSpan.FromMilliseconds(250);

    /// <summary>The screen height assumed when the terminal does not tell.</summary>
    private const int DefaultHeight = 24;

    private readonly object _lock = new();
    private readonly TextWriter _writer;
    private readonly TimeProvider _time;
    private readonly long _started;
    private readonly BatchTrackingLocation[] _batches;
    private readonly Dictionary<BatchTrackingLocation, int> _index;
    private readonly Row[] _rows;
    private readonly LiveScreen? _screen;
    private readonly int[] _slots;
    private readonly int[] _slotOf;
    private readonly ITimer? _timer;
    private long _changes;
    private bool _finished;

    /// <summary>Initializes a new instance of the <see cref="WatchProgress"/> class.</summary>
    /// <param name="writer">Where to write.</param>
    /// <param name="batches">The batches, each once, in the order of the list.</param>
    /// <param name="live">Whether to keep a view in place (a terminal) rather than write a line per poll.</param>
    /// <param name="width">The terminal's width, to keep each row on one line.</param>
    /// <param name="height">The terminal's height, to keep the view on the screen.</param>
    /// <param name="time">The clock of the wait, which also times the refreshes.</param>
    public WatchProgress(TextWriter writer, IReadOnlyList<BatchTrackingLocation> batches, bool live, int? width, int? height, TimeProvider time)
    {
        _writer = writer;
        _time = time;
        _started = time.GetTimestamp();
        _batches = [.. batches];
        _index = _batches.Index().DistinctBy(pair => pair.Item).ToDictionary(pair => pair.Item, pair => pair.Index);

        _rows = new Row[_batches.Length];
        _slotOf = [];
        _slots = [];
        if (!live)
        {
            return;
        }

        // The summary line, the header and the line the cursor rests on: the rest of the screen holds rows.
        var rows = Math.Max(1, (height is > 0 and var h ? h : DefaultHeight) - 3);
        _slots = [.. Enumerable.Range(0, Math.Min(rows, _batches.Length))];
        _slotOf = [.. Enumerable.Range(0, _batches.Length).Select(index => index < _slots.Length ? index : -1)];

        _screen = new LiveScreen(writer, width);
        _timer = time.CreateTimer(_ => Refresh(), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
    }

    /// <summary>Draws the view before the first poll, with every batch waiting, and starts the refreshes.</summary>
    public void Start()
    {
        lock (_lock)
        {
            if (_screen is not null)
            {
                Draw();
                _timer!.Change(RefreshInterval, RefreshInterval);
            }
        }
    }

    /// <summary>Shows a poll.</summary>
    /// <param name="value">The batch and what the poll returned.</param>
    public void Report(BatchPoll value)
    {
        lock (_lock)
        {
            if (_finished || !_index.TryGetValue(value.Batch, out var index))
            {
                return;
            }

            ref var row = ref _rows[index];
            row.Polls = Math.Max(row.Polls, value.Poll);
            row.Details = value.Details;
            if (row.State is State.Waiting or State.Polling)
            {
                row.State = value.Details.IsCompleted() ? State.Completed : State.Polling;
            }

            if (_screen is not null)
            {
                Changed(index);
                return;
            }

            _writer.WriteLine($"{value.Batch.BatchTrackingId:D} {WaitProgress.Line(value.Poll, _time.GetElapsedTime(_started), value.Details)}");
        }
    }

    /// <summary>Shows that a batch's wait ended without the batch finishing.</summary>
    /// <param name="batch">The batch.</param>
    /// <param name="reason">Why, in a few words (such as <c>error 404</c>).</param>
    public void Failed(BatchTrackingLocation batch, string reason)
    {
        lock (_lock)
        {
            if (_finished || !_index.TryGetValue(batch, out var index))
            {
                return;
            }

            ref var row = ref _rows[index];
            row.State = State.Failed;
            row.Failure = TerminalText.OneLine(reason);
            if (_screen is not null)
            {
                Changed(index);
            }
            else
            {
                _writer.WriteLine($"{batch.BatchTrackingId:D} {row.Failure}");
            }
        }
    }

    /// <summary>Gets what is known of a batch so far: its polls and the details of its last successful one.</summary>
    /// <param name="batch">The batch.</param>
    /// <returns>The polls and the last details, or none before the first poll.</returns>
    public (int Polls, BatchUploadDetails? Details) Seen(BatchTrackingLocation batch)
    {
        lock (_lock)
        {
            return _index.TryGetValue(batch, out var index) ? (_rows[index].Polls, _rows[index].Details) : (0, null);
        }
    }

    /// <summary>Draws the view as it last stood and stops the refreshes; nothing is written after this.</summary>
    public void Finish()
    {
        lock (_lock)
        {
            if (_finished)
            {
                return;
            }

            _timer?.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
            if (_screen is not null)
            {
                Draw();
            }

            _finished = true;
            _writer.Flush();
        }
    }

    /// <inheritdoc/>
    public void Dispose() => _timer?.Dispose();

    /// <summary>Counts a batch's devices that succeeded, failed and are still pending, for a table's cells.</summary>
    /// <param name="details">The batch, or <see langword="null"/> before its first poll.</param>
    /// <returns>The three counts, or empty cells before the first poll.</returns>
    internal static (string Ok, string Failed, string Pending) DeviceCounts(BatchUploadDetails? details)
    {
        if (details is null)
        {
            return (string.Empty, string.Empty, string.Empty);
        }

        // Every device neither succeeded nor failed is pending here, a status pcbatch does not know included.
        var ok = details.GetDevices(DeviceOutcome.Succeeded).Count;
        var failed = details.GetDevices(DeviceOutcome.Failed).Count;
        var all = details.DevicesStatus?.Count(device => device is not null) ?? 0;
        return (Text(ok), Text(failed), Text(all - ok - failed));
    }

    private static string Text(int count) => count.ToString(CultureInfo.InvariantCulture);

    /// <summary>Puts a changed batch on the screen: in its own row if shown, else in place of the row that matters least.</summary>
    private void Changed(int index)
    {
        _rows[index].Changed = ++_changes;
        if (_slotOf[index] >= 0)
        {
            return;
        }

        // A row whose batch is done says less than one still running; of those alike, the one unchanged longest goes.
        var victim = 0;
        for (var slot = 1; slot < _slots.Length; slot++)
        {
            if (Weight(_slots[slot]) < Weight(_slots[victim]))
            {
                victim = slot;
            }
        }

        _slotOf[_slots[victim]] = -1;
        _slots[victim] = index;
        _slotOf[index] = victim;
    }

    /// <summary>How much a row is worth keeping on the screen: running rows above done ones, then by their last change.</summary>
    private long Weight(int index) =>
        (_rows[index].State is State.Waiting or State.Polling ? long.MaxValue / 2 : 0) + _rows[index].Changed;

    private void Refresh()
    {
        lock (_lock)
        {
            if (!_finished)
            {
                Draw();
            }
        }
    }

    private void Draw()
    {
        var lines = new string[_slots.Length + 2];
        var total = _batches.Length;
        var summary = string.Create(
            CultureInfo.InvariantCulture,
            $"{Durations.Count(total, "batch", "batches")}: {Count(State.Completed)} finished, {Count(State.Failed)} not finished, {Count(State.Polling)} polling, {Count(State.Waiting)} waiting; {Durations.Format(_time.GetElapsedTime(_started))}");
        lines[0] = _slots.Length < total
            ? summary + string.Create(CultureInfo.InvariantCulture, $" (the {_slots.Length} latest shown)")
            : summary;
        lines[1] = LiveScreen.Row("CUSTOMER", "BATCH", "STATUS", "POLLS", "OK", "FAILED", "PENDING");
        for (var slot = 0; slot < _slots.Length; slot++)
        {
            var index = _slots[slot];
            var row = _rows[index];
            var batch = _batches[index];
            var (ok, failed, pending) = DeviceCounts(row.Details);
            lines[slot + 2] = LiveScreen.Row(
                batch.CustomerId.ToString("D")[..8],
                batch.BatchTrackingId.ToString("D"),
                row.Failure ?? (row.Details is { } details ? TerminalText.Status(details.Status) : "waiting"),
                row.Polls.ToString(CultureInfo.InvariantCulture),
                ok,
                failed,
                pending);
        }

        _screen!.Show(lines);
    }

    private int Count(State state) => _rows.Count(row => row.State == state);

    /// <summary>What is known of one batch; <paramref name="Changed"/> counts changes, so that the oldest row leaves the screen first.</summary>
    private record struct Row(int Polls, BatchUploadDetails? Details, string? Failure, State State, long Changed);

    /// <summary>Where a batch's wait stands.</summary>
    private enum State { Waiting, Polling, Completed, Failed }
}
