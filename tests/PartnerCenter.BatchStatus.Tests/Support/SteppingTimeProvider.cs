using System.Threading.Channels;
using Microsoft.Extensions.Time.Testing;

namespace PartnerCenter.BatchStatus.Tests.Support;

/// <summary>
/// A <see cref="FakeTimeProvider"/> that tells when code starts a timer, so a test can advance the clock exactly
/// to the next timer's due time: waits of minutes run at once, and in the same order on every machine.
/// </summary>
internal sealed class SteppingTimeProvider : TimeProvider
{
    /// <summary>Only guards against a hung test; no assertion depends on real time.</summary>
    private static readonly TimeSpan HangGuard = TimeSpan.FromSeconds(30);

    private readonly FakeTimeProvider _fake = new(new DateTimeOffset(2025, 1, 6, 8, 0, 0, TimeSpan.Zero));
    private readonly Channel<TimeSpan> _timers = Channel.CreateUnbounded<TimeSpan>();
    private readonly DateTimeOffset _start;

    public SteppingTimeProvider() => _start = _fake.GetUtcNow();

    /// <summary>Gets how far the fake clock has moved since the start.</summary>
    public TimeSpan Elapsed => _fake.GetUtcNow() - _start;

    public override DateTimeOffset GetUtcNow() => _fake.GetUtcNow();

    public override long GetTimestamp() => _fake.GetTimestamp();

    public override long TimestampFrequency => _fake.TimestampFrequency;

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = _fake.CreateTimer(callback, state, dueTime, period);
        _timers.Writer.TryWrite(dueTime);
        return timer;
    }

    /// <summary>Waits (in real time, bounded) until code starts a timer, and returns its due time.</summary>
    public Task<TimeSpan> NextTimerAsync() => _timers.Reader.ReadAsync().AsTask().WaitAsync(HangGuard);

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

            _fake.Advance(await next);
        }

        throw new InvalidOperationException($"The task started more than {maxSteps} timers.");
    }
}
