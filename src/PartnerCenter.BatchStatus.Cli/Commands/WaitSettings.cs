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

    /// <summary>Reads <c>--interval</c> and <c>--timeout</c>, with the defaults of a real run or of the demo.</summary>
    /// <param name="intervalText">The value of <c>--interval</c>, or <see langword="null"/>.</param>
    /// <param name="timeoutText">The value of <c>--timeout</c>, or <see langword="null"/>.</param>
    /// <param name="demo">Whether the run is the demo, whose batches move on at every poll.</param>
    /// <returns>The checked settings.</returns>
    /// <exception cref="UsageException">A value is not a duration, or is out of range.</exception>
    public static WaitSettings Parse(string? intervalText, string? timeoutText, bool demo)
    {
        var interval = intervalText is null
            ? (demo ? DemoInterval : DefaultInterval)
            : CommandLineValues.ParseDuration(intervalText, "--interval", allowInfinite: false);
        var timeout = timeoutText is null ? DefaultTimeout : CommandLineValues.ParseDuration(timeoutText, "--timeout", allowInfinite: true);
        if (interval > Longest)
        {
            throw new UsageException("--interval must be at most one day.");
        }

        if (timeout != System.Threading.Timeout.InfiniteTimeSpan && timeout > Longest)
        {
            throw new UsageException("--timeout must be at most one day, or none.");
        }

        return new WaitSettings(interval, timeout);
    }

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
