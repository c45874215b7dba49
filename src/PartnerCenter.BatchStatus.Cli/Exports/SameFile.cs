namespace PartnerCenter.BatchStatus.Cli.Exports;

/// <summary>
/// Tells whether two paths name the same file, by the file's identity rather than by the path's text: a hard link, a
/// symbolic link or a <c>/proc/self/cwd/…</c> path to a file is that file. A file that does not exist yet is the same
/// as another path to be written when both name the same entry of the same folder.
/// </summary>
internal sealed class SameFile
{
    private static readonly StringComparison NameComparison =
        OperatingSystem.IsWindows() || OperatingSystem.IsMacOS() ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;

    private readonly FileIdentity? _file;
    private readonly FileIdentity? _folder;
    private readonly string _name;
    private readonly string _resolved;
    private readonly bool _exists;

    private SameFile(string path)
    {
        var target = ExportFile.TargetOf(path);
        _exists = File.Exists(target) || Directory.Exists(target);
        _file = _exists ? FileIdentity.Of(target) : null;
        _folder = FileIdentity.Of(Path.GetDirectoryName(target) ?? ".");
        _name = Path.GetFileName(target);
        _resolved = FileIdentity.ResolvedPath(target);
    }

    /// <summary>Reads what a path names, to compare it with others.</summary>
    /// <param name="path">The path as given.</param>
    /// <returns>The key.</returns>
    public static SameFile Key(string path) => new(path);

    /// <summary>Tells whether both name the same file.</summary>
    /// <param name="other">The other path's key.</param>
    /// <returns><see langword="true"/> when they are the same file, or would be once written.</returns>
    public bool IsSameAs(SameFile other)
    {
        if (_exists != other._exists)
        {
            return false;
        }

        if (_exists && _file is { } file && other._file is { } otherFile)
        {
            return file == otherFile;
        }

        if (!_exists && _folder is { } folder && other._folder is { } otherFolder)
        {
            return folder == otherFolder && string.Equals(_name, other._name, NameComparison);
        }

        return string.Equals(_resolved, other._resolved, NameComparison);
    }
}
