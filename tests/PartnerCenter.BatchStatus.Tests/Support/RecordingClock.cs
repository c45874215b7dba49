using System.Collections.Concurrent;
using System.Threading.Channels;
using Microsoft.Extensions.Time.Testing;

namespace PartnerCenter.BatchStatus.Tests.Support;

/// <summary>
/// A <see cref="FakeTimeProvider"/> that tells when code starts a timer, so a test can advance the clock exactly
/// to the next timer's due time: waits of minutes run at once, and in the same order on every machine. It also
/// records the due time of every timer: the waits the code asked for.
/// </summary>
internal sealed class RecordingClock(DateTimeOffset? start = null) : TimeProvider
{
    /// <summary>Only guards against a hung test; no assertion depends on real time.</summary>
    private static readonly TimeSpan HangGuard = TimeSpan.FromSeconds(30);

    private readonly Channel<TimeSpan> _timers = Channel.CreateUnbounded<TimeSpan>();
    private readonly ConcurrentQueue<TimeSpan> _dueTimes = new();
    private readonly DateTimeOffset _start = start ?? new DateTimeOffset(2025, 1, 6, 8, 0, 0, TimeSpan.Zero);

    public FakeTimeProvider Clock { get; } = new(start ?? new DateTimeOffset(2025, 1, 6, 8, 0, 0, TimeSpan.Zero));

    /// <summary>Gets how far the fake clock has moved since the start.</summary>
    public TimeSpan Elapsed => Clock.GetUtcNow() - _start;

    /// <summary>Gets the due time of every timer started so far.</summary>
    public IReadOnlyList<TimeSpan> DueTimes => [.. _dueTimes];

    public override DateTimeOffset GetUtcNow() => Clock.GetUtcNow();

    public override long GetTimestamp() => Clock.GetTimestamp();

    public override long TimestampFrequency => Clock.TimestampFrequency;

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = Clock.CreateTimer(callback, state, dueTime, period);
        _dueTimes.Enqueue(dueTime);
        _timers.Writer.TryWrite(dueTime);
        return timer;
    }

    /// <summary>Waits (in real time, bounded) until code starts a timer, and returns its due time.</summary>
    public Task<TimeSpan> NextTimerAsync() => _timers.Reader.ReadAsync().AsTask().WaitAsync(HangGuard);

    /// <summary>Waits until code starts a timer of <paramref name="dueTime"/>.</summary>
    public async Task WaitForTimerAsync(TimeSpan dueTime)
    {
        while (await NextTimerAsync() != dueTime)
        {
        }
    }

    /// <summary>
    /// Lets <paramref name="task"/> run to its end, advancing the clock to each timer it starts, at most
    /// <paramref name="maxSteps"/> times.
    /// </summary>
    public async Task<T> RunAsync<T>(Task<T> task, int maxSteps = 1000)
    {
        for (var step = 0; step < maxSteps; step++)
        {
            var next = _timers.Reader.ReadAsync().AsTask();
            var first = await Task.WhenAny(task, next).WaitAsync(HangGuard);
            if (first == task)
            {
                return await task;
            }

            if (await next is var due && due > TimeSpan.Zero)
            {
                // Timers that never fire (infinite) stay as they are.
                Clock.Advance(due);
            }
        }

        throw new InvalidOperationException($"The task started more than {maxSteps} timers.");
    }

}
