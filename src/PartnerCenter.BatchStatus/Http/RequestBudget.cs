namespace PartnerCenter.BatchStatus.Http;

/// <summary>
/// The client-wide request budget: every attempt of every call and wait made through one client reserves the next
/// free slot of one schedule (bursts of up to the per-second rate, then one slot each 1/rate seconds, first come, first
/// served), and a throttled answer (429 with <c>Retry-After</c>) pauses the whole client for that long, since Partner
/// Center throttles per partner, not per call.
/// </summary>
/// <remarks>
/// Written on the options' <see cref="TimeProvider"/> (as a generic cell rate schedule: one number under a lock)
/// rather than with System.Threading.RateLimiting, whose limiters measure time with the system stopwatch: they could
/// not follow a fake clock, and the budget's waits would escape the client's own clock.
/// </remarks>
internal sealed class RequestBudget
{
    private readonly TimeProvider _timeProvider;
    private readonly long _intervalTicks;
    private readonly long _burstTicks;
    private readonly object _lock = new();
    private long _nextSlotTicks;
    private long _pausedUntilTicks;

    /// <param name="requestsPerSecond">The budget; 0 for none (a throttled answer still pauses the client).</param>
    /// <param name="timeProvider">The clock of the schedule and the pauses.</param>
    public RequestBudget(double requestsPerSecond, TimeProvider timeProvider)
    {
        _timeProvider = timeProvider;
        if (requestsPerSecond > 0)
        {
            _intervalTicks = (long)(TimeSpan.TicksPerSecond / requestsPerSecond);
            _burstTicks = (Math.Max(1, (long)Math.Ceiling(requestsPerSecond)) - 1) * _intervalTicks;
        }
    }

    /// <summary>Waits until the client may send: after any pause a throttled answer asked for, then for its slot.</summary>
    /// <returns>How long the wait took.</returns>
    public async ValueTask<TimeSpan> WaitAsync(CancellationToken cancellationToken)
    {
        long wait;
        long now;
        lock (_lock)
        {
            now = _timeProvider.GetUtcNow().UtcTicks;
            var start = Math.Max(now, _pausedUntilTicks);
            if (_intervalTicks == 0)
            {
                wait = start - now;
            }
            else
            {
                var slot = Math.Max(_nextSlotTicks, start);
                _nextSlotTicks = slot + _intervalTicks;
                wait = Math.Max(start, slot - _burstTicks) - now;
            }
        }

        if (wait <= 0)
        {
            return TimeSpan.Zero;
        }

        var delay = TimeSpan.FromTicks(wait);
        await Task.Delay(delay, _timeProvider, cancellationToken).ConfigureAwait(false);
        return delay;
    }

    /// <summary>Pauses every call of the client until <paramref name="retryAfter"/> from now.</summary>
    public void Pause(TimeSpan retryAfter)
    {
        lock (_lock)
        {
            _pausedUntilTicks = Math.Max(_pausedUntilTicks, (_timeProvider.GetUtcNow() + retryAfter).UtcTicks);
        }
    }
}
