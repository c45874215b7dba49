namespace PartnerCenter.BatchStatus.Cli.Exports;

/// <summary>
/// Which regular files the process's standard output and error go to (<c>&gt; report.txt</c>), so that no export
/// replaces the report being written: renaming a file over it would leave the report in a file no longer there.
/// </summary>
internal static class StandardStreams
{
    /// <summary>Tells which standard stream goes to the file, if one does.</summary>
    /// <param name="file">The file's identity.</param>
    /// <returns><c>standard output</c>, <c>error stream</c>, or <see langword="null"/>.</returns>
    public static string? Name(FileIdentity file)
    {
        if (!OperatingSystem.IsLinux())
        {
            return null;
        }

        if (FileIdentity.Of("/proc/self/fd/1") == file)
        {
            return "standard output";
        }

        return FileIdentity.Of("/proc/self/fd/2") == file ? "error stream" : null;
    }
}
