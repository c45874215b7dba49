using System.Text.Json;
using PartnerCenter.BatchStatus.Cli.Tests.Support;
using PartnerCenter.BatchStatus.Serialization;
using PartnerCenter.BatchStatus.Testing;

namespace PartnerCenter.BatchStatus.Cli.Tests.Status;

/// <summary>What <c>pcbatch status</c> writes, run in-process against the fake Partner Center over loopback.</summary>
public sealed class StatusOutputTests : IDisposable
{
    private static readonly Guid OtherBatch = Guid.Parse("5f0e2a4b-6c1d-4e8f-9a7b-3c2d1e0f9a8b");

    private readonly FakeServiceFactory _service = new();

    public void Dispose() => _service.Dispose();

    [Fact]
    public async Task Status_DocumentedSample_TableWithThe808DeviceAndTheCatalogsMeaning()
    {
        _service.Fake.AddDocumentedSample();

        var run = await CliRun.RunAsync(_service, TestIds.AppOnlyVariables(), "status", TestIds.Customer, TestIds.DocumentedBatch);

        Assert.Equal(ExitCodes.DevicesFailed, run.ExitCode);
        Assert.Empty(run.Error);
        var lines = run.OutputLines;
        Assert.Contains($"Batch       {TestIds.DocumentedBatch}", lines);
        Assert.Contains("Status      finished (but devices failed: see below)", lines);
        Assert.Contains("Started     2017-07-25 10:00:00 UTC", lines);
        Assert.Contains("Completed   2017-07-25 10:10:00 UTC (10 min 0 s after the start)", lines);
        Assert.Contains("Devices     1 device: 0 succeeded, 1 failed (808 ZtdDeviceAssignedToOtherTenant ×1)", lines);
        Assert.Contains("SERIAL NUMBER  PRODUCT KEY                    STATUS                ERROR  MEANING", lines);
        Assert.Contains(
            "1234567890     12345-67890-09876-54321-13579  finished_with_errors  808    ZtdDeviceAssignedToOtherTenant: "
            + DeviceErrorCatalog.Find("808")!.Meaning,
            lines);
        Assert.Contains("  808 ZtdDeviceAssignedToOtherTenant (1 device): " + DeviceErrorCatalog.Find("808")!.Remedy, lines);

        // The ids of the call, as the service echoed them, for support.
        var request = Assert.Single(_service.Fake.Requests);
        Assert.Contains(
            $"Request id  {request.GetHeader("MS-RequestId")} (correlation id {request.GetHeader("MS-CorrelationId")})",
            lines);
    }

    [Theory]
    [InlineData("/customers/{0}/batchJobStatus/{1}")]
    [InlineData("Location: /customers/{0}/batchJobStatus/{1}")]
    [InlineData("https://api.partnercenter.microsoft.com/v1/customers/{0}/batchjobstatus/{1}/")]
    public async Task Status_LocationValue_AsksForTheBatchOfTheLocation(string template)
    {
        _service.Fake.AddDocumentedSample();
        var location = string.Format(System.Globalization.CultureInfo.InvariantCulture, template, TestIds.Customer, TestIds.DocumentedBatch);

        var run = await CliRun.RunAsync(_service, TestIds.AppOnlyVariables(), "status", "--location", location);

        Assert.Equal(ExitCodes.DevicesFailed, run.ExitCode);
        var request = Assert.Single(_service.Fake.Requests);
        Assert.Equal(DocumentedSample.CustomerId, request.CustomerId);
        Assert.Equal(DocumentedSample.BatchTrackingId, request.BatchTrackingId);
    }

