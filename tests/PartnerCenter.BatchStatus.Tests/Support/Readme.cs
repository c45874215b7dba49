using System.Text.RegularExpressions;

namespace PartnerCenter.BatchStatus.Tests.Support;

/// <summary>Reads the repository's README, so tests can keep its code in step with code that compiles and runs.</summary>
internal static partial class Readme
{
    public static string Text() => File.ReadAllText(Path.Combine(RepositoryFiles.Root, "README.md")).ReplaceLineEndings("\n");

    /// <summary>The section under a level-2 heading, up to the next one.</summary>
    public static string Section(string heading)
    {
        var text = Text();
        var start = text.IndexOf("\n## " + heading + "\n", StringComparison.Ordinal);
        Assert.True(start >= 0, $"The README has no '{heading}' section.");
        var end = text.IndexOf("\n## ", start + 1, StringComparison.Ordinal);
        return end < 0 ? text[start..] : text[start..end];
    }

    /// <summary>The bodies of the C# code blocks of some README text.</summary>
    public static IReadOnlyList<string> CSharpBlocks(string markdown) =>
        [.. CSharpBlock().Matches(markdown).Select(match => match.Groups["code"].Value)];

    [GeneratedRegex("```csharp\\n(?<code>.*?)```", RegexOptions.Singleline)]
    private static partial Regex CSharpBlock();
}
