using System.Text.Json;
using PartnerCenter.BatchStatus.Cli.Tests.Support;
using PartnerCenter.BatchStatus.Testing;

namespace PartnerCenter.BatchStatus.Cli.Tests.Watch;

/// <summary><c>pcbatch watch</c> against the fake Partner Center: lists from a file and standard input, live and plain progress, the summary, JSON lines, exit codes.</summary>
public sealed class WatchTests : IDisposable
{
    private static readonly Guid Customer = DocumentedSample.CustomerId;
    private static readonly Guid MovingBatch = Guid.Parse("7d3c2b1a-0f9e-4d8c-8b7a-6f5e4d3c2b1a");
    private static readonly Guid CleanBatch = Guid.Parse("5a4b3c2d-1e0f-4a9b-8c7d-6e5f4a3b2c1d");
    private static readonly Guid OtherCustomer = Guid.Parse("9e8d7c6b-5a49-4382-9170-6f5e4d3c2b1a");
    private static readonly Guid OtherBatch = Guid.Parse("1c2d3e4f-5a6b-4c7d-8e9f-0a1b2c3d4e5f");
    private static readonly Guid UnknownBatch = Guid.Parse("0badba7c-0000-4000-8000-000000000404");

    private readonly FakeServiceFactory _service = new();
    private readonly ScratchFolder _scratch = new();

    public WatchTests()
    {
        _service.Fake.AddDocumentedSample();
        _service.Fake.AddBatch(Customer, MovingBatch)
            .ThenQueued(FakeDevice.Queued("1234567890"), FakeDevice.Queued("SN-2"))
            .ThenProcessing(FakeDevice.Processing("1234567890"), FakeDevice.Processing("SN-2"))
            .ThenFinishedWithErrors(FakeDevice.Failed("1234567890", "808", "ZtdDeviceAssignedToOtherTenant"), FakeDevice.Finished("SN-2"));
        _service.Fake.AddBatch(Customer, CleanBatch).ThenFinished(FakeDevice.Finished("SN-3"));
        _service.Fake.AddBatch(OtherCustomer, OtherBatch).ThenFinished(FakeDevice.Finished("SN-4"));
    }

    public void Dispose()
    {
        _service.Dispose();
        _scratch.Dispose();
    }

    /// <summary>Every form of a line, comments and blank lines, and one unknown batch among four that finish.</summary>
    private static string List =>
        "# batches of this morning\n"
        + $"Location: /customers/{Customer:D}/batchJobStatus/{MovingBatch:D}\n"
        + "\n"
        + $"https://api.partnercenter.microsoft.com/v1/customers/{Customer:D}/batchJobStatus/{CleanBatch:D}\n"
        + $"  {OtherCustomer:D},{OtherBatch:D}  \n"
        + $"/v1/customers/{Customer:D}/batchJobStatus/{UnknownBatch:D}\n"
        + $"/customers/{Customer:D}/batchJobStatus/{DocumentedSample.BatchTrackingId:D}\n";

    [Fact]
    public async Task Watch_FileWithOneUnknownBatch_EveryBatchSummarizedAndTheWorstExitCode()
    {
        File.WriteAllText(_scratch["batches.txt"], List);

        var run = await CliRun.RunAsync(_service, TestIds.AppOnlyVariables(), "watch", _scratch["batches.txt"], "--interval", "10ms");

        Assert.Equal(ExitCodes.ServiceError, run.ExitCode);
        Assert.Equal("5 batches: 2 finished with no failed device, 2 with failed devices, 1 not finished.", run.OutputLines[0]);
        Assert.Contains(run.OutputLines, line => line.Contains($"{MovingBatch:D}  finished_with_errors", StringComparison.Ordinal) && line.Contains("  3  ", StringComparison.Ordinal));
        Assert.Contains(run.OutputLines, line => line.StartsWith($"{OtherCustomer:D}  {OtherBatch:D}  finished ", StringComparison.Ordinal));
        Assert.Contains(run.OutputLines, line => line.Contains($"{UnknownBatch:D}  not finished: error 404", StringComparison.Ordinal));
        var notFound = Assert.Single(run.OutputLines, line => line.StartsWith($"  {UnknownBatch:D}: Partner Center answered 404", StringComparison.Ordinal));
        Assert.Contains("Check both ids", notFound, StringComparison.Ordinal);

        // Every failed device of every batch, with its code, name and meaning.
        var devices = run.OutputLines.SkipWhile(line => line != "Failed devices").Skip(2).ToArray();
        Assert.Equal(2, devices.Length);
        Assert.All(devices, line => Assert.Contains("808    ZtdDeviceAssignedToOtherTenant: The device is registered to another tenant", line, StringComparison.Ordinal));
        Assert.Contains(devices, line => line.StartsWith($"{MovingBatch:D}  1234567890", StringComparison.Ordinal));
        Assert.Contains(devices, line => line.StartsWith($"{DocumentedSample.BatchTrackingId:D}  1234567890", StringComparison.Ordinal));

        // The unknown batch did not stop the others: each was polled until it finished.
        Assert.Equal(3, _service.Fake.CallsFor(Customer, MovingBatch));
        Assert.Equal(1, _service.Fake.CallsFor(OtherCustomer, OtherBatch));
    }

