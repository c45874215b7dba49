namespace PartnerCenter.BatchStatus.Redis.Tests.Support;

/// <summary>
/// The system clock, except that every timer is due at once: a budget's wait completes straight away, and the test
/// reads how long it would have been from <see cref="RequestBudgetTurn.Waited"/>.
/// </summary>
public sealed class ImmediateTimeProvider : TimeProvider
{
    public static ImmediateTimeProvider Instance { get; } = new();

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period) =>
        System.CreateTimer(callback, state, dueTime == Timeout.InfiniteTimeSpan ? dueTime : TimeSpan.Zero, period);
}
