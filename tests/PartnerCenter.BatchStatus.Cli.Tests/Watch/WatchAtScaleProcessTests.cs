using System.Text;
using PartnerCenter.BatchStatus.Cli.Tests.Support;

namespace PartnerCenter.BatchStatus.Cli.Tests.Watch;

/// <summary>
/// <c>pcbatch watch</c> of long lists on the demo, as a process of its own: what it writes to a real (pseudo-)terminal,
/// and how it ends on Ctrl+C (SIGINT) and SIGTERM in the middle of a run.
/// </summary>
[Trait("Category", "OutOfProcess")]
public sealed class WatchAtScaleProcessTests : IDisposable
{
    private readonly ScratchFolder _scratch = new();

    public void Dispose() => _scratch.Dispose();

    [Fact]
    public async Task Terminal_2000Batches_WritesAViewThatFitsTheScreen_NotTheTablePerPoll()
    {
        var list = TestIds.WriteDemoList(_scratch["2k.txt"], 2000);

        var (exitCode, terminal) = await ToolProcess.RunOnTerminalAsync(new Dictionary<string, string>(), rows: 30, columns: 120, _scratch["summary.txt"], "watch", "--demo", list, "--interval", "10ms");

        // The unknown batches are the worst outcome; the moving batch and the documented sample finish.
        Assert.Equal(ExitCodes.ServiceError, exitCode);
        Assert.StartsWith("2000 batches: 0 finished with no failed device, 2 with failed devices, 1998 not finished.", File.ReadAllText(_scratch["summary.txt"]), StringComparison.Ordinal);

        // Redrawing the whole table on every poll wrote 272 MB here; the bound is 100 times less than that and more.
        Assert.InRange(terminal.Length, 1, 2_000_000);
        var text = Encoding.UTF8.GetString(terminal);
        var screen = TerminalScreen.Replay(text);
        Assert.InRange(screen.Count, 3, 30);
        Assert.Contains(screen, line => line.StartsWith("2000 batches: 2 finished, 1998 not finished, 0 polling, 0 waiting", StringComparison.Ordinal));
        Assert.Contains(screen, line => line.Contains("error 404", StringComparison.Ordinal));
        Assert.All(screen, line => Assert.True(line.Length <= 120, line));
    }

    [Fact]
    public async Task Terminal_OfNoType_PlainLines_NoEscapeSequence()
    {
        var (exitCode, terminal) = await ToolProcess.RunOnTerminalAsync(new Dictionary<string, string> { ["TERM"] = string.Empty }, rows: 24, columns: 80, _scratch["summary.txt"], "watch", "--demo", "--interval", "10ms");

        Assert.Equal(ExitCodes.ServiceError, exitCode);
        var text = Encoding.UTF8.GetString(terminal);
        Assert.DoesNotContain('\u001b', text);
        Assert.Contains("error 404", text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(ToolProcess.SigInt, ExitCodes.Cancelled)]
    [InlineData(ToolProcess.SigTerm, ExitCodes.Terminated)]
    public async Task Signal_MidRunOf30000Batches_EndsWithTheSummarySoFarAndItsExitCode(int signal, int expected)
    {
        // The demo's moving batch waits 10 minutes between its polls: the run is surely going on when the signal comes.
        var list = TestIds.WriteDemoList(_scratch["30k.txt"], 30_000);
        using var watch = ToolProcess.Start(new Dictionary<string, string>(), null, "watch", "--demo", list, "--interval", "10m");
        await watch.WaitForErrorLinesAsync(500);

        watch.Signal(signal);
        var run = await watch.WaitAsync();

        Assert.True(run.ExitCode == expected, run.ToString()[..Math.Min(2000, run.ToString().Length)]);
        Assert.StartsWith("30000 batches: ", run.Output, StringComparison.Ordinal);
        Assert.Contains(run.OutputLines, line => line.Contains("de30ba7c-0000-4000-8000-000000000808  not finished: cancelled: queued", StringComparison.Ordinal));
        Assert.Equal("pcbatch: error: Cancelled.", run.ErrorLines[^1]);
        Assert.DoesNotContain(run.ErrorLines, line => line.TrimStart().StartsWith("at ", StringComparison.Ordinal));
        Assert.DoesNotContain("Exception", run.Error, StringComparison.Ordinal);
    }

}
