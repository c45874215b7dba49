using PartnerCenter.BatchStatus.Cli.Tests.Support;

namespace PartnerCenter.BatchStatus.Cli.Tests.OutOfProcess;

/// <summary>
/// The tool with a standard stream closed by the shell (<c>&gt;&amp;-</c>, <c>2&gt;&amp;-</c>): the run ends with its own
/// exit code, the batch's, not as a fault of the tool. The demo serves the documented sample, whose device failed.
/// </summary>
[Trait("Category", "OutOfProcess")]
public sealed class StandardStreamTests : IDisposable
{
    private readonly ScratchFolder _scratch = new();

    public void Dispose() => _scratch.Dispose();

    [Theory]
    [InlineData("status", "--demo")]
    [InlineData("status", "--demo", "--wait", "--interval", "10ms")]
    [InlineData("status", "--demo", "--json")]
    public async Task StandardOutputClosed_TheBatchsExitCode_OneLineSaysTheReportIsLeftOut(params string[] args)
    {
        var run = await ToolProcess.RunRedirectedAsync(">&-", _scratch.Root, args);

        Assert.True(run.ExitCode == ExitCodes.DevicesFailed, $"{ToolProcess.Description}\n{run}");
        Assert.Single(run.ErrorLines, line => line == "pcbatch: error: the standard output cannot be written (closed, or its device failed): the report is left out.");
        Assert.DoesNotContain("fault of pcbatch", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WatchWithTheStandardOutputClosed_TheWorstOutcome_NotAFault()
    {
        var run = await ToolProcess.RunRedirectedAsync(">&-", _scratch.Root, "watch", "--demo", "--interval", "10ms");

        // The demo's list holds a batch it does not know: a service error is the worst outcome.
        Assert.True(run.ExitCode == ExitCodes.ServiceError, $"{ToolProcess.Description}\n{run}");
        Assert.DoesNotContain("fault of pcbatch", run.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("watch")]
    [InlineData("watch", "--json")]
    public async Task OutputPipedIntoHeadOne_EndsQuietly_TheWorstOutcomesExitCode(params string[] command)
    {
        // Thousands of batches the demo does not know: far more output than a pipe holds, so the tool writes on after
        // head has gone.
        var lines = Enumerable.Range(0, 3000).Select(i => $"{TestIds.Customer},{new Guid(i + 1, 0, 0, new byte[8])}");
        File.WriteAllLines(_scratch["list.txt"], lines);

        var run = await ToolProcess.RunInShellAsync("{ \"$@\" 2> err.txt; echo $? > code.txt; } | head -1", _scratch.Root, [.. command, "--demo", "list.txt"]);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Single(run.OutputLines);
        Assert.Equal(ExitCodes.ServiceError.ToString(System.Globalization.CultureInfo.InvariantCulture), File.ReadAllText(_scratch["code.txt"]).Trim());
        var error = File.ReadAllText(_scratch["err.txt"]);
        Assert.DoesNotContain("Exception", error, StringComparison.Ordinal);
        Assert.DoesNotContain("fault of pcbatch", error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ErrorStreamClosed_TheReportWhole_TheBatchsExitCode()
    {
        var run = await ToolProcess.RunRedirectedAsync("2>&-", _scratch.Root, "status", "--demo", "--wait", "--interval", "10ms");

        Assert.True(run.ExitCode == ExitCodes.DevicesFailed, $"{ToolProcess.Description}\n{run}");
        Assert.Contains(run.OutputLines, line => line.StartsWith("Devices ", StringComparison.Ordinal));
    }
}
