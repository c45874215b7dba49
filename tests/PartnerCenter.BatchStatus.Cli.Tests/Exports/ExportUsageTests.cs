using PartnerCenter.BatchStatus.Cli.Tests.Support;

namespace PartnerCenter.BatchStatus.Cli.Tests.Exports;

/// <summary>Export options that do not combine, or files that cannot be used, stop the tool before it calls Partner Center.</summary>
public sealed class ExportUsageTests : IDisposable
{
    private readonly ScratchFolder _folder = new();

    public ExportUsageTests()
    {
        File.WriteAllText(_folder["devices.csv"], "Device Serial Number,Windows Product ID,Hardware Hash\r\nSN1,,\r\n");
        File.WriteAllText(_folder["other.csv"], "Name,Value\r\na,b\r\n");
    }

    public void Dispose() => _folder.Dispose();

    /// <summary>The export options (file names are the scratch folder's) and what the one error line says.</summary>
    [Theory]
    [InlineData("--reupload-from devices.csv", "pcbatch: error: --reupload-from and --reupload-csv go together: the file the batch was uploaded from, and the file to write. Run 'pcbatch status --help' for usage.")]
    [InlineData("--reupload-from devices.csv --reupload-csv devices.csv", "pcbatch: error: --reupload-csv must not be the original upload file")]
    [InlineData("--failed-csv out.csv --reupload-from devices.csv --reupload-csv out.csv", "pcbatch: error: --failed-csv and --reupload-csv must be different files.")]
    [InlineData("--reupload-from missing.csv --reupload-csv again.csv", "pcbatch: error: --reupload-from '", "cannot be read")]
    [InlineData("--reupload-from other.csv --reupload-csv again.csv", "pcbatch: error: --reupload-from '", "its header names neither 'Device Serial Number' nor 'Windows Product ID'")]
    [InlineData("--failed-csv no-such-folder/failed.csv", "pcbatch: error: --failed-csv '", "its folder does not exist. Run 'pcbatch status --help' for usage.")]
    public async Task ExportOptionsThatCannotBeUsed_Usage_NothingCalled(string options, string start, string? contains = null)
    {
        using var factory = FakeServiceFactory.Refusing();
        string[] args = [.. options.Split(' ').Select(arg => arg.StartsWith("--", StringComparison.Ordinal) ? arg : _folder[arg])];

        var run = await CliRun.RunAsync(factory, TestIds.AppOnlyVariables(), ["status", TestIds.Customer, TestIds.DocumentedBatch, .. args]);

        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.Empty(run.Output);
        Assert.Empty(factory.Requests);
        var line = Assert.Single(run.ErrorLines);
        Assert.StartsWith(start, line, StringComparison.Ordinal);
        Assert.Contains(contains ?? start, line, StringComparison.Ordinal);
    }
}
