using PartnerCenter.BatchStatus.Errors;

namespace PartnerCenter.BatchStatus.Http;

/// <summary>
/// The client-wide request budget: every attempt of every call and wait made through one client reserves the next
/// free slot of one schedule (bursts of up to the per-second rate, then one slot each 1/rate seconds, first come, first
/// served), and a throttled answer (429 with <c>Retry-After</c>) pauses the whole client for that long, at most
/// <see cref="BatchStatusRetryOptions.MaxRetryAfter"/>, since Partner Center throttles per partner, not per call.
/// </summary>
/// <remarks>
/// Written on the options' <see cref="TimeProvider"/> (as a generic cell rate schedule: one number under a lock)
/// rather than with System.Threading.RateLimiting, whose limiters measure time with the system stopwatch: they could
/// not follow a fake clock, and the budget's waits would escape the client's own clock.
/// </remarks>
internal sealed class RequestBudget : IRequestBudget
{
    /// <summary>The longest single timer: <see cref="Task.Delay(TimeSpan, TimeProvider, CancellationToken)"/> refuses longer ones.</summary>
    private static readonly TimeSpan LongestTimer = TimeSpan.FromDays(49);

    private readonly TimeProvider _timeProvider;
    private readonly TimeSpan _maxPause;
    private readonly long _intervalTicks;
    private readonly long _burstTicks;
    private readonly object _lock = new();
    private long _nextSlotTicks;
    private long _pausedUntilTicks;

    /// <param name="requestsPerSecond">The budget; 0 for none (a throttled answer still pauses the client).</param>
    /// <param name="maxPause">The longest pause a throttled answer causes, whatever it asked for.</param>
    /// <param name="timeProvider">The clock of the schedule and the pauses.</param>
    public RequestBudget(double requestsPerSecond, TimeSpan maxPause, TimeProvider timeProvider)
    {
        _timeProvider = timeProvider;
        _maxPause = maxPause;
        if (requestsPerSecond > 0)
        {
            _intervalTicks = (long)(TimeSpan.TicksPerSecond / requestsPerSecond);
            _burstTicks = (Math.Max(1, (long)Math.Ceiling(requestsPerSecond)) - 1) * _intervalTicks;
        }
    }

    /// <inheritdoc/>
    public ValueTask<BudgetTurn> WaitAsync(DateTimeOffset? deadline, CancellationToken cancellationToken)
    {
        long wait;
        lock (_lock)
        {
            var now = _timeProvider.GetUtcNow().UtcTicks;
            if (_pausedUntilTicks > now && deadline is { } end && _pausedUntilTicks >= end.UtcTicks)
            {
                // Waiting would only end in the call's timeout, and the slot would be lost to the others.
                return new(new BudgetTurn(TimeSpan.Zero, new DateTimeOffset(_pausedUntilTicks, TimeSpan.Zero)));
            }

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

        return wait <= 0 ? new(BudgetTurn.Now) : DelayAsync(TimeSpan.FromTicks(wait), cancellationToken);
    }

    /// <summary>
    /// Gives back the slot of an attempt that stopped waiting (its call timed out or was cancelled), so that a burst of
    /// calls that gave up does not hold the schedule for the calls after them.
    /// </summary>
    private void GiveBack()
    {
        if (_intervalTicks == 0)
        {
            return;
        }

        lock (_lock)
        {
            // The schedule is one number: the next free slot moves back by one, never before now.
            _nextSlotTicks = Math.Max(_nextSlotTicks - _intervalTicks, _timeProvider.GetUtcNow().UtcTicks);
        }
    }

    /// <inheritdoc/>
    public void Pause(TimeSpan retryAfter)
    {
        var pause = retryAfter < _maxPause ? retryAfter : _maxPause;
        if (pause <= TimeSpan.Zero)
        {
            return;
        }

        lock (_lock)
        {
            var until = PartnerCenterHeaderValues.Later(_timeProvider.GetUtcNow(), pause).UtcTicks;
            _pausedUntilTicks = Math.Max(_pausedUntilTicks, until);
        }
    }

    private async ValueTask<BudgetTurn> DelayAsync(TimeSpan wait, CancellationToken cancellationToken)
    {
        // A queue of thousands at a tiny rate can be further off than one timer reaches.
        try
        {
            for (var left = wait; left > TimeSpan.Zero; left -= LongestTimer)
            {
                await Task.Delay(left < LongestTimer ? left : LongestTimer, _timeProvider, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException)
        {
            GiveBack();
            throw;
        }

        return new BudgetTurn(wait, null);
    }
}
