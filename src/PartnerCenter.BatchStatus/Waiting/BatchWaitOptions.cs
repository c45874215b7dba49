namespace PartnerCenter.BatchStatus;

/// <summary>
/// How <see cref="BatchStatusClientWaitExtensions.WaitForCompletionAsync(IBatchStatusClient, Guid, Guid, BatchWaitOptions?, IProgress{BatchUploadDetails}?, CancellationToken)"/>
/// polls a batch: the pause between polls, how it grows, and how long to wait at most.
/// </summary>
/// <remarks>
/// <para>
/// The first poll is made at once (a batch may already be done). The pause before the second poll is
/// <see cref="FirstDelay"/>; each later pause is the previous one times <see cref="BackoffFactor"/>, up to
/// <see cref="MaxInterval"/>. With the defaults the polls come at 0 s, 5 s, 15 s, 35 s, 1 min 15 s, 2 min 15 s and
/// then every minute, so a batch that takes ten minutes (as the documented sample did) costs 14 calls where
/// polling every 5 seconds costs 121. Partner Center names continuous polling as a cause of throttling and publishes no
/// limits, so the defaults favour few calls over noticing the end a few seconds earlier.
/// </para>
/// <para>
/// A <c>Retry-After</c> from the service, on a successful poll or on a throttled one (429), always wins over this
/// schedule when it is longer. The values are checked when a wait starts; an invalid one throws
/// <see cref="ArgumentOutOfRangeException"/> naming it.
/// </para>
/// </remarks>
public sealed class BatchWaitOptions
{
    /// <summary>The longest single pause: a longer <c>Retry-After</c> is treated as this long.</summary>
    internal static readonly TimeSpan MaxSinglePause = TimeSpan.FromDays(1);

    /// <summary>Initializes a new instance of the <see cref="BatchWaitOptions"/> class with the defaults: pauses from 5 seconds growing twofold up to a minute, for at most 30 minutes.</summary>
    public BatchWaitOptions()
    {
    }

    /// <summary>Gets or sets the pause between the first and the second poll. The default value is 5 seconds.</summary>
    /// <remarks>Must be more than zero and at most <see cref="MaxInterval"/>.</remarks>
    public TimeSpan FirstDelay { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Gets or sets how much each pause grows over the previous one. The default value is 2.</summary>
    /// <remarks>Must be from 1 (a fixed interval) to 10.</remarks>
    public double BackoffFactor { get; set; } = 2.0;

    /// <summary>Gets or sets the longest pause of the wait's own schedule. The default value is 60 seconds.</summary>
    /// <remarks>Must be at least <see cref="FirstDelay"/> and at most one day. A longer <c>Retry-After</c> still wins.</remarks>
    public TimeSpan MaxInterval { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// Gets or sets how long the wait lasts at most before it throws <see cref="BatchWaitTimeoutException"/>.
    /// The default value is 30 minutes.
    /// </summary>
    /// <remarks>
    /// Must be more than zero, or <see cref="Timeout.InfiniteTimeSpan"/> to wait until the batch is done or the
    /// wait is cancelled. When the next pause would end after this limit, one last poll is made at the limit.
    /// </remarks>
    public TimeSpan MaxTotalWait { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>
    /// Gets or sets how many calls a wait for many batches
    /// (<see cref="BatchStatusClientWaitExtensions.WaitForAllAsync"/>) has in flight at most. The default value is 4.
    /// </summary>
    /// <remarks>From 1 to 64. The client's <see cref="BatchStatusClientOptions.MaxRequestsPerSecond"/> bounds their rate too.</remarks>
    public int MaxConcurrentCalls { get; set; } = 4;

    /// <summary>Gets or sets the clock and timers of the wait. The default value is <see cref="TimeProvider.System"/>.</summary>
    /// <remarks>Tests pass a fake one so that a wait of minutes runs at once.</remarks>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    /// <summary>Checks every value and copies them, so that changes made during a wait do not affect it.</summary>
    internal BatchWaitOptions Validate()
    {
        if (BackoffFactor is not (>= 1.0 and <= 10.0))
        {
            throw new ArgumentOutOfRangeException(nameof(BackoffFactor), BackoffFactor, "BatchWaitOptions.BackoffFactor must be from 1 (a fixed interval) to 10.");
        }

        if (MaxInterval <= TimeSpan.Zero || MaxInterval > MaxSinglePause)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxInterval), MaxInterval, "BatchWaitOptions.MaxInterval must be more than zero and at most one day.");
        }

        if (FirstDelay <= TimeSpan.Zero || FirstDelay > MaxInterval)
        {
            throw new ArgumentOutOfRangeException(nameof(FirstDelay), FirstDelay, $"BatchWaitOptions.FirstDelay must be more than zero and at most MaxInterval ({MaxInterval}).");
        }

        if (MaxTotalWait <= TimeSpan.Zero && MaxTotalWait != Timeout.InfiniteTimeSpan)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxTotalWait), MaxTotalWait, "BatchWaitOptions.MaxTotalWait must be more than zero, or Timeout.InfiniteTimeSpan.");
        }

        if (MaxConcurrentCalls is < 1 or > 64)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxConcurrentCalls), MaxConcurrentCalls, "BatchWaitOptions.MaxConcurrentCalls must be from 1 to 64.");
        }

        if (TimeProvider is null)
        {
            throw new ArgumentOutOfRangeException(nameof(TimeProvider), "BatchWaitOptions.TimeProvider must not be null.");
        }

        return (BatchWaitOptions)MemberwiseClone();
    }
}
