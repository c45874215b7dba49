namespace Contoso.Onboarding;

/// <summary>The repository's documents, which the checks of this project read.</summary>
internal static class Repository
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

    /// <summary>README.md, the pages of docs/ and the packages' READMEs.</summary>
    public static IEnumerable<string> Documents() =>
        new[] { Path.Combine(Root, "README.md") }
            .Concat(Directory.EnumerateFiles(Path.Combine(Root, "docs"), "*.md").Order(StringComparer.Ordinal))
            .Concat(Directory.EnumerateDirectories(Path.Combine(Root, "src")).Order(StringComparer.Ordinal)
                .Select(project => Path.Combine(project, "README.md"))
                .Where(File.Exists));
}
