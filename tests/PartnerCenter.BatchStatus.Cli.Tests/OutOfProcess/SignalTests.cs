using System.Globalization;
using System.Text;
using PartnerCenter.BatchStatus.Cli.Tests.Support;
using PartnerCenter.BatchStatus.Testing;

namespace PartnerCenter.BatchStatus.Cli.Tests.OutOfProcess;

/// <summary>
/// SIGTERM, as a service manager or a CI runner's timeout sends it, while an export is pending or being written: the
/// tool ends cleanly, and each export file either keeps its old content or is whole, with no temporary file left.
/// Signed in at a fake Microsoft Entra ID over TLS, against a fake Partner Center, both on loopback.
/// </summary>
[Trait("Category", "OutOfProcess")]
public sealed class SignalTests : IDisposable
{
    private const string OldContent = "the previous run's file\n";
    private const string Header = "Device Serial Number,Windows Product ID,Hardware Hash,Manufacturer name,Device model";
    private readonly ScratchFolder _scratch = new();

    public void Dispose() => _scratch.Dispose();

    /// <summary>SIGTERM once; or Ctrl+C twice, the second ending the process at once whether or not the first had ended the run already.</summary>
    [Theory]
    [InlineData(ToolProcess.SigTerm, 1, ExitCodes.Terminated)]
    [InlineData(ToolProcess.SigInt, 2, ExitCodes.Cancelled, "--wait")]
    public async Task SignalWhileTheServiceIsSlow_ItsExitCode_TheExportKeepsItsOldContent_NoTemporaryFile(int signal, int times, int exitCode, params string[] more)
    {
        await using var entra = await FakeTokenEndpoint.StartAsync(TokenAnswer.Token);
        await using var partnerCenter = FakePartnerCenter.Start();
        partnerCenter.AddDocumentedSample().WithDelay(Timeout.InfiniteTimeSpan);
        File.WriteAllText(_scratch["failed.csv"], OldContent);

        using var tool = ToolProcess.Start(entra.ProcessVariables(_scratch.Root), _scratch.Root, [.. Args(partnerCenter, TestIds.DocumentedBatch), .. more, "--failed-csv", "failed.csv"]);
        await HangGuard.Until(() => TemporaryFiles().Length > 0 || tool.HasExited);
        for (var i = 0; i < times; i++)
        {
            tool.Signal(signal);
        }

        var run = await tool.WaitAsync();

        Assert.True(run.ExitCode == exitCode, run.ToString());
        Assert.True(times > 1 || run.ErrorLines is ["pcbatch: error: Cancelled."], run.ToString());
        Assert.Equal(OldContent, File.ReadAllText(_scratch["failed.csv"]));
        Assert.Empty(TemporaryFiles());
    }

    [Fact]
    public async Task SigTermDuringABigExport_TheFileIsOldOrWhole_NoTemporaryFile()
    {
        const int Rows = 20_000;
        var batch = Guid.Parse("5e7a1c2b-0000-4000-8000-00000000f11e");
        var hash = new string('H', 2_000);
        var rows = Enumerable.Range(1, Rows).Select(i => string.Create(CultureInfo.InvariantCulture, $"SN{i:D6},,{hash}{i:D6},Contoso,Laptop")).ToArray();
        var whole = Encoding.UTF8.GetBytes(Header + "\r\n" + string.Concat(rows.Select(row => row + "\r\n")));
        File.WriteAllBytes(_scratch["devices.csv"], whole);
        File.WriteAllText(_scratch["reupload.csv"], OldContent);
        await using var entra = await FakeTokenEndpoint.StartAsync(TokenAnswer.Token);
        await using var partnerCenter = FakePartnerCenter.Start();

        // Every device failed for a passing reason: every row is written again.
        partnerCenter.AddBatch(DocumentedSample.CustomerId, batch).ThenFinishedWithErrors(
            [.. Enumerable.Range(1, Rows).Select(i => FakeDevice.Failed(string.Create(CultureInfo.InvariantCulture, $"SN{i:D6}"), "801", "InvalidZtdRequestBody"))]);

        using var tool = ToolProcess.Start(
            entra.ProcessVariables(_scratch.Root), _scratch.Root, [.. Args(partnerCenter, batch.ToString()), "--reupload-from", "devices.csv", "--reupload-csv", "reupload.csv"]);

        // The signal as soon as the temporary file holds something: the write is under way (or already done).
        await HangGuard.Until(() => TemporaryFiles().Any(file => new FileInfo(file).Length > 0) || tool.HasExited, pollMilliseconds: 1);
        if (!tool.HasExited)
        {
            tool.Signal(ToolProcess.SigTerm);
        }

        var run = await tool.WaitAsync();
        var written = File.ReadAllBytes(_scratch["reupload.csv"]);
        if (run.ExitCode == ExitCodes.Terminated)
        {
            Assert.Equal(OldContent, Encoding.UTF8.GetString(written));
        }
        else
        {
            Assert.True(run.ExitCode == ExitCodes.DevicesFailed, run.ErrorLines.FirstOrDefault());
            Assert.Equal(whole, written);
        }

        Assert.Empty(TemporaryFiles());
        Assert.Equal(whole, File.ReadAllBytes(_scratch["devices.csv"]));
    }


    private string[] TemporaryFiles() => Directory.GetFiles(_scratch.Root, "*.pcbatch-tmp");

    private static string[] Args(FakePartnerCenter partnerCenter, string batch) =>
        ["status", TestIds.Customer, batch, "--endpoint", partnerCenter.Endpoint.ToString()];

}
