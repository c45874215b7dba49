using System.Diagnostics;
using Microsoft.Extensions.Logging;
using PartnerCenter.BatchStatus.Testing;
using PartnerCenter.BatchStatus.Tests.Support;

namespace PartnerCenter.BatchStatus.Tests.Pipeline;

public sealed class TelemetryTests : IDisposable
{
    private readonly TestTokenCredential _credential = new();
    private readonly CapturingLoggerProvider _logs = new();

    private readonly FakePartnerCenterTransport _service = new();

    public void Dispose()
    {
        _logs.Dispose();
        _service.Dispose();
    }

    [Fact]
    public async Task GetBatchJobStatusAsync_AfterRetries_LogsOneLineWithTheCallsFacts()
    {
        using var activities = new ActivityRecorder();
        _service.Documented().ThenFail(503).ThenFail(502).ThenSample();
        using var client = Client(_service);

        var details = await client.GetDocumentedAsync();

        var line = Assert.Single(_logs.For("PartnerCenter.BatchStatus"));
        Assert.Equal(LogLevel.Information, line.Level);
        Assert.Equal("CallSucceeded", line.EventId.Name);
        Assert.Equal(200, line["StatusCode"]);
        Assert.Equal(3, line["Attempts"]);
        Assert.Equal(details.Response!.RequestId, line["RequestId"]);
        Assert.Equal(details.Response.CorrelationId, line["CorrelationId"]);
        Assert.IsType<long>(line["ElapsedMilliseconds"]);
        Assert.Equal("GET", line["Method"]);
        Assert.Equal(
            "/v1/customers/47021739-3426-40bf-9601-61b4b6d7c793/batchJobStatus/0127ed8e-ff72-4983-a3d8-e8d8bd378932",
            line["Path"]);
        Assert.DoesNotContain(_credential.Token, _logs.AllText(), StringComparison.Ordinal);
        Assert.DoesNotContain("Authorization", _logs.AllText(), StringComparison.OrdinalIgnoreCase);

        var activity = activities.ForRequest(details.Response.RequestId);
        Assert.Equal(ActivityKind.Client, activity.Kind);
        Assert.Equal("PartnerCenter.BatchStatus", activity.Source.Name);
        Assert.Equal(200, activity.GetTagItem("http.response.status_code"));
        Assert.Equal(3, activity.GetTagItem("partnercenter.attempts"));
        Assert.Equal(details.Response.CorrelationId, activity.GetTagItem("partnercenter.correlation_id"));
        Assert.Equal(2, activity.Events.Count(e => e.Name == "retry"));
        Assert.DoesNotContain(activity.TagObjects, tag => tag.Value?.ToString()?.Contains(_credential.Token, StringComparison.Ordinal) == true);
    }

    [Fact]
    public async Task GetBatchJobStatusAsync_ErrorStatus_LogsOneWarning()
    {
        _service.Documented().ThenFail(404);
        using var client = Client(_service);

        var exception = await Assert.ThrowsAsync<PartnerCenterApiException>(() => client.GetDocumentedAsync());

        var line = Assert.Single(_logs.For("PartnerCenter.BatchStatus"));
        Assert.Equal(LogLevel.Warning, line.Level);
        Assert.Equal(404, line["StatusCode"]);
        Assert.Equal(1, line["Attempts"]);
        Assert.Equal(exception.RequestId, line["RequestId"]);
    }

    [Fact]
    public async Task GetBatchJobStatusAsync_ConnectionFailure_LogsTheFailureWithoutSecrets()
    {
        using var refusing = new RefusingHandler(_service);
        using var client = Client(refusing);

        await Assert.ThrowsAsync<HttpRequestException>(() => client.GetDocumentedAsync());

        var line = Assert.Single(_logs.For("PartnerCenter.BatchStatus"));
        Assert.Equal("CallFailed", line.EventId.Name);
        Assert.Equal(typeof(HttpRequestException).FullName, line["ErrorType"]);
        Assert.Equal(3, line["Attempts"]);
        Assert.DoesNotContain(_credential.Token, _logs.AllText(), StringComparison.Ordinal);
    }

    private BatchStatusClient Client(HttpMessageHandler transport) => Kit.ClientOver(transport, options => (options.LoggerFactory, options.Retry.MaxRetries) = (_logs.CreateFactory(), 2), _credential);
}
