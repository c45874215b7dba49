namespace PartnerCenter.BatchStatus.Cli.Tests.Support;

/// <summary>Finds files of the repository, so tests read the very files the product and its documentation are made of.</summary>
internal static class RepositoryFiles
{
    private static readonly Lazy<string> RootDirectory = new(() =>
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "BatchStatusClient.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("The repository root (the folder of BatchStatusClient.sln) was not found above " + AppContext.BaseDirectory);
    });

    public static string Root => RootDirectory.Value;

    public static string Readme => Path.Combine(Root, "README.md");
}

/// <summary>
/// A folder of its own for one test's files, under the test's build output inside the repository (never the
/// machine's temporary folder), removed afterwards.
/// </summary>
internal sealed class ScratchFolder : IDisposable
{
    public ScratchFolder() => Directory.CreateDirectory(Root);

    public string Root { get; } = Path.Combine(AppContext.BaseDirectory, "scratch", Guid.NewGuid().ToString("N"));

    public string this[string name] => Path.Combine(Root, name);

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // Left for the next clean: a file still open elsewhere does not fail the test.
        }
    }
}
