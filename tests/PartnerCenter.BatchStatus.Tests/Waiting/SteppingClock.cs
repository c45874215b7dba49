namespace PartnerCenter.BatchStatus.Tests.Waiting;

/// <summary>
/// A fake clock that moves only when it is told to, one timer at a time: <see cref="FireNext"/> sets the time to the
/// earliest timer's due time and runs that timer alone. Timers due at the same time fire in a fixed order (the order
/// <see cref="IClockWaits.OrderOf"/> gives their owners, then the order they were set), so a run is the same on every
/// machine however its threads are scheduled.
/// </summary>
/// <remarks>
/// A timer whose state is a <see cref="Task"/> is a wait: <c>Task.Delay</c> on a <see cref="TimeProvider"/> sets one
/// and completes that task when it fires. Its owner (the <see cref="PartnerCenterCorrelation"/> scope it was set in)
/// is told when it starts and ends waiting, so that the caller can tell when every piece of work is waiting on this
/// clock. Other timers (the cancellation of a timeout) run work when they fire but keep nobody waiting.
/// </remarks>
internal sealed class SteppingClock : TimeProvider
{
    private readonly object _lock = new();
    private readonly SortedSet<Timer> _queue = new(Comparer<Timer>.Create(static (a, b) =>
        (a.DueTicks, a.OwnerOrder, a.Sequence).CompareTo((b.DueTicks, b.OwnerOrder, b.Sequence))));

    private readonly IClockWaits _waits;
    private readonly long _startTicks;
    private long _nowTicks;
    private long _sequence;

    public SteppingClock(DateTimeOffset start, IClockWaits waits)
    {
        _waits = waits;
        _startTicks = _nowTicks = start.UtcTicks;
    }

    public override DateTimeOffset GetUtcNow() => new(Volatile.Read(ref _nowTicks), TimeSpan.Zero);

    public override long GetTimestamp() => Volatile.Read(ref _nowTicks) - _startTicks;

    public override long TimestampFrequency => TimeSpan.TicksPerSecond;

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var owner = PartnerCenterCorrelation.Current;
        var timer = new Timer(this, callback, state, owner, state is Task, _waits.OrderOf(owner));

        // Set before its owner is told: once every wait waits, the clock may move at once, and it must see this timer.
        timer.Change(dueTime, period);
        if (timer.IsWait)
        {
            _waits.WaitStarted(owner);
        }

        return timer;
    }

    /// <summary>Moves the clock to the earliest timer and fires it; <see langword="false"/> when no timer is set.</summary>
    public bool FireNext()
    {
        Timer next;
        lock (_lock)
        {
            if (_queue.Count == 0)
            {
                return false;
            }

            next = _queue.Min!;
            _queue.Remove(next);
            Volatile.Write(ref _nowTicks, Math.Max(_nowTicks, next.DueTicks));
            if (next.PeriodTicks > 0)
            {
                next.DueTicks += next.PeriodTicks;
                next.Sequence = ++_sequence;
                _queue.Add(next);
            }
            else
            {
                next.Fired = true;
            }
        }

        if (next.IsWait && next.Fired)
        {
            _waits.WaitEnded(next.Owner);
        }

        next.Callback(next.State);
        return true;
    }

    private sealed class Timer(SteppingClock clock, TimerCallback callback, object? state, Guid? owner, bool isWait, int ownerOrder) : ITimer
    {
        public TimerCallback Callback { get; } = callback;

        public object? State { get; } = state;

        public Guid? Owner { get; } = owner;

        public bool IsWait { get; } = isWait;

        public int OwnerOrder { get; } = ownerOrder;

        public long DueTicks { get; set; }

        public long PeriodTicks { get; set; }

        public long Sequence { get; set; }

        public bool Fired { get; set; }

        public bool Disposed { get; private set; }

        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            lock (clock._lock)
            {
                if (Disposed)
                {
                    return false;
                }

                clock._queue.Remove(this);
                PeriodTicks = period == Timeout.InfiniteTimeSpan ? 0 : period.Ticks;
                if (dueTime != Timeout.InfiniteTimeSpan)
                {
                    DueTicks = clock._nowTicks + dueTime.Ticks;
                    Sequence = ++clock._sequence;
                    clock._queue.Add(this);
                }

                return true;
            }
        }

        public void Dispose()
        {
            bool wasWaiting;
            lock (clock._lock)
            {
                if (Disposed)
                {
                    return;
                }

                Disposed = true;
                wasWaiting = IsWait && !Fired;
                clock._queue.Remove(this);
            }

            if (wasWaiting)
            {
                clock._waits.WaitEnded(Owner);
            }
        }

        public ValueTask DisposeAsync()
        {
            Dispose();
            return default;
        }
    }
}

/// <summary>What a <see cref="SteppingClock"/> tells about the waits set on it.</summary>
internal interface IClockWaits
{
    /// <summary>The order among timers due at the same time of the timers set in <paramref name="owner"/>'s scope.</summary>
    int OrderOf(Guid? owner);

    /// <summary>Code in <paramref name="owner"/>'s scope started waiting on the clock.</summary>
    void WaitStarted(Guid? owner);

    /// <summary>A wait of <paramref name="owner"/> ended: its timer fired or was cancelled.</summary>
    void WaitEnded(Guid? owner);
}
