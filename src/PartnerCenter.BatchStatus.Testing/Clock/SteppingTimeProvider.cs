using System.Threading.Channels;
using Microsoft.Extensions.Time.Testing;

namespace PartnerCenter.BatchStatus.Testing;

/// <summary>
/// A fake clock that moves straight to each timer code starts: a wait of minutes for a batch (polls, backoff, a
/// <see cref="FakeBatch.FinishesAfter"/> batch) runs at once, and in the same order on every machine, however loaded.
/// Give it to <see cref="FakePartnerCenterTransport"/> and to the wait (<see cref="BatchWaitOptions.TimeProvider"/>),
/// then let <see cref="RunAsync{T}"/> run the code under test.
/// </summary>
/// <remarks>
/// Keep the client's own clock (<see cref="BatchStatusClientOptions.TimeProvider"/>) the system's: its attempt timeouts
/// are timers too, and this clock would move to them while a call is still being answered.
/// </remarks>
public sealed class SteppingTimeProvider : FakeTimeProvider
{
    /// <summary>Only guards against a test that hangs; nothing depends on real time.</summary>
    private static readonly TimeSpan HangGuard = TimeSpan.FromSeconds(30);

    private readonly Channel<TimeSpan> _timers = Channel.CreateUnbounded<TimeSpan>();
    private readonly DateTimeOffset _start;

    /// <summary>Creates the clock.</summary>
    /// <param name="start">The instant the clock starts at. The default value is 2025-01-06 08:00 UTC.</param>
    public SteppingTimeProvider(DateTimeOffset? start = null)
        : base(start ?? new DateTimeOffset(2025, 1, 6, 8, 0, 0, TimeSpan.Zero)) => _start = GetUtcNow();

    /// <summary>Gets how far the clock has moved since its start.</summary>
    public TimeSpan Elapsed => GetUtcNow() - _start;

    /// <inheritdoc/>
    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = base.CreateTimer(callback, state, dueTime, period);
        _timers.Writer.TryWrite(dueTime);
        return timer;
    }

    /// <summary>Waits (in real time, at most 30 seconds) until code starts a timer, and returns its due time.</summary>
    /// <returns>The due time of the next timer started.</returns>
    /// <exception cref="TimeoutException">No timer was started within 30 seconds.</exception>
    public Task<TimeSpan> NextTimerAsync() => _timers.Reader.ReadAsync().AsTask().WaitAsync(HangGuard);

    /// <summary>Lets <paramref name="task"/> run to its end, moving the clock to each timer it starts.</summary>
    /// <typeparam name="T">The task's result.</typeparam>
    /// <param name="task">The code under test, started on this clock.</param>
    /// <param name="maxSteps">How many timers it may start at the most. The default value is 1,000.</param>
    /// <returns>The task's result.</returns>
    /// <exception cref="InvalidOperationException">The task started more than <paramref name="maxSteps"/> timers.</exception>
    /// <exception cref="TimeoutException">The task neither ended nor started a timer within 30 seconds.</exception>
    public async Task<T> RunAsync<T>(Task<T> task, int maxSteps = 1000)
    {
        ArgumentNullException.ThrowIfNull(task);
        for (var step = 0; step < maxSteps; step++)
        {
            var next = _timers.Reader.ReadAsync().AsTask();
            if (await Task.WhenAny(task, next).WaitAsync(HangGuard).ConfigureAwait(false) == task)
            {
                return await task.ConfigureAwait(false);
            }

            if (await next.ConfigureAwait(false) is var due && due > TimeSpan.Zero)
            {
                // A timer that never fires (infinite) or fires at once needs no move of the clock.
                Advance(due);
            }
        }

        throw new InvalidOperationException($"The task started more than {maxSteps} timers.");
    }
}