    [Fact]
    public async Task Status_Json_ParsesBackToTheSameDetails()
    {
        _service.Fake.AddBatch(DocumentedSample.CustomerId, OtherBatch).ThenFinishedWithErrors(
            FakeDevice.Finished("SN-1", "11111-22222-33333-44444-55555"),
            FakeDevice.Failed("SN-2", "808", "ZtdDeviceAssignedToOtherTenant"),
            FakeDevice.Failed("SN-3", "9999", "SomethingNew"),
            new FakeDevice("SN-4") { Status = "cancelled", DeviceId = Guid.Parse("aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee") });
        using var direct = _service.Fake.CreateClient();
        var expected = await direct.GetBatchJobStatusAsync(DocumentedSample.CustomerId, OtherBatch);

        var run = await CliRun.RunAsync(_service, TestIds.AppOnlyVariables(), "status", TestIds.Customer, OtherBatch.ToString(), "--json");

        Assert.Equal(ExitCodes.DevicesFailed, run.ExitCode);
        Assert.Empty(run.Error);
        var parsed = TestIds.Details(run.Output);
        Assert.Equal(expected.BatchTrackingId, parsed.BatchTrackingId);
        Assert.Equal("finished_with_errors", parsed.Status);
        Assert.Equal(expected.StartedTime, parsed.StartedTime);
        Assert.Equal(expected.CompletedTime, parsed.CompletedTime);
        Assert.Equal(TimeSpan.Zero, parsed.StartedTime!.Value.Offset);
        Assert.Equal(
            expected.DevicesStatus!.Select(d => (d.SerialNumber, d.ProductKey, d.DeviceId, d.Status, d.ErrorCode, d.ErrorDescription)),
            parsed.DevicesStatus!.Select(d => (d.SerialNumber, d.ProductKey, d.DeviceId, d.Status, d.ErrorCode, d.ErrorDescription)));
        Assert.Equal("cancelled", parsed.DevicesStatus![3].Status);
        Assert.Equal(JsonSerializer.Serialize(expected, BatchStatusJson.BatchUploadDetails.Options), JsonSerializer.Serialize(parsed, BatchStatusJson.BatchUploadDetails.Options));
    }

    [Fact]
    public async Task Status_UnknownCodeAndStatus_ShownAsSentWithoutBreakingTheTable()
    {
        _service.Fake.AddBatch(DocumentedSample.CustomerId, OtherBatch).ThenFinished(
            FakeDevice.Failed("SN-1", "9999", "Something\r\nnew\u001b[31m"),
            new FakeDevice("SN-2") { Status = "cancelled" });

        var run = await CliRun.RunAsync(_service, TestIds.AppOnlyVariables(), "status", TestIds.Customer, OtherBatch.ToString());

        Assert.Equal(ExitCodes.DevicesFailed, run.ExitCode);
        Assert.DoesNotContain('\u001b', run.Output);
        var row = Assert.Single(run.OutputLines, line => line.StartsWith("SN-1", StringComparison.Ordinal));
        Assert.Contains("9999", row, StringComparison.Ordinal);
        Assert.EndsWith("Something new", row, StringComparison.Ordinal);
        Assert.Contains(run.OutputLines, line => line.StartsWith("SN-2", StringComparison.Ordinal) && line.Contains("cancelled", StringComparison.Ordinal));
        Assert.Contains("  9999 (1 device): not a known device registration error code; see its description above.", run.OutputLines);
    }

    [Theory]
    [InlineData("finished", ExitCodes.Success, "Devices     2 devices: 2 succeeded, 0 failed")]
    [InlineData("finished_with_errors", ExitCodes.DevicesFailed, "Status      finished_with_errors")]
    [InlineData("processing", ExitCodes.NotFinished, "Status      processing (not finished yet: check again later, or add --wait)")]
    public async Task Status_BatchOutcome_ItsExitCodeAndWords_OnePoll(string status, int exitCode, string expected)
    {
        FakeDevice[] devices = status switch
        {
            "finished" => [FakeDevice.Finished("SN-1"), FakeDevice.Finished("SN-2")],
            "finished_with_errors" => [FakeDevice.Failed("SN-1", "802", "InvalidZtdHardwareHash")],
            _ => [FakeDevice.Processing("SN-1")],
        };
        _service.Fake.AddBatch(DocumentedSample.CustomerId, OtherBatch).ThenStatus(status, devices);

        var run = await CliRun.RunAsync(_service, TestIds.AppOnlyVariables(), "status", TestIds.Customer, OtherBatch.ToString());

        Assert.Equal(exitCode, run.ExitCode);
        Assert.Contains(expected, run.OutputLines);
        Assert.Equal(status == "processing", run.OutputLines.Contains("Completed   -"));
        Assert.Equal(status == "finished_with_errors", run.OutputLines.Contains("What to do"));
        Assert.Equal(1, _service.Fake.CallsFor(DocumentedSample.CustomerId, OtherBatch));
    }

    [Fact]
    public async Task Status_CorrelationId_SentOnTheWire()
    {
        _service.Fake.AddDocumentedSample();
        var correlationId = Guid.NewGuid();

        var run = await CliRun.RunAsync(_service, TestIds.AppOnlyVariables(), "status", TestIds.Customer, TestIds.DocumentedBatch, "--correlation-id", correlationId.ToString());

        Assert.Equal(ExitCodes.DevicesFailed, run.ExitCode);
        Assert.Equal(correlationId.ToString("D"), Assert.Single(_service.Fake.Requests).GetHeader("MS-CorrelationId"));
        Assert.Contains(run.OutputLines, line => line.EndsWith($"(correlation id {correlationId:D})", StringComparison.Ordinal));
    }
}
