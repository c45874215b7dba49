namespace PartnerCenter.BatchStatus.Cli.Tests.Support;

/// <summary>Finds files of the repository, so tests read the very files the product and its documentation are made of.</summary>
internal static class RepositoryFiles
{
    private static readonly Lazy<string> RootDirectory = new(FindRoot);

    public static string Root => RootDirectory.Value;

    public static string DocumentedSample => Path.Combine(Root, "openapi", "examples", "batch-upload-details.sample.json");

    public static string Readme => Path.Combine(Root, "README.md");

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "BatchStatusClient.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("The repository root (the folder of BatchStatusClient.sln) was not found above " + AppContext.BaseDirectory);
    }
}
