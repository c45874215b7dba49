using PartnerCenter.BatchStatus.Cli.Tests.Support;
using PartnerCenter.BatchStatus.Testing;

namespace PartnerCenter.BatchStatus.Cli.Tests.Status;

/// <summary><c>pcbatch status --wait</c> against the fake Partner Center: progress, final report, timeout, cancellation.</summary>
public sealed class WaitTests : IDisposable
{
    private static readonly Guid MovingBatch = Guid.Parse("7d3c2b1a-0f9e-4d8c-8b7a-6f5e4d3c2b1a");
    private static readonly Guid StuckBatch = Guid.Parse("57cc0000-0f9e-4d8c-8b7a-6f5e4d3c2b1a");

    private readonly FakeServiceFactory _service = new();

    public WaitTests()
    {
        _service.Fake.AddBatch(DocumentedSample.CustomerId, MovingBatch)
            .ThenQueued(FakeDevice.Queued("1234567890"), FakeDevice.Queued("SN-2"))
            .ThenProcessing(FakeDevice.Processing("1234567890"), FakeDevice.Processing("SN-2"))
            .ThenFinishedWithErrors(FakeDevice.Failed("1234567890", "808", "ZtdDeviceAssignedToOtherTenant"), FakeDevice.Finished("SN-2"));
        _service.Fake.AddBatch(DocumentedSample.CustomerId, StuckBatch).ThenProcessing(FakeDevice.Processing("SN-1"));
    }

    public void Dispose() => _service.Dispose();

    [Fact]
    public async Task Wait_RedirectedOutput_OnePlainProgressLinePerPollInOrder()
    {
        var run = await CliRun.RunAsync(_service, TestIds.AppOnlyVariables(), "status", TestIds.Customer, MovingBatch.ToString(), "--wait", "--interval", "10ms");

        Assert.Equal(ExitCodes.DevicesFailed, run.ExitCode);
        Assert.DoesNotContain('\r', run.Error);
        Assert.Collection(
            run.ErrorLines,
            line => Assert.Matches(@"^poll 1 after [0-9.]+ s: queued; 2 devices: 0 succeeded, 0 failed, 2 pending$", line),
            line => Assert.Matches(@"^poll 2 after [0-9.]+ s: processing; 2 devices: 0 succeeded, 0 failed, 2 pending$", line),
            line => Assert.Matches(@"^poll 3 after [0-9.]+ s: finished_with_errors; 2 devices: 1 succeeded, 1 failed \(808 ZtdDeviceAssignedToOtherTenant ×1\)$", line));
        Assert.Contains("Status      finished_with_errors", run.OutputLines);
        Assert.Contains(run.OutputLines, line => line.StartsWith("1234567890 ", StringComparison.Ordinal) && line.Contains("  808  ", StringComparison.Ordinal));
        Assert.Equal(3, _service.Fake.CallsFor(DocumentedSample.CustomerId, MovingBatch));
    }

    [Fact]
    public async Task Wait_Terminal_OneLineRewrittenInPlaceThenEnded()
    {
        var run = await CliRun.RunAsync(
            _service,
            TestIds.AppOnlyVariables(),
            ["status", TestIds.Customer, MovingBatch.ToString(), "--wait", "--interval", "10ms"],
            isErrorRedirected: false,
            CancellationToken.None);

        Assert.Equal(ExitCodes.DevicesFailed, run.ExitCode);
        var rewrites = run.Error.Split('\r', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(3, rewrites.Length);
        Assert.Contains(": queued;", rewrites[0], StringComparison.Ordinal);
        Assert.Contains(": processing;", rewrites[1], StringComparison.Ordinal);
        Assert.Contains(": finished_with_errors;", rewrites[2], StringComparison.Ordinal);
        Assert.EndsWith("\n", run.Error, StringComparison.Ordinal);
        Assert.Single(run.ErrorLines);
    }

    [Fact]
    public async Task Wait_JsonOutput_ProgressOnTheErrorStreamOnly()
    {
        var run = await CliRun.RunAsync(_service, TestIds.AppOnlyVariables(), "status", TestIds.Customer, MovingBatch.ToString(), "--wait", "--interval", "10ms", "--json");

        Assert.Equal(ExitCodes.DevicesFailed, run.ExitCode);
        Assert.Equal(3, run.ErrorLines.Length);
        Assert.StartsWith("{", run.Output, StringComparison.Ordinal);
        Assert.Contains("\"status\": \"finished_with_errors\"", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Wait_BatchNeverFinishes_TimeoutExitCodeWithTheLastDetails()
    {
        var run = await CliRun.RunAsync(_service, TestIds.AppOnlyVariables(), "status", TestIds.Customer, StuckBatch.ToString(), "--wait", "--interval", "10ms", "--timeout", "100ms");

        Assert.Equal(ExitCodes.Timeout, run.ExitCode);
        Assert.Contains("Status      processing (not finished when the wait ended: check again later, or wait longer with --timeout)", run.OutputLines);
        var error = Assert.Single(run.ErrorLines, line => line.StartsWith("pcbatch: error: ", StringComparison.Ordinal));
        Assert.Contains($"Batch {StuckBatch:D} did not finish within", error, StringComparison.Ordinal);
        Assert.Contains("Correlation id: ", error, StringComparison.Ordinal);
        Assert.All(run.ErrorLines.Where(line => line != error), line => Assert.Contains(": processing;", line, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Wait_EveryPoll_SendsTheSameCorrelationId()
    {
        var correlationId = Guid.NewGuid();

        var run = await CliRun.RunAsync(_service, TestIds.AppOnlyVariables(), "status", TestIds.Customer, MovingBatch.ToString(), "--wait", "--interval", "10ms", "--correlation-id", correlationId.ToString());

        Assert.Equal(ExitCodes.DevicesFailed, run.ExitCode);
        Assert.Equal(3, _service.Fake.Requests.Count);
        Assert.All(_service.Fake.Requests, request => Assert.Equal(correlationId.ToString("D"), request.GetHeader("MS-CorrelationId")));
        Assert.Equal(3, _service.Fake.Requests.Select(request => request.GetHeader("MS-RequestId")).Distinct().Count());
    }

    [Fact]
    public async Task Wait_CancelledDuringAPause_CancelledExitCode()
    {
        using var cancellation = new CancellationTokenSource();

        var running = CliRun.RunAsync(
            _service,
            TestIds.AppOnlyVariables(),
            ["status", TestIds.Customer, StuckBatch.ToString(), "--wait", "--interval", "10m"],
            isErrorRedirected: true,
            cancellation.Token);
        await HangGuard.Until(() => _service.Fake.CallsFor(DocumentedSample.CustomerId, StuckBatch) > 0 || running.IsCompleted);

        await cancellation.CancelAsync();
        var run = await running;

        Assert.Equal(ExitCodes.Cancelled, run.ExitCode);
        Assert.Equal("pcbatch: error: Cancelled.", run.ErrorLines[^1]);
    }

}
