using System.Collections.Concurrent;
using PartnerCenter.BatchStatus.Cli.Commands;

namespace PartnerCenter.BatchStatus.Cli.Exports;

/// <summary>
/// A file the tool writes, which appears whole or not at all: its content goes to a temporary file beside it, made
/// before Partner Center is called (so that a folder that cannot be written to is a usage error before anything is
/// sent), then flushed to disk and renamed over the file. A temporary file not renamed is removed: on failure, on
/// cancellation (Ctrl+C, SIGTERM) and, through <see cref="AbandonAll"/>, when a second Ctrl+C ends the process.
/// </summary>
/// <remarks>
/// A symbolic link as the file is followed: the file it points to is replaced, and the link stays.
/// </remarks>
/// <param name="option">The option that named the file, such as <c>--failed-csv</c>.</param>
/// <param name="path">The path as given.</param>
/// <param name="target">The file that is replaced: the path's full form, its symbolic link followed.</param>
/// <param name="temporaryPath">The temporary file the content goes to first.</param>
/// <param name="temporary">The temporary file, open.</param>
internal sealed class ExportFile(string option, string path, string target, string temporaryPath, FileStream temporary) : IDisposable
{
    private static readonly ConcurrentDictionary<ExportFile, bool> Pending = new();

    private FileStream? _temporary = temporary;
    private bool _committed;

    /// <summary>Gets the option that named the file, such as <c>--failed-csv</c>.</summary>
    public string Option => option;

    /// <summary>Gets the path as given.</summary>
    public string Path => path;

    /// <summary>Gets the temporary file the content goes to first.</summary>
    public string TemporaryPath => temporaryPath;

    /// <summary>Gets the file the path names once its last symbolic link is followed, as a full path.</summary>
    /// <param name="path">The path as given.</param>
    /// <returns>The full path of the file to replace.</returns>
    public static string TargetOf(string path)
    {
        var full = System.IO.Path.GetFullPath(path);
        try
        {
            return File.ResolveLinkTarget(full, returnFinalTarget: true) is { } target ? System.IO.Path.GetFullPath(target.FullName) : full;
        }
        catch (IOException)
        {
            // A loop of links: the rename then fails with the reason, as a usage error.
            return full;
        }
    }

    /// <summary>Makes the temporary file beside the target.</summary>
    /// <param name="option">The option, for messages.</param>
    /// <param name="path">The path as given.</param>
    /// <returns>The file, ready to be written.</returns>
    /// <exception cref="CliException">The folder cannot be written to, or the target is not a regular file.</exception>
    public static ExportFile Reserve(string option, string path)
    {
        var target = TargetOf(path);

        // The path itself too: /dev/stdout or /dev/fd/N of a pipe names no file a link could be followed to.
        if (FileIdentity.Of(path) is { IsRegularFile: false } || FileIdentity.Of(target) is { IsRegularFile: false })
        {
            throw new CliException($"{option} {CommandLineValues.Quote(path)} is not a regular file: name a file to write, such as {option} devices.csv.");
        }

        var folder = System.IO.Path.GetDirectoryName(target) ?? ".";
        var temporaryPath = System.IO.Path.Combine(folder, $".{System.IO.Path.GetFileName(target)}.{Guid.NewGuid():N}.pcbatch-tmp");
        try
        {
            var stream = new FileStream(temporaryPath, FileMode.CreateNew, FileAccess.Write, FileShare.Delete);
            var file = new ExportFile(option, path, target, temporaryPath, stream);
            Pending[file] = true;
            return file;
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            throw new CliException($"{option} {CommandLineValues.Quote(path)} cannot be written: its folder does not let pcbatch make a file there ({error.Message})", error);
        }
    }

    /// <summary>Writes the content to the temporary file, then puts it in place of the target.</summary>
    /// <param name="write">Writes the content; it may throw <see cref="OperationCanceledException"/> between rows.</param>
    /// <exception cref="IOException">The content could not be written or put in place; the target is unchanged.</exception>
    /// <exception cref="UnauthorizedAccessException">The target may not be replaced; it is unchanged.</exception>
    /// <exception cref="OperationCanceledException">The write was cancelled; the target is unchanged.</exception>
    public void Commit(Action<Stream> write)
    {
        var stream = _temporary ?? throw new ObjectDisposedException(nameof(ExportFile));
        write(stream);
        stream.Flush(flushToDisk: true);
        stream.Dispose();
        _temporary = null;
        if (!OperatingSystem.IsWindows() && File.Exists(target))
        {
            // The new content keeps the permissions the file had.
            File.SetUnixFileMode(temporaryPath, File.GetUnixFileMode(target));
        }

        File.Move(temporaryPath, target, overwrite: true);
        _committed = true;
        Pending.TryRemove(this, out _);
    }

    /// <summary>Removes the temporary file unless it was put in place.</summary>
    public void Dispose()
    {
        _temporary?.Dispose();
        _temporary = null;
        Abandon();
    }

    /// <summary>Removes every temporary file not put in place yet: the process is about to end without finishing them.</summary>
    public static void AbandonAll()
    {
        foreach (var file in Pending.Keys)
        {
            file.Abandon();
        }
    }

    /// <summary>Removes the temporary file now, unless it was put in place: a write still under way then fails.</summary>
    public void Abandon()
    {
        if (!Pending.TryRemove(this, out _) || _committed)
        {
            return;
        }

        try
        {
            File.Delete(temporaryPath);
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            // Nothing more to do: the target itself was never touched.
        }
    }
}
