using System.Text;
using PartnerCenter.BatchStatus.Cli.Tests.Support;

namespace PartnerCenter.BatchStatus.Cli.Tests.OutOfProcess;

/// <summary>
/// The files a partner trusts, with the tool in a process of its own on real files: no export ever replaces an input
/// or the other export, however the path reaches it (a hard link, a symbolic link, <c>/proc/self/cwd</c>), and an
/// export that cannot be a file is refused before anything is written. The demo serves the documented sample, whose
/// device failed.
/// </summary>
[Trait("Category", "OutOfProcess")]
public sealed class ExportFileTests : IDisposable
{
    private const string Original = "Device Serial Number,Windows Product ID,Hardware Hash,Manufacturer name,Device model\r\n1234567890,12345-67890-09876-54321-13579,SGFyZHdhcmUgaGFzaA==,Contoso,Laptop 5\r\n";
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(60);
    private readonly ScratchFolder _scratch = new();

    public ExportFileTests() => File.WriteAllText(_scratch["orig.csv"], Original);

    public void Dispose() => _scratch.Dispose();

    public static TheoryData<string> LinksToTheOriginal => new() { "hard link", "symbolic link", "/proc/self/cwd" };

    [Fact]
    public async Task FailedCsvIsTheOriginalUploadFile_Usage_TheOriginalUntouched()
    {
        var run = await Demo("--failed-csv", "orig.csv", "--reupload-from", "orig.csv", "--reupload-csv", "new.csv");

        AssertRefused(run, "--failed-csv must not be the original upload file (--reupload-from), by any path or link to it");
        Assert.False(File.Exists(_scratch["new.csv"]));
    }

    [Theory]
    [MemberData(nameof(LinksToTheOriginal))]
    public async Task ReuploadCsvReachesTheOriginal_Usage_TheOriginalUntouched(string how)
    {
        var path = How(how, "orig.csv");

        var run = await Demo("--reupload-from", "orig.csv", "--reupload-csv", path);

        AssertRefused(run, "--reupload-csv must not be the original upload file (--reupload-from), by any path or link to it");
    }

    [Theory]
    [MemberData(nameof(LinksToTheOriginal))]
    public async Task FailedCsvReachesTheOriginal_Usage_TheOriginalUntouched(string how)
    {
        var run = await Demo("--failed-csv", How(how, "orig.csv"), "--reupload-from", "orig.csv", "--reupload-csv", "again.csv");

        AssertRefused(run, "--failed-csv must not be the original upload file");
    }

    [Fact]
    public async Task BothExportsTheSameExistingFile_ThroughALink_Usage()
    {
        File.WriteAllText(_scratch["out.csv"], "old");
        File.CreateSymbolicLink(_scratch["out-link.csv"], _scratch["out.csv"]);

        var run = await Demo("--failed-csv", "out.csv", "--reupload-from", "orig.csv", "--reupload-csv", "out-link.csv");

        AssertRefused(run, "--failed-csv and --reupload-csv must be different files.");
        Assert.Equal("old", File.ReadAllText(_scratch["out.csv"]));
    }

    [Fact]
    public async Task BothExportsTheSameNewFile_ByTwoPaths_Usage_NothingWritten()
    {
        Directory.CreateDirectory(_scratch["sub"]);

        var run = await Demo("--failed-csv", "new.csv", "--reupload-from", "orig.csv", "--reupload-csv", "/proc/self/cwd/sub/../new.csv");

        AssertRefused(run, "--failed-csv and --reupload-csv must be different files.");
        Assert.False(File.Exists(_scratch["new.csv"]));
    }

    [Theory]
    [InlineData("/dev/fd/1")]
    [InlineData("/dev/stdout")]
    public async Task ExportIsThePipeOfTheStandardOutput_Usage_NotARegularFile(string path)
    {
        var run = await Demo("--failed-csv", path);

        AssertRefused(run, $"--failed-csv '{path}' is not a regular file");
    }

    [Theory]
    [InlineData("> report.txt", "/dev/fd/1", "standard output")]
    [InlineData("> report.txt", "report.txt", "standard output")]
    [InlineData("2> report.txt", "/dev/stderr", "error stream")]
    public async Task ExportIsTheFileTheReportGoesTo_Usage_TheReportFileKept(string redirection, string path, string stream)
    {
        var run = await ToolProcess.RunRedirectedAsync(redirection, _scratch.Root, Limit, "status", "--demo", "--failed-csv", path);

        // Renaming the export over it would leave the report in a file no longer there, and the CSV in its place.
        Assert.True(run.ExitCode == ExitCodes.Usage, $"{ToolProcess.Description}\n{run}");
        var report = File.ReadAllText(_scratch["report.txt"]);
        var error = stream == "error stream" ? report : run.Error;
        Assert.Contains($"--failed-csv '{path}' is the file the tool's {stream} goes to: name another file.", error, StringComparison.Ordinal);
        Assert.DoesNotContain("Serial number,", report, StringComparison.Ordinal);
        AssertNoTemporaryFile(_scratch.Root);
    }

