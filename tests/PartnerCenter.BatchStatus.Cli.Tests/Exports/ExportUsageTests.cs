using PartnerCenter.BatchStatus.Cli.Tests.Support;

namespace PartnerCenter.BatchStatus.Cli.Tests.Exports;

/// <summary>Export options that do not combine, or files that cannot be used, stop the tool before it calls Partner Center.</summary>
public sealed class ExportUsageTests : IDisposable
{
    private readonly ScratchFolder _folder = new();

    public ExportUsageTests() => File.WriteAllText(_folder["devices.csv"], "Device Serial Number,Windows Product ID,Hardware Hash\r\nSN1,,\r\n");

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task ReuploadFromWithoutReuploadCsv_Usage()
    {
        var run = await Run("--reupload-from", _folder["devices.csv"]);

        Assert.Equal("pcbatch: error: --reupload-from and --reupload-csv go together: the file the batch was uploaded from, and the file to write. Run 'pcbatch status --help' for usage.", Assert.Single(run.ErrorLines));
    }

    [Fact]
    public async Task ReuploadCsvIsTheOriginal_Usage()
    {
        var run = await Run("--reupload-from", _folder["devices.csv"], "--reupload-csv", _folder["devices.csv"]);

        Assert.StartsWith("pcbatch: error: --reupload-csv must not be the original upload file", Assert.Single(run.ErrorLines), StringComparison.Ordinal);
    }

    [Fact]
    public async Task SameFileForBothExports_Usage()
    {
        var run = await Run("--failed-csv", _folder["out.csv"], "--reupload-from", _folder["devices.csv"], "--reupload-csv", _folder["out.csv"]);

        Assert.StartsWith("pcbatch: error: --failed-csv and --reupload-csv must be different files.", Assert.Single(run.ErrorLines), StringComparison.Ordinal);
    }

    [Fact]
    public async Task MissingOriginal_Usage()
    {
        var run = await Run("--reupload-from", _folder["missing.csv"], "--reupload-csv", _folder["again.csv"]);

        Assert.StartsWith("pcbatch: error: --reupload-from '", Assert.Single(run.ErrorLines), StringComparison.Ordinal);
        Assert.Contains("cannot be read", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OriginalNotAnUploadFile_Usage()
    {
        File.WriteAllText(_folder["other.csv"], "Name,Value\r\na,b\r\n");

        var run = await Run("--reupload-from", _folder["other.csv"], "--reupload-csv", _folder["again.csv"]);

        Assert.Contains("its header names neither 'Device Serial Number' nor 'Windows Product ID'", Assert.Single(run.ErrorLines), StringComparison.Ordinal);
    }

    [Fact]
    public async Task FolderOfTheExportMissing_Usage()
    {
        var run = await Run("--failed-csv", Path.Combine(_folder.Root, "no such folder", "failed.csv"));

        Assert.EndsWith("its folder does not exist. Run 'pcbatch status --help' for usage.", Assert.Single(run.ErrorLines), StringComparison.Ordinal);
    }

    private static async Task<CliRun> Run(params string[] exportArgs)
    {
        // The refusing factory fails the test should the tool call the service despite the mistake.
        var run = await CliRun.RunAsync(new RefusingClientFactory(), TestIds.AppOnlyVariables(), ["status", TestIds.Customer, TestIds.DocumentedBatch, .. exportArgs]);
        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.Empty(run.Output);
        return run;
    }
}
