using System.Diagnostics;
using System.Threading.RateLimiting;

namespace PartnerCenter.BatchStatus.Http;

/// <summary>
/// The client-wide request budget: every attempt of every call and wait made through one client takes a permit from
/// one token bucket, and a throttled answer (429 with <c>Retry-After</c>) pauses the whole client for that long, since
/// Partner Center throttles per partner, not per call. The bucket is refilled on the options' clock.
/// </summary>
internal sealed class RequestBudget : IDisposable
{
    private readonly TokenBucketRateLimiter? _bucket;
    private readonly ITimer? _refill;
    private readonly TimeProvider _timeProvider;
    private long _pausedUntilTicks;

    /// <param name="requestsPerSecond">The budget; 0 for none (a throttled answer still pauses the client).</param>
    /// <param name="timeProvider">The clock of the pauses and of the refills.</param>
    public RequestBudget(double requestsPerSecond, TimeProvider timeProvider)
    {
        _timeProvider = timeProvider;
        if (requestsPerSecond <= 0)
        {
            return;
        }

        var burst = Math.Max(1, (int)Math.Ceiling(requestsPerSecond));
        var period = TimeSpan.FromSeconds(1 / requestsPerSecond);
        _bucket = new TokenBucketRateLimiter(new TokenBucketRateLimiterOptions
        {
            TokenLimit = burst,
            TokensPerPeriod = 1,
            ReplenishmentPeriod = period,
            AutoReplenishment = false,
            QueueLimit = int.MaxValue,
            QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
        });
        _refill = timeProvider.CreateTimer(static state => ((TokenBucketRateLimiter)state!).TryReplenish(), _bucket, period, period);
    }

    /// <summary>Waits until the client may send: after any pause a throttled answer asked for, then for a permit.</summary>
    /// <returns>How long the wait took.</returns>
    public async ValueTask<TimeSpan> WaitAsync(CancellationToken cancellationToken)
    {
        var started = _timeProvider.GetTimestamp();
        var pause = new DateTimeOffset(Interlocked.Read(ref _pausedUntilTicks), TimeSpan.Zero) - _timeProvider.GetUtcNow();
        if (pause > TimeSpan.Zero)
        {
            await Task.Delay(pause, _timeProvider, cancellationToken).ConfigureAwait(false);
        }

        if (_bucket is not null)
        {
            using var lease = await _bucket.AcquireAsync(1, cancellationToken).ConfigureAwait(false);
            Debug.Assert(lease.IsAcquired, "The queue is unbounded, so a permit is always granted or the wait cancelled.");
        }

        return _timeProvider.GetElapsedTime(started);
    }

    /// <summary>Pauses every call of the client until <paramref name="retryAfter"/> from now.</summary>
    public void Pause(TimeSpan retryAfter)
    {
        var until = (_timeProvider.GetUtcNow() + retryAfter).UtcTicks;
        var current = Interlocked.Read(ref _pausedUntilTicks);
        while (until > current)
        {
            var seen = Interlocked.CompareExchange(ref _pausedUntilTicks, until, current);
            if (seen == current)
            {
                return;
            }

            current = seen;
        }
    }

    public void Dispose()
    {
        _refill?.Dispose();
        _bucket?.Dispose();
    }
}
