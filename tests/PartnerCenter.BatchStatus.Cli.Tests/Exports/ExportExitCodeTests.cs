using PartnerCenter.BatchStatus.Cli.Connection;
using PartnerCenter.BatchStatus.Cli.Tests.Support;
using PartnerCenter.BatchStatus.Testing;

namespace PartnerCenter.BatchStatus.Cli.Tests.Exports;

/// <summary>
/// Which exit code wins when an export cannot be written after the report: the batch's own when it is not a success
/// (failed devices are never hidden), 64 otherwise; the file is left as it was either way.
/// </summary>
public sealed class ExportExitCodeTests : IDisposable
{
    private static readonly Guid CleanBatch = Guid.Parse("3c9e2a10-0000-4000-8000-0000000c1ea0");
    private readonly FakeServiceFactory _service = new();
    private readonly ScratchFolder _folder = new();

    public void Dispose()
    {
        _service.Dispose();
        _folder.Dispose();
    }

    [Fact]
    public async Task WriteFailsAfterTheReport_DevicesFailed_Exit1_TheFailureNamed()
    {
        _service.Fake.AddDocumentedSample();

        var run = await CliRun.RunAsync(new TargetTakenFactory(_service, _folder["failed.csv"]), TestIds.AppOnlyVariables(), "status", TestIds.Customer, TestIds.DocumentedBatch, "--failed-csv", _folder["failed.csv"]);

        Assert.Equal(ExitCodes.DevicesFailed, run.ExitCode);
        Assert.Contains(run.OutputLines, line => line.StartsWith("Devices     1 device: 0 succeeded, 1 failed", StringComparison.Ordinal));
        Assert.StartsWith($"pcbatch: error: --failed-csv '", Assert.Single(run.ErrorLines), StringComparison.Ordinal);
        Assert.Contains("could not be written, and was left as it was", run.Error, StringComparison.Ordinal);
        Assert.True(Directory.Exists(_folder["failed.csv"]));
        Assert.Empty(Directory.GetFiles(_folder.Root, "*.pcbatch-tmp"));
    }

    [Fact]
    public async Task WriteFailsAfterTheReport_BatchClean_Exit64()
    {
        _service.Fake.AddBatch(DocumentedSample.CustomerId, CleanBatch).ThenFinished(FakeDevice.Finished("OK-1"));

        var run = await CliRun.RunAsync(new TargetTakenFactory(_service, _folder["failed.csv"]), TestIds.AppOnlyVariables(), "status", TestIds.Customer, CleanBatch.ToString(), "--failed-csv", _folder["failed.csv"]);

        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.Contains("could not be written, and was left as it was", Assert.Single(run.ErrorLines), StringComparison.Ordinal);
        Assert.Empty(Directory.GetFiles(_folder.Root, "*.pcbatch-tmp"));
    }

    [Fact]
    public async Task ExportIsTheCertificateFile_UsageBeforeAnything()
    {
        File.WriteAllText(_folder["app.pem"], "not really a certificate");
        var variables = TestIds.AppOnlyVariables();
        variables.Remove("AZURE_CLIENT_SECRET");
        using var factory = FakeServiceFactory.Refusing();

        var run = await CliRun.RunAsync(factory, variables, "status", TestIds.Customer, TestIds.DocumentedBatch, "--certificate", _folder["app.pem"], "--failed-csv", _folder["app.pem"]);

        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.Contains("--failed-csv must not be the file of --certificate", Assert.Single(run.ErrorLines), StringComparison.Ordinal);
        Assert.Equal("not really a certificate", File.ReadAllText(_folder["app.pem"]));
        Assert.Empty(factory.Requests);
    }

    /// <summary>Takes the export's path (a folder now stands there) once the tool has checked it, as another program could.</summary>
    private sealed class TargetTakenFactory(FakeServiceFactory service, string target) : IBatchClientFactory
    {
        public BatchClientConnection Create(ConnectionSettings settings, CliEnvironment environment)
        {
            Directory.CreateDirectory(target);
            return service.Create(settings, environment);
        }
    }
}
