using System.Text.Json;
using PartnerCenter.BatchStatus.Cli.Tests.Support;
using PartnerCenter.BatchStatus.Serialization;
using PartnerCenter.BatchStatus.Testing;

namespace PartnerCenter.BatchStatus.Cli.Tests.Demo;

/// <summary>
/// <c>pcbatch status --demo</c> as a newcomer runs it: the tool's own client factory, the embedded fake Partner Center,
/// no account and no environment variables.
/// </summary>
public class DemoTests
{
    [Theory]
    [InlineData(null)]
    [InlineData("not a tenant")]
    public async Task Demo_NoIds_TheDocumentedSampleWithThe808Device_WhateverTheSignInVariables(string? tenant)
    {
        var run = await CliRun.RunAsync(null, tenant is null ? null : new Dictionary<string, string> { ["AZURE_TENANT_ID"] = tenant }, "status", "--demo");

        Assert.Equal(ExitCodes.DevicesFailed, run.ExitCode);
        Assert.Empty(run.Error);
        Assert.Contains($"Batch       {DocumentedSample.BatchTrackingId:D}", run.OutputLines);
        Assert.Contains("Started     2017-07-25 10:00:00 UTC", run.OutputLines);
        Assert.Contains(run.OutputLines, line => line.StartsWith("1234567890 ", StringComparison.Ordinal) && line.Contains("  808  ", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Demo_WaitAsInTheReadme_ProgressThroughEachStatusThenThe808Device()
    {
        var run = await CliRun.RunAsync(null, null, "status", "--demo", "--wait");

        Assert.Equal(ExitCodes.DevicesFailed, run.ExitCode);
        Assert.Collection(
            run.ErrorLines,
            line => Assert.Contains(": queued; 8 devices: 0 succeeded, 0 failed, 8 pending", line, StringComparison.Ordinal),
            line => Assert.Contains(": processing; 8 devices: 0 succeeded, 0 failed, 8 pending", line, StringComparison.Ordinal),
            line => Assert.Contains(": finished_with_errors; 8 devices: 1 succeeded, 7 failed", line, StringComparison.Ordinal));
        Assert.Contains("Status      finished_with_errors", run.OutputLines);
        Assert.Contains(run.OutputLines, line => line.StartsWith("1234567890 ", StringComparison.Ordinal) && line.Contains("  808  ", StringComparison.Ordinal));
        Assert.Contains(run.OutputLines, line => line.StartsWith("  808 ZtdDeviceAssignedToOtherTenant (1 device): ", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Demo_Wait_TheFinalBatchHoldsADeviceOfEachKind()
    {
        var run = await CliRun.RunAsync(null, null, "status", "--demo", "--wait", "--json");

        var details = TestIds.Details(run.Output);
        Assert.Single(details.GetDevices(DeviceOutcome.Succeeded));
        Assert.All(
            Enum.GetValues<DeviceErrorNature>(),
            nature => Assert.Contains(details.GetFailedDevices(), failed => failed.Nature == nature));
        Assert.Contains(details.GetFailedDevices(), failed => failed.Device.ErrorCode is null && failed.Error is not null);
    }

    [Fact]
    public async Task Demo_WaitForTheDocumentedIds_OnePollAsTheSampleIsFinished()
    {
        var run = await CliRun.RunAsync(null, null, "status", "--demo", "--wait", DocumentedSample.CustomerId.ToString(), DocumentedSample.BatchTrackingId.ToString());

        Assert.Equal(ExitCodes.DevicesFailed, run.ExitCode);
        Assert.Contains(": finished; 1 device: 0 succeeded, 1 failed (808 ZtdDeviceAssignedToOtherTenant ×1)", Assert.Single(run.ErrorLines), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Demo_Json_TheDocumentedSampleAsServed()
    {
        var run = await CliRun.RunAsync(null, null, "status", "--demo", "--json");

        Assert.Equal(ExitCodes.DevicesFailed, run.ExitCode);
        var parsed = TestIds.Details(run.Output);
        var sample = JsonSerializer.Deserialize<BatchUploadDetails>(DocumentedSample.Json, BatchStatusJson.BatchUploadDetails.Options)!;
        Assert.Equal(JsonSerializer.Serialize(sample, BatchStatusJson.BatchUploadDetails.Options), JsonSerializer.Serialize(parsed, BatchStatusJson.BatchUploadDetails.Options));
    }

    [Fact]
    public async Task Demo_CorrelationId_TravelsThroughTheRealPipelineAndBack()
    {
        var correlationId = Guid.NewGuid();

        var run = await CliRun.RunAsync(null, null, "status", "--demo", "--correlation-id", correlationId.ToString());

        // The fake echoes the headers it received: the id went out through the client's header handler.
        Assert.Contains(run.OutputLines, line => line.StartsWith("Request id  ", StringComparison.Ordinal) && line.EndsWith($"(correlation id {correlationId:D})", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Demo_UnknownBatch_ServiceErrorFromTheFake()
    {
        var run = await CliRun.RunAsync(null, null, "status", "--demo", DocumentedSample.CustomerId.ToString(), Guid.NewGuid().ToString());

        Assert.Equal(ExitCodes.ServiceError, run.ExitCode);
        Assert.StartsWith("pcbatch: error: Partner Center answered 404 (NotFound).", Assert.Single(run.ErrorLines), StringComparison.Ordinal);
    }
}
