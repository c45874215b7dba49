namespace PartnerCenter.BatchStatus.TestSupport;

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

    public static string Contract => Path.Combine(Root, "openapi", "partner-center-batch-status.yaml");

    public static string DocumentedSample => Path.Combine(Root, "openapi", "examples", "batch-upload-details.sample.json");

    public static string ReadDocumentedSample() => File.ReadAllText(DocumentedSample);

    /// <summary>README.md, the pages of docs/ and the packages' READMEs.</summary>
    public static IEnumerable<string> Documents() =>
        new[] { Readme }
            .Concat(Directory.EnumerateFiles(Path.Combine(Root, "docs"), "*.md").Order(StringComparer.Ordinal))
            .Concat(Directory.EnumerateDirectories(Path.Combine(Root, "src")).Order(StringComparer.Ordinal)
                .Select(project => Path.Combine(project, "README.md"))
                .Where(File.Exists));
}
