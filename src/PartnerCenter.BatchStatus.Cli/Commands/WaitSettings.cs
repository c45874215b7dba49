namespace PartnerCenter.BatchStatus.Cli.Commands;

/// <summary>How <c>--wait</c> polls, checked.</summary>
/// <param name="Interval">The pause before the second poll (<c>--interval</c>); later pauses double.</param>
/// <param name="Timeout">How long to wait at most (<c>--timeout</c>), or <see cref="System.Threading.Timeout.InfiniteTimeSpan"/>.</param>
internal sealed record WaitSettings(TimeSpan Interval, TimeSpan Timeout)
{
    /// <summary>The longest pause between polls, unless <see cref="Interval"/> is longer.</summary>
    public static readonly TimeSpan MaxInterval = TimeSpan.FromSeconds(60);

    /// <summary>The longest <c>--interval</c> and <c>--timeout</c> (other than none).</summary>
    public static readonly TimeSpan Longest = TimeSpan.FromDays(1);

    /// <summary>The default <c>--interval</c>: the client's own default first pause.</summary>
    public static readonly TimeSpan DefaultInterval = new BatchWaitOptions().FirstDelay;

    /// <summary>The default <c>--interval</c> of the demo, whose batch moves on at every poll: the demo takes seconds, not minutes.</summary>
    public static readonly TimeSpan DemoInterval = TimeSpan.FromMilliseconds(500);

    /// <summary>The default <c>--timeout</c>: the client's own default.</summary>
    public static readonly TimeSpan DefaultTimeout = new BatchWaitOptions().MaxTotalWait;

    /// <summary>Gets the client's wait options for these settings.</summary>
    /// <param name="time">The clock.</param>
    /// <returns>The options.</returns>
    public BatchWaitOptions ToOptions(TimeProvider time) => new()
    {
        FirstDelay = Interval,
        MaxInterval = Interval > MaxInterval ? Interval : MaxInterval,
        MaxTotalWait = Timeout,
        TimeProvider = time,
    };
}
