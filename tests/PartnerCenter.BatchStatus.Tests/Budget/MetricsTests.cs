using System.Net;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Microsoft.Extensions.Time.Testing;
using PartnerCenter.BatchStatus.Tests.Support;

namespace PartnerCenter.BatchStatus.Tests.Budget;

/// <summary>Each instrument of the PartnerCenter.BatchStatus meter, read with MetricCollector from a meter factory of the test's own.</summary>
public sealed class MetricsTests : IDisposable
{
    private const string MeterName = "PartnerCenter.BatchStatus";
    private readonly TestMeterFactory _meters = new();

    [Fact]
    public async Task CallDuration_TaggedByStatusAndOutcome()
    {
        using var duration = Collect<double>("partnercenter.batch_status.call.duration");
        using var client = Client(ScriptedHandler.Statuses(HttpStatusCode.NotFound, HttpStatusCode.OK), maxRetries: 0);

        await Assert.ThrowsAsync<PartnerCenterApiException>(() => client.GetBatchJobStatusAsync(DocumentedIds.CustomerId, DocumentedIds.BatchTrackingId));
        await client.GetBatchJobStatusAsync(DocumentedIds.CustomerId, DocumentedIds.BatchTrackingId);

        var measurements = duration.GetMeasurementSnapshot();
        Assert.Equal(2, measurements.Count);
        Assert.Equal((404, "failure"), (measurements[0].Tags["http.response.status_code"], measurements[0].Tags["partnercenter.outcome"]));
        Assert.Equal(nameof(PartnerCenterApiException), measurements[0].Tags["error.type"]);
        Assert.Equal((200, "success"), (measurements[1].Tags["http.response.status_code"], measurements[1].Tags["partnercenter.outcome"]));
        Assert.All(measurements, m => Assert.True(m.Value >= 0));
    }

    [Fact]
    public async Task Retries_CountEachRetry()
    {
        using var retries = Collect<long>("partnercenter.batch_status.call.retries");
        using var client = Client(ScriptedHandler.Statuses(HttpStatusCode.ServiceUnavailable, HttpStatusCode.BadGateway), maxRetries: 3);

        await client.GetBatchJobStatusAsync(DocumentedIds.CustomerId, DocumentedIds.BatchTrackingId);

        Assert.Equal(2, retries.GetMeasurementSnapshot().EvaluateAsCounter());
    }

    [Fact]
    public async Task Throttled_CountsAnswersAndTheRetryAfterTheyAskedFor()
    {
        using var throttled = Collect<long>("partnercenter.batch_status.throttled");
        using var retryAfter = Collect<double>("partnercenter.batch_status.throttled.retry_after");
        var handler = new ScriptedHandler((_, _) =>
        {
            var answer = ScriptedHandler.Answer(HttpStatusCode.TooManyRequests, """{"code":"429"}""");
            answer.Headers.RetryAfter = new System.Net.Http.Headers.RetryConditionHeaderValue(TimeSpan.FromSeconds(90));
            return answer;
        });
        using var client = Client(handler, maxRetries: 2);

        // 90 s is beyond MaxRetryAfter (60 s): the call fails at once, for the caller to schedule.
        await Assert.ThrowsAsync<PartnerCenterApiException>(() => client.GetBatchJobStatusAsync(DocumentedIds.CustomerId, DocumentedIds.BatchTrackingId));

        Assert.Equal(1, throttled.GetMeasurementSnapshot().EvaluateAsCounter());
        Assert.Equal(90, Assert.Single(retryAfter.GetMeasurementSnapshot()).Value);
    }

    [Fact]
    public async Task BudgetWait_RecordsTheTimeEachAttemptWaited()
    {
        using var budgetWait = Collect<double>("partnercenter.batch_status.budget.wait");
        var time = new FakeTimeProvider();
        using var client = Client(ScriptedHandler.Statuses(), maxRetries: 0, requestsPerSecond: 1, time);

        await client.GetBatchJobStatusAsync(DocumentedIds.CustomerId, DocumentedIds.BatchTrackingId);
        var second = client.GetBatchJobStatusAsync(DocumentedIds.CustomerId, DocumentedIds.BatchTrackingId);
        time.Advance(TimeSpan.FromSeconds(1));
        await second.WaitAsync(TimeSpan.FromSeconds(20));

        Assert.Equal([0.0, 1.0], budgetWait.GetMeasurementSnapshot().Select(m => m.Value));
    }

    [Fact]
    public async Task WaitPollsAndDuration_RecordedPerWaitWithItsOutcome()
    {
        using var polls = Collect<long>("partnercenter.batch_status.wait.polls");
        using var duration = Collect<double>("partnercenter.batch_status.wait.duration");
        var time = new SteppingTimeProvider();
        var handler = new ScriptedHandler((attempt, _) => attempt < 2 ? ScriptedHandler.Answer(HttpStatusCode.OK, """{"status":"processing"}""") : ScriptedHandler.Answer(HttpStatusCode.OK));
        using var client = Client(handler, maxRetries: 0, requestsPerSecond: 0);

        await time.RunAsync(client.WaitForCompletionAsync(DocumentedIds.CustomerId, DocumentedIds.BatchTrackingId, new BatchWaitOptions { TimeProvider = time }));

        var measurement = Assert.Single(polls.GetMeasurementSnapshot());
        Assert.Equal((3L, "completed"), (measurement.Value, measurement.Tags["partnercenter.outcome"]));
        Assert.Equal(15, Assert.Single(duration.GetMeasurementSnapshot()).Value);
    }

    public void Dispose() => _meters.Dispose();

    private MetricCollector<T> Collect<T>(string instrument)
        where T : struct => new(_meters, MeterName, instrument);

    private BatchStatusClient Client(ScriptedHandler handler, int maxRetries, double requestsPerSecond = 0, TimeProvider? time = null) => new(
        new FakeTokenCredential(),
        new BatchStatusClientOptions
        {
            Transport = handler,
            MeterFactory = _meters,
            MaxRequestsPerSecond = requestsPerSecond,
            TimeProvider = time ?? TimeProvider.System,
            Retry = { MaxRetries = maxRetries, BaseDelay = TimeSpan.FromMilliseconds(1), MaxDelay = TimeSpan.FromMilliseconds(5) },
        });
}
