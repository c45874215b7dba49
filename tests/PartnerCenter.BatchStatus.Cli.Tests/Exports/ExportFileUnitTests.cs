using System.Text;
using PartnerCenter.BatchStatus.Cli.Commands;
using PartnerCenter.BatchStatus.Cli.Exports;
using PartnerCenter.BatchStatus.Cli.Tests.Support;

namespace PartnerCenter.BatchStatus.Cli.Tests.Exports;

/// <summary>An export appears whole or not at all: written beside its target, renamed over it, or removed.</summary>
public sealed class ExportFileUnitTests : IDisposable
{
    private readonly ScratchFolder _folder = new();

    public ExportFileUnitTests() => File.WriteAllText(_folder["out.csv"], "old");

    public void Dispose() => _folder.Dispose();

    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public void Commit_TheTargetReplacedWhole_ItsPermissionsKept_NoTemporaryFile()
    {
        File.SetUnixFileMode(_folder["out.csv"], UnixFileMode.UserRead | UnixFileMode.UserWrite);
        using var file = ExportFile.Reserve("--failed-csv", _folder["out.csv"]);
        Assert.True(File.Exists(file.TemporaryPath));
        Assert.Equal(_folder.Root, Path.GetDirectoryName(file.TemporaryPath));

        file.Commit(stream => stream.Write(Encoding.UTF8.GetBytes("new")));

        Assert.Equal("new", File.ReadAllText(_folder["out.csv"]));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(_folder["out.csv"]));
        Assert.Empty(Directory.GetFiles(_folder.Root, "*.pcbatch-tmp"));
    }

    [Fact]
    public void WriteFails_TheTemporaryFileRemoved_TheTargetUntouched()
    {
        using (var file = ExportFile.Reserve("--failed-csv", _folder["out.csv"]))
        {
            Assert.Throws<OperationCanceledException>(() => file.Commit(stream =>
            {
                stream.Write(Encoding.UTF8.GetBytes("half"));
                throw new OperationCanceledException();
            }));
        }

        Assert.Equal("old", File.ReadAllText(_folder["out.csv"]));
        Assert.Empty(Directory.GetFiles(_folder.Root, "*.pcbatch-tmp"));
    }

    [Fact]
    public void Abandoned_AWriteThatWasUnderWay_NeverReachesTheTarget()
    {
        // What a second Ctrl+C does to every pending export (ExportFile.AbandonAll, not called here: it would reach the
        // exports of the tests running beside this one).
        using var file = ExportFile.Reserve("--reupload-csv", _folder["out.csv"]);

        file.Abandon();

        Assert.False(File.Exists(file.TemporaryPath));
        Assert.ThrowsAny<IOException>(() => file.Commit(stream => stream.Write(Encoding.UTF8.GetBytes("late"))));
        Assert.Equal("old", File.ReadAllText(_folder["out.csv"]));
        Assert.Empty(Directory.GetFiles(_folder.Root, "*.pcbatch-tmp"));
    }

    [Fact]
    public void Reserve_MissingFolder_UsageNamingTheOption()
    {
        var error = Assert.Throws<CliException>(() => ExportFile.Reserve("--failed-csv", Path.Combine(_folder.Root, "missing", "out.csv")));

        Assert.StartsWith("--failed-csv '", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void SameFile_HardLinkSymbolicLinkAndProcPath_AreTheFile_AnotherFileIsNot()
    {
        Posix.HardLink(_folder["out.csv"], _folder["hard.csv"]);
        File.CreateSymbolicLink(_folder["soft.csv"], _folder["out.csv"]);
        File.WriteAllText(_folder["other.csv"], "old");
        var original = SameFile.Key(_folder["out.csv"]);

        Assert.True(SameFile.Key(_folder["hard.csv"]).IsSameAs(original));
        Assert.True(SameFile.Key(_folder["soft.csv"]).IsSameAs(original));
        Assert.True(SameFile.Key("/proc/self/root" + _folder["out.csv"]).IsSameAs(original));
        Assert.False(SameFile.Key(_folder["other.csv"]).IsSameAs(original));
        Assert.False(SameFile.Key(_folder["new.csv"]).IsSameAs(original));
        Assert.True(SameFile.Key(_folder["new.csv"]).IsSameAs(SameFile.Key(Path.Combine(_folder.Root, ".", "new.csv"))));
    }
}
