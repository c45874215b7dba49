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
    private static readonly TimeSpan HangGuard = TimeSpan.FromSeconds(120);
    private readonly ScratchFolder _scratch = new();

    public void Dispose() => _scratch.Dispose();

    [Fact]
    public async Task SigTermWhileTheServiceIsSlow_Exit143_TheExportsKeepTheirOldContent_NoTemporaryFile()
    {
        await using var entra = await FakeTokenEndpoint.StartAsync(TokenAnswer.Token);
        await using var partnerCenter = FakePartnerCenter.Start();
        partnerCenter.AddDocumentedSample().WithDelay(Timeout.InfiniteTimeSpan);
        File.WriteAllText(_scratch["failed.csv"], OldContent);

        using var tool = ToolProcess.Start(SignIn(entra), _scratch.Root, [.. Args(partnerCenter, TestIds.DocumentedBatch), "--failed-csv", "failed.csv"]);
        await WaitFor(() => TemporaryFiles().Length > 0 || tool.HasExited);
        tool.Signal(Posix.SigTerm);
        var run = await tool.WaitAsync(HangGuard);

        Assert.True(run.ExitCode == ExitCodes.Terminated, run.ToString());
        Assert.Equal("pcbatch: error: Cancelled.", Assert.Single(run.ErrorLines));
        Assert.Equal(OldContent, File.ReadAllText(_scratch["failed.csv"]));
        Assert.Empty(TemporaryFiles());
    }

    [Fact]
    public async Task CtrlCTwiceWhileTheServiceIsSlow_EndsAt130_TheExportKeepsItsOldContent_NoTemporaryFile()
    {
        await using var entra = await FakeTokenEndpoint.StartAsync(TokenAnswer.Token);
        await using var partnerCenter = FakePartnerCenter.Start();
        partnerCenter.AddDocumentedSample().WithDelay(Timeout.InfiniteTimeSpan);
        File.WriteAllText(_scratch["failed.csv"], OldContent);

        using var tool = ToolProcess.Start(SignIn(entra), _scratch.Root, [.. Args(partnerCenter, TestIds.DocumentedBatch), "--wait", "--failed-csv", "failed.csv"]);
        await WaitFor(() => TemporaryFiles().Length > 0 || tool.HasExited);

        // The second Ctrl+C ends the process at once, whether or not the first had ended the run already.
        tool.Signal(Posix.SigInt);
        tool.Signal(Posix.SigInt);
        var run = await tool.WaitAsync(HangGuard);

        Assert.True(run.ExitCode == ExitCodes.Cancelled, run.ToString());
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
            SignIn(entra), _scratch.Root, [.. Args(partnerCenter, batch.ToString()), "--reupload-from", "devices.csv", "--reupload-csv", "reupload.csv"]);

        // The signal as soon as the temporary file holds something: the write is under way (or already done).
        await WaitFor(() => TemporaryFiles().Any(file => new FileInfo(file).Length > 0) || tool.HasExited, pollMilliseconds: 1);
        if (!tool.HasExited)
        {
            tool.Signal(Posix.SigTerm);
        }

        var run = await tool.WaitAsync(HangGuard);
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

    private static async Task WaitFor(Func<bool> condition, int pollMilliseconds = 10)
    {
        // A hang guard only: the condition is an event of the run, not a time.
        using var guard = new CancellationTokenSource(HangGuard);
        while (!condition())
        {
            await Task.Delay(pollMilliseconds, guard.Token);
        }
    }

    private string[] TemporaryFiles() => Directory.GetFiles(_scratch.Root, "*.pcbatch-tmp");

    private static string[] Args(FakePartnerCenter partnerCenter, string batch) =>
        ["status", TestIds.Customer, batch, "--endpoint", partnerCenter.Endpoint.ToString()];

    private Dictionary<string, string> SignIn(FakeTokenEndpoint entra)
    {
        var variables = TestIds.AppOnlyVariables();
        variables["AZURE_AUTHORITY_HOST"] = entra.AuthorityHost.ToString();
        variables["SSL_CERT_FILE"] = entra.WriteCertificatePem(_scratch.Root);
        return variables;
    }
}
