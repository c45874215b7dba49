using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Microsoft.Extensions.Time.Testing;
using PartnerCenter.BatchStatus.Testing;
using PartnerCenter.BatchStatus.Tests.Support;

namespace PartnerCenter.BatchStatus.Tests.Budget;

/// <summary>Each instrument of the PartnerCenter.BatchStatus meter, read with MetricCollector from a meter factory of the test's own.</summary>
public sealed class MetricsTests : IDisposable
{
    private const string MeterName = "PartnerCenter.BatchStatus";
    private readonly TestMeterFactory _meters = new();
    private readonly FakePartnerCenterTransport _service = new();

    [Fact]
    public async Task CallDuration_TaggedByStatusAndOutcome()
    {
        using var duration = Collect<double>("partnercenter.batch_status.call.duration");
        using var client = Client(_service.Documented().ThenFail(404).ThenSample(), maxRetries: 0);

        await Assert.ThrowsAsync<PartnerCenterApiException>(() => client.GetDocumentedAsync());
        await client.GetDocumentedAsync();

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
        using var client = Client(_service.Documented().ThenFail(503).ThenFail(502).ThenSample(), maxRetries: 3);

        await client.GetDocumentedAsync();

        Assert.Equal(2, retries.GetMeasurementSnapshot().EvaluateAsCounter());
    }

    [Fact]
    public async Task Throttled_CountsAnswersAndTheRetryAfterTheyAskedFor()
    {
        using var throttled = Collect<long>("partnercenter.batch_status.throttled");
        using var retryAfter = Collect<double>("partnercenter.batch_status.throttled.retry_after");
        using var client = Client(_service.Documented().ThenThrottle(TimeSpan.FromSeconds(90)), maxRetries: 2);

        // 90 s is beyond MaxRetryAfter (60 s): the call fails at once, for the caller to schedule.
        await Assert.ThrowsAsync<PartnerCenterApiException>(() => client.GetDocumentedAsync());

        Assert.Equal(1, throttled.GetMeasurementSnapshot().EvaluateAsCounter());
        Assert.Equal(90, Assert.Single(retryAfter.GetMeasurementSnapshot()).Value);
    }

    [Fact]
    public async Task BudgetWait_RecordsTheTimeEachAttemptWaited()
    {
        using var budgetWait = Collect<double>("partnercenter.batch_status.budget.wait");
        var time = new FakeTimeProvider();
        using var client = Client(_service.Documented().ThenSample(), maxRetries: 0, requestsPerSecond: 1, time);

        await client.GetDocumentedAsync();
        var second = client.GetDocumentedAsync();
        time.Advance(TimeSpan.FromSeconds(1));
        await second.WaitAsync(TimeSpan.FromSeconds(20));

        Assert.Equal([0.0, 1.0], budgetWait.GetMeasurementSnapshot().Select(m => m.Value));
    }

    [Fact]
    public async Task WaitPollsAndDuration_RecordedPerWaitWithItsOutcome()
    {
        using var polls = Collect<long>("partnercenter.batch_status.wait.polls");
        using var duration = Collect<double>("partnercenter.batch_status.wait.duration");
        var time = new RecordingClock();
        using var client = Client(_service.Documented().ThenProcessing().ThenProcessing().ThenSample(), maxRetries: 0, requestsPerSecond: 0);

        await time.RunAsync(client.WaitForCompletionAsync(DocumentedIds.CustomerId, DocumentedIds.BatchTrackingId, new BatchWaitOptions { TimeProvider = time }));

        var measurement = Assert.Single(polls.GetMeasurementSnapshot());
        Assert.Equal((3L, "completed"), (measurement.Value, measurement.Tags["partnercenter.outcome"]));
        Assert.Equal(15, Assert.Single(duration.GetMeasurementSnapshot()).Value);
    }

    public void Dispose()
    {
        _meters.Dispose();
        _service.Dispose();
    }

    private MetricCollector<T> Collect<T>(string instrument)
        where T : struct => new(_meters, MeterName, instrument);

    private BatchStatusClient Client(FakeBatch answers, int maxRetries, double requestsPerSecond = 0, TimeProvider? time = null) =>
        _service.CreateClient(options => (options.MeterFactory, options.MaxRequestsPerSecond, options.TimeProvider, options.Retry.MaxRetries) = (_meters, requestsPerSecond, time ?? TimeProvider.System, maxRetries));
}
