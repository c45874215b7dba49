using System.Text;
using PartnerCenter.BatchStatus.Cli.Exports;
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
    private readonly ScratchFolder _scratch = new();

    public ExportFileTests() => File.WriteAllText(_scratch["orig.csv"], Original);

    public void Dispose() => _scratch.Dispose();

    /// <summary>
    /// Each way an export could replace an input or the other export, or could not be a file: the setup (a link to the
    /// original, a folder, a named pipe), the export options (<c>{link}</c> is the setup's path to the original), the reason.
    /// </summary>
    [Theory]
    [InlineData("", "--failed-csv orig.csv --reupload-from orig.csv --reupload-csv new.csv", "--failed-csv must not be the original upload file (--reupload-from), by any path or link to it")]
    [InlineData("hard link", "--reupload-from orig.csv --reupload-csv {link}", "--reupload-csv must not be the original upload file (--reupload-from), by any path or link to it")]
    [InlineData("symbolic link", "--reupload-from orig.csv --reupload-csv {link}", "--reupload-csv must not be the original upload file (--reupload-from), by any path or link to it")]
    [InlineData("/proc/self/cwd", "--reupload-from orig.csv --reupload-csv {link}", "--reupload-csv must not be the original upload file (--reupload-from), by any path or link to it")]
    [InlineData("hard link", "--failed-csv {link} --reupload-from orig.csv --reupload-csv again.csv", "--failed-csv must not be the original upload file")]
    [InlineData("symbolic link", "--failed-csv {link} --reupload-from orig.csv --reupload-csv again.csv", "--failed-csv must not be the original upload file")]
    [InlineData("/proc/self/cwd", "--failed-csv {link} --reupload-from orig.csv --reupload-csv again.csv", "--failed-csv must not be the original upload file")]
    [InlineData("out.csv and a link to it", "--failed-csv out.csv --reupload-from orig.csv --reupload-csv out-link.csv", "--failed-csv and --reupload-csv must be different files.")]
    [InlineData("folder sub", "--failed-csv new.csv --reupload-from orig.csv --reupload-csv /proc/self/cwd/sub/../new.csv", "--failed-csv and --reupload-csv must be different files.")]
    [InlineData("", "--failed-csv /dev/fd/1", "--failed-csv '/dev/fd/1' is not a regular file")]
    [InlineData("", "--failed-csv /dev/stdout", "--failed-csv '/dev/stdout' is not a regular file")]
    [InlineData("", "--failed-csv failed.csv/", "--failed-csv needs a file name, such as --failed-csv devices.csv.")]
    [InlineData("", "--failed-csv orig.csv/", "--failed-csv needs a file name, such as --failed-csv devices.csv.")]
    [InlineData("", "--failed-csv -", "--failed-csv needs a file name, such as --failed-csv devices.csv.")]
    [InlineData("", "--reupload-from orig.csv --reupload-csv -", "--reupload-csv needs a file name, such as --reupload-csv devices.csv.")]
    [InlineData("folder uploads", "--reupload-from uploads --reupload-csv again.csv", "--reupload-from 'uploads' is a folder: name the upload file the batch was made from.")]
    [InlineData("named pipe", "--failed-csv pipe.csv", "--failed-csv 'pipe.csv' is not a regular file")]
    public async Task ExportThatWouldReplaceAnInputOrCannotBeAFile_Usage_NothingWrittenAnywhere(string setup, string exportArgs, string reason)
    {
        var link = Arrange(setup);
        var before = Snapshot();

        var run = await Demo(exportArgs.Replace("{link}", link, StringComparison.Ordinal).Split(' '));

        Assert.True(run.ExitCode == ExitCodes.Usage, $"{ToolProcess.Description}\n{run}");
        Assert.Contains(reason, Assert.Single(run.ErrorLines), StringComparison.Ordinal);

        // Refused before the report: nothing was read from the service, nothing written, created or replaced anywhere.
        Assert.Empty(run.Output);
        Assert.Equal(before, Snapshot());
        Assert.Equal(Encoding.UTF8.GetBytes(Original), File.ReadAllBytes(_scratch["orig.csv"]));
    }

    [Theory]
    [InlineData("> report.txt", "/dev/fd/1", "standard output")]
    [InlineData("> report.txt", "report.txt", "standard output")]
    [InlineData("2> report.txt", "/dev/stderr", "error stream")]
    public async Task ExportIsTheFileTheReportGoesTo_Usage_TheReportFileKept(string redirection, string path, string stream)
    {
        var run = await ToolProcess.RunRedirectedAsync(redirection, _scratch.Root, "status", "--demo", "--failed-csv", path);

        // Renaming the export over it would leave the report in a file no longer there, and the CSV in its place.
        Assert.True(run.ExitCode == ExitCodes.Usage, $"{ToolProcess.Description}\n{run}");
        var report = File.ReadAllText(_scratch["report.txt"]);
        var error = stream == "error stream" ? report : run.Error;
        Assert.Contains($"--failed-csv '{path}' is the file the tool's {stream} goes to: name another file.", error, StringComparison.Ordinal);
        Assert.DoesNotContain("Serial number,", report, StringComparison.Ordinal);
        AssertNoTemporaryFile(_scratch.Root);
    }

    /// <summary>
    /// An input that never ends or is far larger than any upload or list (an endless device, a sparse file of 200 MiB, a
    /// folder) is refused with its bound, before it fills the memory; the tool's own process runs out of none.
    /// </summary>
    [Theory]
    [InlineData("status --demo --reupload-from /dev/zero --reupload-csv again.csv", "--reupload-from '/dev/zero': it is larger than 128 MiB: it is not a device upload file.")]
    [InlineData("status --demo --reupload-from sparse.csv --reupload-csv again.csv", "--reupload-from 'sparse.csv': it is larger than 128 MiB: it is not a device upload file.")]
    [InlineData("watch --demo /dev/zero", "The list '/dev/zero' is longer than 16 Mi characters: it is not a list of batches.")]
    [InlineData("watch --demo sparse.csv", "The list 'sparse.csv' is longer than 16 Mi characters: it is not a list of batches.")]
    [InlineData("watch --demo uploads", "The list 'uploads' is a folder: name the file that lists the batches.")]
    public async Task EndlessHugeOrFolderInput_Usage_RefusedWithItsBound(string args, string reason)
    {
        using (var sparse = File.Create(_scratch["sparse.csv"]))
        {
            sparse.SetLength(200L * 1024 * 1024);
        }

        Directory.CreateDirectory(_scratch["uploads"]);

        var run = await ToolProcess.RunAsync(new Dictionary<string, string>(), input: null, workingDirectory: _scratch.Root, args.Split(' '));

        Assert.True(run.ExitCode == ExitCodes.Usage, $"{ToolProcess.Description}\n{run}");
        Assert.Contains(reason, Assert.Single(run.ErrorLines), StringComparison.Ordinal);
        Assert.False(File.Exists(_scratch["again.csv"]));
    }

    [Fact]
    public async Task WatchExportIsTheFileTheListIsReadFrom_Usage_TheListKept()
    {
        const string List = "47021739-3426-40bf-9601-61b4b6d7c793,0127ed8e-ff72-4983-a3d8-e8d8bd378932\n";
        File.WriteAllText(_scratch["list.txt"], List);

        var run = await ToolProcess.RunRedirectedAsync("< list.txt", _scratch.Root, "watch", "-", "--demo", "--failed-csv", "list.txt");

        Assert.True(run.ExitCode == ExitCodes.Usage, $"{ToolProcess.Description}\n{run}");
        Assert.Contains("--failed-csv 'list.txt' is the file the tool's standard input reads: name another file.", Assert.Single(run.ErrorLines), StringComparison.Ordinal);
        Assert.Equal(List, File.ReadAllText(_scratch["list.txt"]));
        AssertNoTemporaryFile(_scratch.Root);
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

    private string Arrange(string setup)
    {
        switch (setup)
        {
            case "hard link":
                Posix.HardLink(_scratch["orig.csv"], _scratch["hard-orig.csv"]);
                return "hard-orig.csv";
            case "symbolic link":
                File.CreateSymbolicLink(_scratch["soft-orig.csv"], _scratch["orig.csv"]);
                return "soft-orig.csv";
            case "out.csv and a link to it":
                File.WriteAllText(_scratch["out.csv"], "old");
                File.CreateSymbolicLink(_scratch["out-link.csv"], _scratch["out.csv"]);
                break;
            case "named pipe":
                Posix.Fifo(_scratch["pipe.csv"]);
                break;
            case var folder when folder.StartsWith("folder ", StringComparison.Ordinal):
                Directory.CreateDirectory(_scratch[folder["folder ".Length..]]);
                break;
        }

        return "/proc/self/cwd/orig.csv";
    }

    /// <summary>Every entry of the scratch folder, with the content of each regular file.</summary>
    private string Snapshot() => string.Join('\n', Directory.GetFileSystemEntries(_scratch.Root, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal)
        .Select(path => path + ": " + (Directory.Exists(path) ? "folder" : FileIdentity.Of(path)?.IsRegularFile == true ? File.ReadAllText(path) : "not a regular file")));

    private Task<CliRun> Demo(params string[] exportArgs) =>
        ToolProcess.RunAsync(new Dictionary<string, string>(), input: null, workingDirectory: _scratch.Root, ["status", "--demo", .. exportArgs]);

    internal static void AssertNoTemporaryFile(string folder) =>
        Assert.Empty(Directory.GetFiles(folder, "*.pcbatch-tmp", SearchOption.AllDirectories));
}
