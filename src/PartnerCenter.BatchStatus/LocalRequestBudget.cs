using PartnerCenter.BatchStatus.Errors;

namespace PartnerCenter.BatchStatus;

/// <summary>
/// A request budget held in this process: every attempt reserves the next free slot of one schedule (bursts of up to
/// the per-second rate unless they are turned off, then one slot each 1/rate seconds, first come, first served), and a throttled answer pauses
/// every request of the budget for as long as it asked. Each client has its own unless it is given one; give one
/// instance to several clients of a process to share it between them.
/// </summary>
/// <remarks>
/// Written on a <see cref="TimeProvider"/> (as a generic cell rate schedule: one number under a lock) rather than
/// with System.Threading.RateLimiting, whose limiters measure time with the system stopwatch: they could not follow a
/// fake clock, and the budget's waits would escape the client's own clock.
/// </remarks>
public sealed class LocalRequestBudget : RequestBudget
{
    /// <summary>The longest single timer: <see cref="Task.Delay(TimeSpan, TimeProvider, CancellationToken)"/> refuses longer ones.</summary>
    private static readonly TimeSpan LongestTimer = TimeSpan.FromDays(49);

    /// <summary>How far a timer may fire before the end of the pause it waited for and still be its end.</summary>
    private static readonly TimeSpan PauseEndTolerance = TimeSpan.FromMilliseconds(50);

    internal const double MinRate = 0.001;
    internal const double MaxRate = 1000;

    private readonly TimeProvider _timeProvider;
    private readonly long _intervalTicks;
    private readonly long _burstTicks;
    private readonly object _lock = new();
    private long _nextSlotTicks;
    private long _pausedUntilTicks;

    /// <summary>Initializes a new instance of the <see cref="LocalRequestBudget"/> class.</summary>
    /// <param name="requestsPerSecond">
    /// How many requests per second at most, with bursts of up to one second's worth: 0 for no limit (a throttled
    /// answer still pauses), or from 0.001 (one request every 1,000 seconds) to 1,000.
    /// </param>
    /// <param name="timeProvider">The clock of the schedule and the pauses; <see langword="null"/> for the system clock.</param>
    /// <param name="allowBursts">
    /// <see langword="true"/> (the default) to let up to one second's worth of requests go at once after a quiet
    /// spell; <see langword="false"/> to space every request 1/rate after the one before, as a budget that is one
    /// process's share of a rate several processes keep together should.
    /// </param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="requestsPerSecond"/> is out of range.</exception>
    public LocalRequestBudget(double requestsPerSecond, TimeProvider? timeProvider = null, bool allowBursts = true)
    {
        if (double.IsNaN(requestsPerSecond) || requestsPerSecond < 0 || requestsPerSecond > MaxRate
            || (requestsPerSecond > 0 && requestsPerSecond < MinRate))
        {
            throw new ArgumentOutOfRangeException(nameof(requestsPerSecond), requestsPerSecond, "The rate must be 0 (no limit) or between 0.001 (one request every 1,000 seconds) and 1000.");
        }

        _timeProvider = timeProvider ?? TimeProvider.System;
        if (requestsPerSecond > 0)
        {
            _intervalTicks = (long)(TimeSpan.TicksPerSecond / requestsPerSecond);
            _burstTicks = allowBursts ? (Math.Max(1, (long)Math.Ceiling(requestsPerSecond)) - 1) * _intervalTicks : 0;
        }
    }

    /// <inheritdoc/>
    public override ValueTask<RequestBudgetTurn> WaitAsync(Guid customerId, TimeSpan? timeLeft, CancellationToken cancellationToken)
    {
        long wait;
        lock (_lock)
        {
            var now = _timeProvider.GetUtcNow().UtcTicks;
            if (_pausedUntilTicks > now && timeLeft is { } left && _pausedUntilTicks - now >= left.Ticks)
            {
                // Waiting would only end in the call's timeout, and the slot would be lost to the others.
                return new(RequestBudgetTurn.Refused(TimeSpan.FromTicks(_pausedUntilTicks - now)));
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

        return wait <= 0 ? new(default(RequestBudgetTurn)) : DelayAsync(TimeSpan.FromTicks(wait), customerId, timeLeft, cancellationToken);
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
    public override ValueTask PauseAsync(Guid customerId, TimeSpan pause, CancellationToken cancellationToken)
    {
        if (pause <= TimeSpan.Zero)
        {
            return default;
        }

        lock (_lock)
        {
            var until = PartnerCenterHeaderValues.Later(_timeProvider.GetUtcNow(), pause).UtcTicks;
            _pausedUntilTicks = Math.Max(_pausedUntilTicks, until);
        }

        return default;
    }

    private async ValueTask<RequestBudgetTurn> DelayAsync(TimeSpan wait, Guid customerId, TimeSpan? timeLeft, CancellationToken cancellationToken)
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

        long pauseLeft;
        lock (_lock)
        {
            pauseLeft = _pausedUntilTicks - _timeProvider.GetUtcNow().UtcTicks;
        }

        if (pauseLeft <= 0)
        {
            return new RequestBudgetTurn(wait);
        }

        if (pauseLeft <= PauseEndTolerance.Ticks)
        {
            // The pause this wait was given ends now, as far as the timer can tell: sleep off the rest, no new slot.
            await Task.Delay(TimeSpan.FromTicks(pauseLeft), _timeProvider, cancellationToken).ConfigureAwait(false);
            return new RequestBudgetTurn(wait + TimeSpan.FromTicks(pauseLeft));
        }

        // A throttled answer came while this attempt waited for its slot: it waits for the pause, then for a new slot.
        var after = await WaitAsync(customerId, timeLeft - wait, cancellationToken).ConfigureAwait(false);
        return after.RefusedFor is { } refusedFor ? RequestBudgetTurn.Refused(refusedFor) : new RequestBudgetTurn(wait + after.Waited);
    }
}
