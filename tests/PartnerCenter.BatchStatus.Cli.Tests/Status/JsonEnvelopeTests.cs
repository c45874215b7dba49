using System.Text.Json;
using PartnerCenter.BatchStatus.Cli.Tests.Support;
using PartnerCenter.BatchStatus.Testing;

namespace PartnerCenter.BatchStatus.Cli.Tests.Status;

/// <summary>
/// --json is the tool's own envelope, with one documented shape: the ids, the ids of the answer, the details; it keeps the
/// service's values exactly, yet escaped: no control or bidirectional character reaches a terminal raw.
/// </summary>
public sealed class JsonEnvelopeTests : IDisposable
{
    private static readonly Guid Batch = Guid.Parse("5d4c3b2a-1908-4f7e-8d6c-5b4a39281706");

    private readonly FakeServiceFactory _service = new();

    public void Dispose() => _service.Dispose();

    [Fact]
    public async Task Json_TheDocumentedShape_IdsOfTheAnswerAndNoInventedNulls()
    {
        _service.Fake.AddBatch(DocumentedSample.CustomerId, Batch).ThenFinishedWithErrors(
            FakeDevice.Failed("SN-1", "808", "ZtdDeviceAssignedToOtherTenant"),
            new FakeDevice("SN-2") { Status = "quarantined" });

        var run = await CliRun.RunAsync(_service, TestIds.AppOnlyVariables(), "status", TestIds.Customer, Batch.ToString(), "--json");

        Assert.Equal(ExitCodes.DevicesFailed, run.ExitCode);
        using var document = JsonDocument.Parse(run.Output);
        var root = document.RootElement;
        Assert.Equal(["customerId", "batchTrackingId", "requestId", "correlationId", "details", "unreadValues", "unreadValueCount"], root.EnumerateObject().Select(property => property.Name));
        Assert.Equal(TestIds.Customer, root.GetProperty("customerId").GetString());
        Assert.Equal(Batch.ToString("D"), root.GetProperty("batchTrackingId").GetString());
        var request = Assert.Single(_service.Fake.Requests);
        Assert.Equal(request.GetHeader("MS-RequestId"), root.GetProperty("requestId").GetString());
        Assert.Equal(request.GetHeader("MS-CorrelationId"), root.GetProperty("correlationId").GetString());

        var details = root.GetProperty("details");
        Assert.Equal("finished_with_errors", details.GetProperty("status").GetString());
        var devices = details.GetProperty("devicesStatus").EnumerateArray().ToArray();
        Assert.Equal("quarantined", devices[1].GetProperty("status").GetString());
        Assert.All(devices, device => Assert.False(device.TryGetProperty("deviceId", out _)));
        Assert.False(details.GetProperty("attributes").TryGetProperty("etag", out _));
        Assert.DoesNotContain("null", details.GetRawText(), StringComparison.Ordinal);
        Assert.Equal(TimeSpan.Zero, details.GetProperty("startedTime").GetDateTimeOffset().Offset);

        var parsed = TestIds.Details(run.Output);
        Assert.Equal(Batch.ToString("D"), parsed.BatchTrackingId);
        Assert.Equal(2, parsed.DevicesStatus!.Count);
    }

    [Fact]
    public async Task Json_TimesTheServiceSentWithAnOffset_AreWrittenInUtc()
    {
        _service.Fake.AddBatch(DocumentedSample.CustomerId, Batch).ThenRespond(
            200, $$"""{"batchTrackingId":"{{Batch}}","status":"finished","startedTime":"2017-07-25T12:00:00+02:00","completedTime":"2017-07-25T05:10:00-05:00","devicesStatus":[]}""");

        var run = await CliRun.RunAsync(_service, TestIds.AppOnlyVariables(), "status", TestIds.Customer, Batch.ToString(), "--json");

        Assert.Equal(ExitCodes.Success, run.ExitCode);
        using var document = JsonDocument.Parse(run.Output);
        var details = document.RootElement.GetProperty("details");
        Assert.Equal("2017-07-25T10:00:00+00:00", details.GetProperty("startedTime").GetString());
        Assert.Equal("2017-07-25T10:10:00+00:00", details.GetProperty("completedTime").GetString());
    }

    [Fact]
    public async Task Json_HostileValues_EscapedNotRaw_AndReadBackExactly()
    {
        const string Code = "7\u001b[2J\u001b]0;TITLE\u0007";
        const string Description = "invoice\u202Egnp.exe\u202C \u2066x\u2069";
        _service.Fake.AddBatch(DocumentedSample.CustomerId, Batch).ThenFinished(FakeDevice.Failed("SN-1", Code, Description));

        var run = await CliRun.RunAsync(_service, TestIds.AppOnlyVariables(), "status", TestIds.Customer, Batch.ToString(), "--json");

        Assert.Equal(ExitCodes.DevicesFailed, run.ExitCode);
        Assert.DoesNotContain(run.Output, c => char.IsControl(c) && c is not '\n' and not '\r' || c is '\u202e' or '\u202c' or '\u2066' or '\u2069');
        using var json = JsonDocument.Parse(run.Output);
        var device = json.RootElement.GetProperty("details").GetProperty("devicesStatus")[0];
        Assert.Equal(Code, device.GetProperty("errorCode").GetString());
        Assert.Equal(Description, device.GetProperty("errorDescription").GetString());
    }
}
