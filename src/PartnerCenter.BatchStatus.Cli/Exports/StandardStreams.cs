namespace PartnerCenter.BatchStatus.Cli.Exports;

/// <summary>
/// Which regular files the process's standard streams are (<c>&gt; report.txt</c>, <c>&lt; list.txt</c>), so that no
/// export replaces the report being written, nor the list being read: renaming a file over it would leave the report in
/// a file no longer there, or the list lost.
/// </summary>
internal static class StandardStreams
{
    /// <summary>Tells which standard stream is the file, if one is.</summary>
    /// <param name="file">The file's identity.</param>
    /// <param name="withInput">Whether the standard input counts: the run reads it.</param>
    /// <returns><c>standard output goes to</c>, <c>error stream goes to</c>, <c>standard input reads</c>, or <see langword="null"/>.</returns>
    public static string? Name(FileIdentity file, bool withInput)
    {
        if (!OperatingSystem.IsLinux())
        {
            return null;
        }

        if (FileIdentity.Of("/proc/self/fd/1") == file)
        {
            return "standard output goes to";
        }

        if (FileIdentity.Of("/proc/self/fd/2") == file)
        {
            return "error stream goes to";
        }

        return withInput && FileIdentity.Of("/proc/self/fd/0") == file ? "standard input reads" : null;
    }
}
