using System.Text.RegularExpressions;
using Xunit;

namespace Contoso.Onboarding;

/// <summary>
/// Every C# block of README.md, docs/*.md and the packages' READMEs is a snippet of this project: marked <c>&lt;!-- snippet: Name --&gt;</c>
/// on the line before it, it shows the code of <c>#region Snippet:Name</c> (modulo indentation), optionally after the
/// using directives of the region's file, exactly as they are there.
/// </summary>
public sealed partial class DocumentedSnippetsTests
{
    public static TheoryData<string> Documents() => [.. DocumentPaths().Select(path => Path.GetRelativePath(RepositoryFiles.Root, path).Replace('\\', '/'))];

    [Theory]
    [MemberData(nameof(Documents))]
    public void CSharpBlocks_OfEachDocument_AreMarkedSnippetsAsCompiledHere(string document)
    {
        var regions = Regions.Value;
        var blocks = CSharpBlocks(File.ReadAllText(Path.Combine(RepositoryFiles.Root, document)).ReplaceLineEndings("\n")).ToList();

        foreach (var (line, name, code) in blocks)
        {
            Assert.True(name is not null, $"{document}:{line}: the C# block is not marked with <!-- snippet: Name --> on the line before it.");
            Assert.True(regions.TryGetValue(name, out var region), $"{document}:{line}: no '#region Snippet:{name}' in the snippets project.");
            Assert.True(
                code == region.Code || code == region.Usings + "\n\n" + region.Code,
                $"{document}:{line}: the block '{name}' differs from its region in {region.File}. The region reads:\n{region.Usings}\n\n{region.Code}");
        }
    }

    [Fact]
    public void Regions_EveryOne_ShownInADocument()
    {
        var shown = DocumentPaths()
            .SelectMany(path => CSharpBlocks(File.ReadAllText(path).ReplaceLineEndings("\n")))
            .Select(block => block.Name)
            .ToHashSet(StringComparer.Ordinal);

        Assert.NotEmpty(Regions.Value.Keys);
        Assert.All(Regions.Value.Keys, name => Assert.True(shown.Contains(name), $"The snippet '{name}' is shown in no document."));
    }

    [Fact]
    public void Readme_GettingStarted_ShowsTheClientAndTheDownstreamTest()
    {
        var names = CSharpBlocks(File.ReadAllText(Path.Combine(RepositoryFiles.Root, "README.md")).ReplaceLineEndings("\n")).Select(block => block.Name).ToList();

        Assert.Contains("CreateClient", names);
        Assert.Contains("DownstreamTest", names);
    }

    private static readonly Lazy<Dictionary<string, (string File, string Usings, string Code)>> Regions = new(ReadRegions);

    private static IEnumerable<string> DocumentPaths() => RepositoryFiles.Documents();

    private static Dictionary<string, (string File, string Usings, string Code)> ReadRegions()
    {
        var project = Path.Combine(RepositoryFiles.Root, "tests", "PartnerCenter.BatchStatus.Snippets");
        var regions = new Dictionary<string, (string, string, string)>(StringComparer.Ordinal);
        foreach (var path in Directory.EnumerateFiles(project, "*.cs").Order(StringComparer.Ordinal))
        {
            var source = File.ReadAllText(path).ReplaceLineEndings("\n");
            var usings = string.Join("\n", source.Split('\n').Where(line => line.StartsWith("using ", StringComparison.Ordinal) && line.EndsWith(';')));
            foreach (Match match in Region().Matches(source))
            {
                Assert.True(
                    regions.TryAdd(match.Groups["name"].Value, (Path.GetFileName(path), usings, Dedent(match.Groups["code"].Value))),
                    $"The snippet '{match.Groups["name"].Value}' is declared twice.");
            }
        }

        return regions;
    }

    private static IEnumerable<(int Line, string? Name, string Code)> CSharpBlocks(string markdown)
    {
        foreach (Match match in CSharpBlock().Matches(markdown))
        {
            var line = markdown.AsSpan(0, match.Index).Count('\n') + 1;
            var name = match.Groups["name"].Success ? match.Groups["name"].Value : null;
            yield return (line, name, Dedent(match.Groups["code"].Value));
        }
    }

    private static string Dedent(string code)
    {
        var lines = code.TrimEnd().Split('\n').SkipWhile(line => line.Trim().Length == 0).ToArray();
        var indent = lines.Where(line => line.Trim().Length > 0).Select(line => line.Length - line.TrimStart().Length).DefaultIfEmpty(0).Min();
        return string.Join("\n", lines.Select(line => line.Length >= indent ? line[indent..].TrimEnd() : line.Trim()));
    }

    [GeneratedRegex(@"^[ \t]*#region Snippet:(?<name>[A-Za-z0-9.]+)[ \t]*\n(?<code>.*?)^[ \t]*#endregion", RegexOptions.Singleline | RegexOptions.Multiline)]
    private static partial Regex Region();

    [GeneratedRegex(@"(?:^<!-- snippet: (?<name>[A-Za-z0-9.]+) -->\n)?^```(?:csharp|cs|c#)[ \t]*\n(?<code>.*?)^```[ \t]*$", RegexOptions.Singleline | RegexOptions.Multiline)]
    private static partial Regex CSharpBlock();
}