    [Theory]
    [InlineData("failed.csv/")]
    [InlineData("orig.csv/")]
    public async Task ExportWithATrailingSlash_Usage_NeedsAFileName(string path)
    {
        var run = await Demo("--failed-csv", path);

        AssertRefused(run, "--failed-csv needs a file name, such as --failed-csv devices.csv.");
        Assert.False(Directory.Exists(_scratch["failed.csv"]) || File.Exists(_scratch["failed.csv"]));
    }

    [Fact]
    public async Task ReuploadFromIsAFolder_Usage_SaysSo()
    {
        Directory.CreateDirectory(_scratch["uploads"]);

        var run = await Demo("--reupload-from", "uploads", "--reupload-csv", "again.csv");

        AssertRefused(run, "--reupload-from 'uploads' is a folder: name the upload file the batch was made from.");
        Assert.False(File.Exists(_scratch["again.csv"]));
    }

    [Fact]
    public async Task ExportIsANamedPipe_Usage_NotReplaced()
    {
        Posix.Fifo(_scratch["pipe.csv"]);

        var run = await Demo("--failed-csv", "pipe.csv");

        AssertRefused(run, "--failed-csv 'pipe.csv' is not a regular file");
        Assert.Equal(false, PartnerCenter.BatchStatus.Cli.Exports.FileIdentity.Of(_scratch["pipe.csv"])?.IsRegularFile);
    }

    [Fact]
    public async Task ExportThroughASymbolicLink_TheFileItPointsToReplacedWhole_TheLinkKept()
    {
        Directory.CreateDirectory(_scratch["reports"]);
        File.WriteAllText(_scratch["reports/failed.csv"], "the previous run's content\n");
        File.CreateSymbolicLink(_scratch["latest.csv"], Path.Combine("reports", "failed.csv"));

        var run = await Demo("--failed-csv", "latest.csv", "--reupload-from", "orig.csv", "--reupload-csv", "again.csv");

        Assert.True(run.ExitCode == ExitCodes.DevicesFailed, run.ToString());
        Assert.Equal(Path.Combine("reports", "failed.csv"), new FileInfo(_scratch["latest.csv"]).LinkTarget);
        Assert.StartsWith("Serial number,Product key,", File.ReadAllText(_scratch["reports/failed.csv"]), StringComparison.Ordinal);
        Assert.Equal(Original, File.ReadAllText(_scratch["orig.csv"]));
        AssertNoTemporaryFile(_scratch.Root);
        AssertNoTemporaryFile(_scratch["reports"]);
    }

    private string How(string how, string file)
    {
        switch (how)
        {
            case "hard link":
                Posix.HardLink(_scratch[file], _scratch["hard-" + file]);
                return "hard-" + file;
            case "symbolic link":
                File.CreateSymbolicLink(_scratch["soft-" + file], _scratch[file]);
                return "soft-" + file;
            default:
                return "/proc/self/cwd/" + file;
        }
    }

    private Task<CliRun> Demo(params string[] exportArgs) =>
        ToolProcess.RunAsync(new Dictionary<string, string>(), Limit, input: null, workingDirectory: _scratch.Root, ["status", "--demo", .. exportArgs]);

    private void AssertRefused(CliRun run, string reason)
    {
        Assert.True(run.ExitCode == ExitCodes.Usage, $"{ToolProcess.Description}\n{run}");
        Assert.Contains(reason, Assert.Single(run.ErrorLines), StringComparison.Ordinal);

        // Refused before the report: nothing was read from the service, nothing written anywhere.
        Assert.Empty(run.Output);
        Assert.Equal(Encoding.UTF8.GetBytes(Original), File.ReadAllBytes(_scratch["orig.csv"]));
        AssertNoTemporaryFile(_scratch.Root);
    }

    internal static void AssertNoTemporaryFile(string folder) =>
        Assert.Empty(Directory.GetFiles(folder, "*.pcbatch-tmp", SearchOption.AllDirectories));
}
