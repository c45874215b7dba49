using System.Globalization;

namespace PartnerCenter.BatchStatus;

/// <summary>
/// How <see cref="BatchStatusClient"/> retries a call that failed for a transient reason: statuses 408, 429, 500,
/// 502, 503 and 504, a connection failure, a body that broke off, or an attempt that took longer than
/// <see cref="AttemptTimeout"/>.
/// </summary>
/// <remarks>
/// Every retry of a call sends the same <c>MS-RequestId</c>. A <c>Retry-After</c> header (seconds or a date) sets the
/// wait; otherwise the wait grows exponentially from <see cref="BaseDelay"/> with random jitter, up to
/// <see cref="MaxDelay"/>. When the retries are used up, the last answer is reported as for any other failure
/// (<see cref="PartnerCenterApiException"/>, <see cref="PartnerCenterTimeoutException"/>, or the
/// <see cref="HttpRequestException"/> of a connection failure before any answer).
/// </remarks>
public sealed class BatchStatusRetryOptions
{
    internal const int MaxAllowedRetries = 10;

    /// <summary>Initializes a new instance of the <see cref="BatchStatusRetryOptions"/> class with the defaults: 4 retries, backoff from 1 second up to 30 seconds, a 30-second attempt timeout.</summary>
    public BatchStatusRetryOptions()
    {
    }

    /// <summary>
    /// Gets or sets how many times a call is retried after its first attempt; 0 turns retries off.
    /// </summary>
    /// <remarks>
    /// The wire sees at most <c>MaxRetries + 1</c> requests per call, each one after its turn in the client's request
    /// budget (<see cref="BatchStatusClientOptions.MaxRequestsPerSecond"/>). .NET's <see cref="SocketsHttpHandler"/> would
    /// send a request again by itself, up to three more times within one attempt and on new connections too, when a
    /// connection closes before any byte of the answer; the client's own transport refuses a second connection for the
    /// same attempt, so such an attempt fails as a connection failure and is retried here. One race remains: an attempt
    /// sent on a kept-alive connection that the server closes at that very moment has had no connection of its own, so
    /// the handler may send it again, on a new connection or another kept-alive one. A caller's
    /// <see cref="BatchStatusClientOptions.Transport"/> is used as it is: its own re-sends, if any, are not counted.
    /// </remarks>
    /// <value>The default value is 4. At most 10.</value>
    public int MaxRetries { get; set; } = 4;

    /// <summary>
    /// Gets or sets the wait before the first retry when the service did not say how long to wait, or said
    /// <c>Retry-After: 0</c> or a date already past (no reason to retry at once).
    /// </summary>
    /// <value>The default value is 1 second. Each later wait is about twice as long, with random jitter.</value>
    public TimeSpan BaseDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Gets or sets the longest wait between two attempts when the service did not say how long to wait.</summary>
    /// <value>The default value is 30 seconds.</value>
    public TimeSpan MaxDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Gets or sets the longest <c>Retry-After</c> the client waits for by itself, and the longest pause a throttled
    /// answer imposes on every call of the client. When the service asks for a longer wait, or for one that would end
    /// after the call's <see cref="BatchStatusClientOptions.Timeout"/>, the call is not retried: it fails with
    /// <see cref="PartnerCenterApiException"/>, whose <see cref="PartnerCenterApiException.RetryAfter"/> tells when to
    /// call again.
    /// </summary>
    /// <remarks>
    /// A 429 with <c>Retry-After</c> pauses every call of the client for that long but never longer than this, whatever
    /// the header says (a huge number or a far date included), so a client always recovers. A call that could not be sent
    /// before its own <see cref="BatchStatusClientOptions.Timeout"/> runs out because of such a pause is not held: it
    /// fails at once, unsent, with a <see cref="PartnerCenterApiException"/> of status 429 whose
    /// <see cref="PartnerCenterApiException.RetryAfter"/> is the time left of the pause and whose message says until when
    /// (UTC) the client is paused.
    /// </remarks>
    /// <value>The default value is 60 seconds.</value>
    public TimeSpan MaxRetryAfter { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// Gets or sets how long one attempt may take, from sending the request to reading the last byte of the body; an
    /// attempt that takes longer is abandoned and retried. <see cref="Timeout.InfiniteTimeSpan"/> turns this bound off.
    /// </summary>
    /// <value>The default value is 30 seconds. At least 10 milliseconds.</value>
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Checks that every setting is in range.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A setting is out of range; the message names it.</exception>
    internal void Validate()
    {
        if (MaxRetries is < 0 or > MaxAllowedRetries)
        {
            throw OutOfRange(nameof(MaxRetries), MaxRetries, $"must be between 0 and {MaxAllowedRetries}");
        }

        if (BaseDelay < TimeSpan.Zero || BaseDelay > TimeSpan.FromHours(1))
        {
            throw OutOfRange(nameof(BaseDelay), BaseDelay, "must be between zero and one hour");
        }

        if (MaxDelay < BaseDelay || MaxDelay > TimeSpan.FromDays(1))
        {
            throw OutOfRange(nameof(MaxDelay), MaxDelay, $"must be at least {nameof(BaseDelay)} ({BaseDelay}) and at most one day");
        }

        if (MaxRetryAfter < TimeSpan.Zero || MaxRetryAfter > TimeSpan.FromDays(1))
        {
            throw OutOfRange(nameof(MaxRetryAfter), MaxRetryAfter, "must be between zero and one day");
        }

        if (AttemptTimeout != System.Threading.Timeout.InfiniteTimeSpan
            && (AttemptTimeout < TimeSpan.FromMilliseconds(10) || AttemptTimeout > TimeSpan.FromDays(1)))
        {
            throw OutOfRange(nameof(AttemptTimeout), AttemptTimeout, "must be between 10 milliseconds and one day, or Timeout.InfiniteTimeSpan");
        }
    }

    private static ArgumentOutOfRangeException OutOfRange(string name, object value, string rule) =>
        new(
            nameof(BatchStatusClientOptions.Retry) + "." + name,
            value,
            string.Create(CultureInfo.InvariantCulture, $"{nameof(BatchStatusClientOptions)}.{nameof(BatchStatusClientOptions.Retry)}.{name} {rule}."));

    internal BatchStatusRetryOptions Clone() => (BatchStatusRetryOptions)MemberwiseClone();
}
