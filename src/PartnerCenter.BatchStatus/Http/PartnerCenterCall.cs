using System.Diagnostics;

namespace PartnerCenter.BatchStatus.Http;

/// <summary>
/// What the pipeline knows about one logical call (all its attempts), carried on the request so that the handlers
/// outside the retries and the retry strategy inside them can share it.
/// </summary>
internal sealed class PartnerCenterCall
{
    private static readonly HttpRequestOptionsKey<PartnerCenterCall> Key = new("PartnerCenter.BatchStatus.Call");

    private int _retries;

    /// <summary>Gets the number of attempts made so far.</summary>
    public int Attempts => _retries + 1;

    /// <summary>Gets or sets the instant after which the call has timed out, if it is bounded.</summary>
    public DateTimeOffset? Deadline { get; set; }

    /// <summary>Gets or sets the activity that traces the call, if anyone listens.</summary>
    public Activity? Activity { get; set; }

    public static PartnerCenterCall GetOrCreate(HttpRequestMessage request)
    {
        if (!request.Options.TryGetValue(Key, out var call))
        {
            call = new PartnerCenterCall();
            request.Options.Set(Key, call);
        }

        return call;
    }

    public static PartnerCenterCall? Find(HttpRequestMessage? request) =>
        request is not null && request.Options.TryGetValue(Key, out var call) ? call : null;

    /// <summary>Records that an attempt failed for a transient reason and is retried after <paramref name="delay"/>.</summary>
    public void RecordRetry(int? statusCode, string? exceptionType, TimeSpan delay)
    {
        var attempt = Interlocked.Increment(ref _retries);
        if (Activity is { } activity)
        {
            var tags = new ActivityTagsCollection
            {
                ["partnercenter.attempt"] = attempt,
                ["partnercenter.retry_delay_ms"] = delay.TotalMilliseconds,
            };
            if (statusCode is { } status)
            {
                tags["http.response.status_code"] = status;
            }

            if (exceptionType is not null)
            {
                tags["error.type"] = exceptionType;
            }

            activity.AddEvent(new ActivityEvent("retry", tags: tags));
        }
    }
}