    [Fact]
    public async Task Watch_StandardInputRedirected_OnePlainLinePerPollAndPerFailure()
    {
        var run = await Watch(List, "--interval", "10ms");

        Assert.Equal(ExitCodes.ServiceError, run.ExitCode);
        Assert.DoesNotContain('\r', run.Error);
        Assert.DoesNotContain('\u001b', run.Error);
        Assert.Equal(
            [
                $"{MovingBatch:D} poll 1: queued; 2 devices: 0 succeeded, 0 failed, 2 pending",
                $"{MovingBatch:D} poll 2: processing; 2 devices: 0 succeeded, 0 failed, 2 pending",
                $"{MovingBatch:D} poll 3: finished_with_errors; 2 devices: 1 succeeded, 1 failed (808 ZtdDeviceAssignedToOtherTenant ×1)",
            ],
            run.ErrorLines.Where(line => line.StartsWith($"{MovingBatch:D}", StringComparison.Ordinal)).Select(WithoutTime));
        Assert.Contains($"{UnknownBatch:D} error 404", run.ErrorLines);
        Assert.Equal(7, run.ErrorLines.Length);
        Assert.StartsWith("5 batches:", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Watch_Terminal_ViewKeptInPlace_SummaryLineThenEveryBatchThatFits()
    {
        var run = await CliRun.RunWithInputAsync(_service, List, isErrorRedirected: false, "watch", "-", "--interval", "10ms");

        Assert.Equal(ExitCodes.ServiceError, run.ExitCode);

        // What the terminal shows at the end: the view rewritten in place, one row per batch in the order of the list.
        var screen = TerminalScreen.Replay(run.Error);
        Assert.Equal(7, screen.Count);
        Assert.StartsWith("5 batches: 4 finished, 1 not finished, 0 polling, 0 waiting; ", screen[0], StringComparison.Ordinal);
        Assert.Matches(@"^CUSTOMER\s+BATCH\s+STATUS\s+POLLS\s+OK\s+FAILED\s+PENDING$", screen[1]);
        Assert.Matches($@"^{Customer.ToString("D")[..8]}\s+{MovingBatch:D}\s+finished_with_errors\s+3\s+1\s+1\s+0$", screen[2]);
        Assert.Matches($@"^{OtherCustomer.ToString("D")[..8]}\s+{OtherBatch:D}\s+finished\s+1\s+1\s+0\s+0$", screen[4]);
        Assert.Matches($@"^{Customer.ToString("D")[..8]}\s+{UnknownBatch:D}\s+error 404\s+0$", screen[5]);

        // The first drawing, before any poll, showed every batch waiting.
        var first = run.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(2).Take(5).ToArray();
        Assert.All(first, row => Assert.Contains("  waiting  ", row, StringComparison.Ordinal));
        Assert.StartsWith("5 batches:", run.Output, StringComparison.Ordinal);
        Assert.DoesNotContain('\u001b', run.Output);
    }

    [Fact]
    public async Task Watch_DumbTerminal_PlainLines()
    {
        var variables = TestIds.AppOnlyVariables();
        variables["TERM"] = "dumb";

        var run = await CliRun.RunAsync(_service, variables, ["watch", "--interval", "10ms"], isErrorRedirected: false, CancellationToken.None, input: List);

        Assert.Equal(ExitCodes.ServiceError, run.ExitCode);
        Assert.DoesNotContain('\u001b', run.Error);
        Assert.Equal(7, run.ErrorLines.Length);
    }

    [Fact]
    public async Task Watch_Json_OneJsonLinePerBatchWithTheErrorOfTheFailedOne()
    {
        var run = await Watch(List, "--json", "--interval", "10ms");

        Assert.Equal(ExitCodes.ServiceError, run.ExitCode);
        Assert.Equal(5, run.OutputLines.Length);
        var lines = run.OutputLines.Select(line => JsonDocument.Parse(line)).ToArray();
        try
        {
            var byBatch = lines.ToDictionary(line => line.RootElement.GetProperty("batchTrackingId").GetString()!);
            var unknown = byBatch[UnknownBatch.ToString("D")].RootElement;
            Assert.StartsWith("Partner Center answered 404", unknown.GetProperty("error").GetString(), StringComparison.Ordinal);
            Assert.False(unknown.TryGetProperty("details", out _));
            Assert.Equal(Customer.ToString("D"), unknown.GetProperty("customerId").GetString());
            Assert.True(Guid.TryParse(unknown.GetProperty("correlationId").GetString(), out _));

            var moving = byBatch[MovingBatch.ToString("D")].RootElement;
            Assert.False(moving.TryGetProperty("error", out _));
            Assert.Equal("finished_with_errors", moving.GetProperty("details").GetProperty("status").GetString());
            Assert.Equal(OtherCustomer.ToString("D"), byBatch[OtherBatch.ToString("D")].RootElement.GetProperty("customerId").GetString());
        }
        finally
        {
            Array.ForEach(lines, line => line.Dispose());
        }
    }

    [Theory]
    [InlineData(false, ExitCodes.Success, "2 batches: 2 finished with no failed device, 0 with failed devices, 0 not finished.")]
    [InlineData(true, ExitCodes.DevicesFailed, "2 batches: 1 finished with no failed device, 1 with failed devices, 0 not finished.")]
    public async Task Watch_EveryBatchFinished_SuccessUnlessDevicesFailed(bool withTheSample, int exitCode, string summary)
    {
        var second = withTheSample ? $"{Customer:D},{DocumentedSample.BatchTrackingId:D}" : $"{OtherCustomer:D},{OtherBatch:D}";

        var run = await Watch($"{Customer:D},{CleanBatch:D}\n{second}\n");

        Assert.Equal(exitCode, run.ExitCode);
        Assert.Equal(withTheSample, run.Output.Contains("Failed devices", StringComparison.Ordinal));
        Assert.Equal(summary, run.OutputLines[0]);
    }

    [Theory]
    [InlineData("not a location", "Standard input, line 3: ")]
    [InlineData("47021739-3426-40bf-9601-61b4b6d7c793,nope", "Standard input, line 3: The batch tracking id 'nope' is not a GUID")]
    public async Task Watch_BadLine_UsageErrorNamingTheLineBeforeAnyCall(string badLine, string expected)
    {
        var run = await Watch($"# list\n{Customer:D},{CleanBatch:D}\n{badLine}\n");

        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        var error = Assert.Single(run.ErrorLines);
        Assert.StartsWith("pcbatch: error: " + expected, error, StringComparison.Ordinal);
        Assert.EndsWith("Run 'pcbatch watch --help' for usage.", error, StringComparison.Ordinal);
        Assert.Empty(run.Output);
        Assert.Empty(_service.Fake.Requests);
    }

    [Fact]
    public async Task Watch_EmptyList_UsageError()
    {
        var run = await Watch("# nothing yet\n\n");

        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.StartsWith("pcbatch: error: Standard input lists no batch", Assert.Single(run.ErrorLines), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Watch_MissingFile_UsageError()
    {
        var run = await CliRun.RunAsync(_service, TestIds.AppOnlyVariables(), "watch", _scratch["missing.txt"]);

        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.Contains("cannot be read", Assert.Single(run.ErrorLines), StringComparison.Ordinal);
        Assert.Empty(_service.Fake.Requests);
    }

    [Fact]
    public async Task Watch_DemoWithNoInput_TheDemosListWithItsUnknownBatch()
    {
        var run = await CliRun.RunAsync(null, null, "watch", "--demo", "--interval", "10ms");

        Assert.Equal(ExitCodes.ServiceError, run.ExitCode);
        Assert.Equal("3 batches: 0 finished with no failed device, 2 with failed devices, 1 not finished.", run.OutputLines[0]);
        Assert.Contains(run.OutputLines, line => line.Contains("de30ba7c-0000-4000-8000-000000000404  not finished: error 404", StringComparison.Ordinal));
        Assert.Contains(run.OutputLines, line => line.Contains("de30ba7c-0000-4000-8000-000000000808  finished_with_errors", StringComparison.Ordinal));
        Assert.Equal(8, run.OutputLines.SkipWhile(line => line != "Failed devices").Skip(2).Count());
    }

    [Fact]
    public async Task Watch_DemoWithStandardInput_ReadsTheList()
    {
        var run = await CliRun.RunWithInputAsync(null, $"/customers/{Customer:D}/batchJobStatus/{DocumentedSample.BatchTrackingId:D}\n", isErrorRedirected: true, "watch", "-", "--demo");

        Assert.Equal(ExitCodes.DevicesFailed, run.ExitCode);
        Assert.Equal("1 batch: 0 finished with no failed device, 1 with failed devices, 0 not finished.", run.OutputLines[0]);
    }

    [Fact]
    public async Task Watch_UnknownOption_NamesTheClosestOptionAndTheWatchHelp()
    {
        var run = await Watch(List, "--jsn");

        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.Equal("pcbatch: error: 'pcbatch watch' has no option '--jsn': did you mean --json? Run 'pcbatch watch --help' for usage.", Assert.Single(run.ErrorLines));
        Assert.Empty(_service.Fake.Requests);
    }

    [Fact]
    public async Task Watch_Help_TheListTheOptionsAndTheExitCodes()
    {
        var run = await CliRun.RunAsync(FakeServiceFactory.Refusing(), null, "watch", "--help");

        Assert.Equal(ExitCodes.Success, run.ExitCode);
        Assert.Contains("customer-id,batch-tracking-id", run.Output, StringComparison.Ordinal);
        Assert.Contains("--json", run.Output, StringComparison.Ordinal);
        Assert.Contains("--demo", run.Output, StringComparison.Ordinal);
        Assert.Contains("the demo's own list", run.Output, StringComparison.Ordinal);
        Assert.Contains("Exit codes", run.Output, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Watch_ListTypedAtATerminal_SaysHowToEndIt()
    {
        var run = await CliRun.RunAsync(
            _service,
            TestIds.AppOnlyVariables(),
            ["watch"],
            isErrorRedirected: true,
            CancellationToken.None,
            input: "",
            isInputRedirected: false);

        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.StartsWith("pcbatch: reading batches from the terminal", run.ErrorLines[0], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Watch_OneBatchNeverFinishes_TimeoutExitCodeWithItsLastStatus()
    {
        _service.Fake.AddBatch(Customer, UnknownBatch).ThenProcessing(FakeDevice.Processing("SN-5"));

        var run = await Watch($"{Customer:D},{CleanBatch:D}\n{Customer:D},{UnknownBatch:D}\n", "--interval", "10ms", "--timeout", "100ms");

        Assert.Equal(ExitCodes.Timeout, run.ExitCode);
        Assert.Matches($@"^{Customer:D}\s+{UnknownBatch:D}\s+not finished: timed out\s+\d+\s+0\s+0\s+1$", Assert.Single(run.OutputLines, line => line.Contains("timed out", StringComparison.Ordinal) && line.StartsWith(Customer.ToString("D"), StringComparison.Ordinal)));
        Assert.Contains(run.OutputLines, line => line.StartsWith($"  {UnknownBatch:D}: Batch {UnknownBatch:D} did not finish within", StringComparison.Ordinal));
        Assert.Contains($"{UnknownBatch:D} timed out", run.ErrorLines);
    }

    [Fact]
    public async Task Watch_Cancelled_CancelledExitCode()
    {
        _service.Fake.AddBatch(Customer, OtherBatch).ThenProcessing(FakeDevice.Processing("SN-1"));
        using var cancellation = new CancellationTokenSource();

        var running = CliRun.RunAsync(
            _service,
            TestIds.AppOnlyVariables(),
            ["watch", "--interval", "10m"],
            isErrorRedirected: true,
            cancellation.Token,
            input: $"{Customer:D},{OtherBatch:D}\n");
        await HangGuard.Until(() => _service.Fake.CallsFor(Customer, OtherBatch) > 0 || running.IsCompleted);

        await cancellation.CancelAsync();
        var run = await running;

        Assert.Equal(ExitCodes.Cancelled, run.ExitCode);
        Assert.Equal("pcbatch: error: Cancelled.", run.ErrorLines[^1]);
    }

    private Task<CliRun> Watch(string list, params string[] options) => CliRun.RunWithInputAsync(_service, list, isErrorRedirected: true, ["watch", .. options]);

    private static string WithoutTime(string line) =>
        System.Text.RegularExpressions.Regex.Replace(line, @" after [0-9.]+ (ms|s|m)", string.Empty);

}
