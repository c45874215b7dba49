namespace PartnerCenter.BatchStatus.Redis.Tests.Support;

/// <summary>
/// The system clock, except that every timer is due at once: a budget's wait completes straight away, and the test
/// reads how long it would have been from <see cref="RequestBudgetTurn.Waited"/>.
/// </summary>
/// <param name="frozen">
/// <see langword="true"/> for a clock that does not move either (<see cref="Frozen"/>): an in-process budget's
/// schedule then does not refill while the test runs, however slowly the machine runs it.
/// </param>
public sealed class ImmediateTimeProvider(bool frozen = false) : TimeProvider
{
    private readonly DateTimeOffset _now = System.GetUtcNow();
    private readonly long _timestamp = System.GetTimestamp();

    public static ImmediateTimeProvider Instance { get; } = new();

    public static ImmediateTimeProvider Frozen { get; } = new(frozen: true);

    public override DateTimeOffset GetUtcNow() => frozen ? _now : System.GetUtcNow();

    public override long GetTimestamp() => frozen ? _timestamp : System.GetTimestamp();

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period) =>
        System.CreateTimer(callback, state, dueTime == Timeout.InfiniteTimeSpan ? dueTime : TimeSpan.Zero, period);
}
