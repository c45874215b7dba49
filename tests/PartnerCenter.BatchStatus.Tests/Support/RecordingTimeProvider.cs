using System.Collections.Concurrent;
using Microsoft.Extensions.Time.Testing;

namespace PartnerCenter.BatchStatus.Tests.Support;

/// <summary>A fake clock that also records the due time of every timer created on it: the waits the client asked for.</summary>
internal sealed class RecordingTimeProvider(FakeTimeProvider clock) : TimeProvider
{
    private readonly ConcurrentQueue<TimeSpan> _dueTimes = new();

    public FakeTimeProvider Clock => clock;

    public IReadOnlyList<TimeSpan> DueTimes => [.. _dueTimes];

    public override long TimestampFrequency => clock.TimestampFrequency;

    public override TimeZoneInfo LocalTimeZone => clock.LocalTimeZone;

    public override DateTimeOffset GetUtcNow() => clock.GetUtcNow();

    public override long GetTimestamp() => clock.GetTimestamp();

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        _dueTimes.Enqueue(dueTime);
        return clock.CreateTimer(callback, state, dueTime, period);
    }

    /// <summary>Waits (in real time, bounded) until a timer of <paramref name="dueTime"/> exists.</summary>
    public async Task WaitForTimerAsync(TimeSpan dueTime)
    {
        for (var i = 0; i < 2000 && !_dueTimes.Contains(dueTime); i++)
        {
            await Task.Delay(5);
        }

        Assert.Contains(dueTime, _dueTimes);
    }
}
