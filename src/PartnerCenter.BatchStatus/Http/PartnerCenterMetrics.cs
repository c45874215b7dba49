using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace PartnerCenter.BatchStatus.Http;

/// <summary>
/// The client's instruments, on the meter named <c>PartnerCenter.BatchStatus</c> (from
/// <see cref="BatchStatusClientOptions.MeterFactory"/> when set, so that each container or test has its own).
/// Names follow the OpenTelemetry conventions; durations are in seconds.
/// </summary>
internal sealed class PartnerCenterMetrics
{
    /// <summary>The meter every client shares when no meter factory is given.</summary>
    private static readonly Meter SharedMeter = new(PartnerCenterDiagnostics.PackageName, PartnerCenterDiagnostics.PackageVersion);

    public PartnerCenterMetrics(IMeterFactory? meterFactory)
    {
        var meter = meterFactory?.Create(new MeterOptions(PartnerCenterDiagnostics.PackageName) { Version = PartnerCenterDiagnostics.PackageVersion })
            ?? SharedMeter;
        CallDuration = meter.CreateHistogram<double>("partnercenter.batch_status.call.duration", "s", "Duration of a status call, all attempts and waits included.");
        Retries = meter.CreateCounter<long>("partnercenter.batch_status.call.retries", "{retry}", "Retries of status calls.");
        Throttled = meter.CreateCounter<long>("partnercenter.batch_status.throttled", "{response}", "Throttled (429) answers.");
        ThrottledRetryAfter = meter.CreateHistogram<double>("partnercenter.batch_status.throttled.retry_after", "s", "The wait that throttled answers asked for.");
        BudgetWait = meter.CreateHistogram<double>("partnercenter.batch_status.budget.wait", "s", "Time an attempt waited for the client's request budget.");
        UnreadValues = meter.CreateCounter<long>("partnercenter.batch_status.unread_values", "{value}", "Values of successful answers that the client could not read into its models (BatchUploadDetails.Response.UnreadValues).");
        WaitPolls = meter.CreateHistogram<long>("partnercenter.batch_status.wait.polls", "{poll}", "Polls made by one wait for a batch.");
        WaitDuration = meter.CreateHistogram<double>("partnercenter.batch_status.wait.duration", "s", "Duration of one wait for a batch.");
    }

    /// <summary>Gets the instruments of clients that are not <see cref="BatchStatusClient"/> (mocks), on the shared meter.</summary>
    public static PartnerCenterMetrics Shared { get; } = new(null);

    public Histogram<double> CallDuration { get; }

    public Counter<long> Retries { get; }

    public Counter<long> Throttled { get; }

    public Histogram<double> ThrottledRetryAfter { get; }

    public Histogram<double> BudgetWait { get; }

    public Counter<long> UnreadValues { get; }

    public Histogram<long> WaitPolls { get; }

    public Histogram<double> WaitDuration { get; }

    /// <summary>Records one call: its duration, with its HTTP status when there was an answer and its outcome.</summary>
    public void RecordCall(TimeSpan elapsed, int? statusCode, string? errorType)
    {
        var tags = new TagList { { "partnercenter.outcome", errorType is null ? "success" : "failure" } };
        if (statusCode is { } status)
        {
            tags.Add("http.response.status_code", status);
        }

        if (errorType is not null)
        {
            tags.Add("error.type", errorType);
        }

        CallDuration.Record(elapsed.TotalSeconds, tags);
    }

    public void RecordThrottled(TimeSpan? retryAfter)
    {
        Throttled.Add(1);
        if (retryAfter is { } wait)
        {
            ThrottledRetryAfter.Record(wait.TotalSeconds);
        }
    }
}
