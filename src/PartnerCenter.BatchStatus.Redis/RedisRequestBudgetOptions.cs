using System.Diagnostics.Metrics;
using Microsoft.Extensions.Logging;

namespace PartnerCenter.BatchStatus.Redis;

/// <summary>The settings of a <see cref="RedisRequestBudget"/>. Give every process that shares a budget the same ones.</summary>
public sealed class RedisRequestBudgetOptions
{
    internal const double MinRate = 0.001;
    internal const double MaxRate = 1000;

    private static readonly TimeSpan MinRetryRedisAfter = TimeSpan.FromMilliseconds(500);

    /// <summary>
    /// Gets or sets the partner tenant whose requests share the budget: its tenant id or domain, as every process of
    /// the partner writes it (compared without regard to case). It is part of the Redis keys.
    /// </summary>
    /// <value>The default value is <see langword="null"/>: it must be set.</value>
    public string PartnerTenant { get; set; } = null!;

    /// <summary>
    /// Gets or sets how many requests per second every process of the scope sends at most, together: one request each
    /// 1/rate seconds, first come, first served, without the in-process budget's bursts (the different delays between
    /// the machines and the service could bunch a burst beyond the rate by the time it arrives). 0 for no limit (a throttled
    /// answer still pauses every process).
    /// </summary>
    /// <value>The default value is 5. 0, or from 0.001 (one request every 1,000 seconds) to 1,000.</value>
    public double RequestsPerSecond { get; set; } = 5;

    /// <summary>Gets or sets what one budget covers: the partner tenant, or each customer of the partner.</summary>
    /// <value>The default value is <see cref="RedisBudgetScope.Partner"/>.</value>
    public RedisBudgetScope Scope { get; set; } = RedisBudgetScope.Partner;

    /// <summary>
    /// Gets or sets the start of every Redis key of the budget, so that several applications (or tests) can share
    /// one Redis without sharing a budget. No braces: the budget puts the partner (and customer) in braces, a hash
    /// tag, so that the keys of one decision are in one cluster slot.
    /// </summary>
    /// <value>The default value is <c>pcbatch:budget:</c>.</value>
    public string KeyPrefix { get; set; } = "pcbatch:budget:";

    /// <summary>
    /// Gets or sets the rate of this process alone while Redis is unavailable, when decisions are taken by an
    /// in-process budget. By default it is this instance's share, so that together the processes stay within the
    /// partner's rate during an outage: <see cref="RequestsPerSecond"/> divided by the number of budget instances
    /// (this one included) that took a turn on the same schedule within the last minute, as Redis counted them before
    /// it became unavailable. A budget that never reached Redis counts itself alone.
    /// </summary>
    /// <value>
    /// The default value is <see langword="null"/>: the share described above. Otherwise as <see cref="RequestsPerSecond"/>,
    /// whatever the number of instances.
    /// </value>
    public double? LocalRequestsPerSecond { get; set; }

    /// <summary>
    /// Gets or sets how long one Redis call may take before the decision is taken in this process instead; never more
    /// than the call has left before its own timeout. Measured on the system clock: it bounds a real network call. Until
    /// Redis has answered once (its first answer loads the budget's scripts), a decision may take up to 5 seconds.
    /// </summary>
    /// <value>The default value is 1 second. More than zero and at most 30 seconds.</value>
    public TimeSpan RedisTimeout { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Gets or sets how long decisions stay in this process after Redis failed or was slow several times, before one
    /// is tried on Redis again. Measured on the system clock.
    /// </summary>
    /// <value>The default value is 5 seconds. From 0.5 seconds to 1 hour.</value>
    public TimeSpan RetryRedisAfter { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Gets or sets where the budget logs that Redis is unavailable (a warning, once per outage) and that it answers
    /// again (information), in the category <c>PartnerCenter.BatchStatus.Redis</c>. Lines name the endpoint at most,
    /// never the configuration or a password.
    /// </summary>
    /// <value>The default value is <see langword="null"/>: no log.</value>
    public ILoggerFactory? LoggerFactory { get; set; }

    /// <summary>
    /// Gets or sets the factory of the budget's <see cref="Meter"/> (named <c>PartnerCenter.BatchStatus.Redis</c>),
    /// with the counter <c>partnercenter.batch_status.redis.local_decisions</c> of decisions taken in this process
    /// because Redis was unavailable.
    /// </summary>
    /// <value>The default value is <see langword="null"/>: a meter of the budget's own, disposed with it.</value>
    public IMeterFactory? MeterFactory { get; set; }

    /// <summary>
    /// Gets or sets the clock of the waits in this process, and of the in-process budget used while Redis is
    /// unavailable. The shared schedule runs on the Redis server's clock.
    /// </summary>
    /// <value>The default value is <see cref="TimeProvider.System"/>.</value>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    /// <summary>Checks that the options can make a working budget.</summary>
    /// <exception cref="ArgumentException">A setting is missing or holds a character that a key cannot.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A rate or time span is out of range.</exception>
    public void Validate()
    {
        const string Name = nameof(RedisRequestBudgetOptions) + ".";
        if (string.IsNullOrWhiteSpace(PartnerTenant) || PartnerTenant.Any(c => c is '{' or '}' || char.IsControl(c) || char.IsWhiteSpace(c)))
        {
            throw new ArgumentException($"{Name}{nameof(PartnerTenant)} must be the partner's tenant id or domain, without spaces or braces.", nameof(PartnerTenant));
        }

        if (KeyPrefix is null || KeyPrefix.Any(c => c is '{' or '}' || char.IsControl(c)))
        {
            throw new ArgumentException($"{Name}{nameof(KeyPrefix)} must not be null or hold braces or control characters.", nameof(KeyPrefix));
        }

        CheckRate(RequestsPerSecond, nameof(RequestsPerSecond));
        if (LocalRequestsPerSecond is { } local)
        {
            CheckRate(local, nameof(LocalRequestsPerSecond));
        }

        if (!Enum.IsDefined(Scope))
        {
            throw new ArgumentOutOfRangeException(nameof(Scope), Scope, $"{Name}{nameof(Scope)} must be Partner or PartnerAndCustomer.");
        }

        if (RedisTimeout <= TimeSpan.Zero || RedisTimeout > TimeSpan.FromSeconds(30))
        {
            throw new ArgumentOutOfRangeException(nameof(RedisTimeout), RedisTimeout, $"{Name}{nameof(RedisTimeout)} must be more than zero and at most 30 seconds.");
        }

        if (RetryRedisAfter < MinRetryRedisAfter || RetryRedisAfter > TimeSpan.FromHours(1))
        {
            throw new ArgumentOutOfRangeException(nameof(RetryRedisAfter), RetryRedisAfter, $"{Name}{nameof(RetryRedisAfter)} must be from 0.5 seconds to 1 hour.");
        }

        if (TimeProvider is null)
        {
            throw new ArgumentException($"{Name}{nameof(TimeProvider)} must not be null.", nameof(TimeProvider));
        }
    }

    /// <summary>Creates a copy, so that a budget is not affected by later changes to the options it was given.</summary>
    internal RedisRequestBudgetOptions Clone() => (RedisRequestBudgetOptions)MemberwiseClone();

    private static void CheckRate(double rate, string name)
    {
        if (double.IsNaN(rate) || rate < 0 || rate > MaxRate || (rate > 0 && rate < MinRate))
        {
            throw new ArgumentOutOfRangeException(name, rate, $"{nameof(RedisRequestBudgetOptions)}.{name} must be 0 (no limit) or between 0.001 (one request every 1,000 seconds) and 1000.");
        }
    }
}
