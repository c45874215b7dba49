using System.Collections;
using System.Globalization;
using System.Reflection;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using PartnerCenter.BatchStatus;
using Xunit;

namespace Contoso.Onboarding;

/// <summary>
/// The figures the documents quote that are not a snippet's output: the packages' version, and the defaults tables of
/// the options, read from the pages and compared with the code. A change of either fails here until the page follows.
/// </summary>
public sealed partial class DocumentedFiguresTests
{
    [Fact]
    public void Versions_EveryPackageCommand_TheVersionOfTheBuild()
    {
        var version = XDocument.Load(Path.Combine(RepositoryFiles.Root, "Directory.Build.props"))
            .Descendants("VersionPrefix").Single().Value;
        var commands = RepositoryFiles.Documents()
            .SelectMany(path => PackageVersion().Matches(File.ReadAllText(path)).Select(match => (Path.GetFileName(path), match.Value, match.Groups["version"].Value)))
            .ToList();

        Assert.NotEmpty(commands);
        Assert.All(commands, command => Assert.True(command.Item3 == version, $"{command.Item1}: '{command.Item2}' is not version {version}."));
    }

    [Fact]
    public void ClientOptionsTable_EveryDefault_ThatOfNewOptions() =>
        AssertDefaults(Path.Combine("docs", "client.md"), new BatchStatusClientOptions(), expectedRows: 17);

    [Fact]
    public void WaitOptionsTable_EveryDefault_ThatOfNewOptions() =>
        AssertDefaults(Path.Combine("docs", "waiting.md"), new BatchWaitOptions(), expectedRows: 6);

    private static void AssertDefaults(string page, object options, int expectedRows)
    {
        var rows = File.ReadAllLines(Path.Combine(RepositoryFiles.Root, page))
            .SkipWhile(line => !line.StartsWith("| option | default |", StringComparison.Ordinal))
            .Skip(2)
            .TakeWhile(line => line.StartsWith('|'))
            .Select(line => line.Trim('|').Split('|').Select(cell => cell.Trim()).ToArray())
            .ToList();

        Assert.Equal(expectedRows, rows.Count);
        foreach (var row in rows)
        {
            var names = row[0].Split(" / ");
            var values = row[1].Split(" / ");
            Assert.Equal(names.Length, values.Length);
            for (var i = 0; i < names.Length; i++)
            {
                var actual = Read(options, names[i].Trim('`'));
                Assert.True(Matches(values[i], actual), $"{page}: {names[i]} is documented as '{values[i]}' but is {Describe(actual)}.");
            }
        }
    }

    private static object? Read(object target, string path)
    {
        object? value = target;
        foreach (var name in path.Split('.'))
        {
            var property = value!.GetType().GetProperty(name, BindingFlags.Public | BindingFlags.Instance);
            Assert.True(property is not null, $"{target.GetType().Name} has no property {path}.");
            value = property.GetValue(value);
        }

        return value;
    }

    /// <summary>Reads a documented default: <c>none</c>, <c>a `Type`</c> (nothing set: the client's own), a number with its unit, or a value in backticks.</summary>
    private static bool Matches(string documented, object? actual)
    {
        if (documented == "none" || documented.StartsWith("a `", StringComparison.Ordinal))
        {
            return actual is null;
        }

        if (documented == "`TimeProvider.System`")
        {
            return ReferenceEquals(actual, TimeProvider.System);
        }

        if (Figure().Match(documented) is { Success: true } figure)
        {
            var number = double.Parse(figure.Groups["number"].Value, CultureInfo.InvariantCulture);
            return figure.Groups["unit"].Value switch
            {
                "s" => actual is TimeSpan span && span == TimeSpan.FromSeconds(number),
                "min" => actual is TimeSpan span && span == TimeSpan.FromMinutes(number),
                "MiB" => Convert.ToDouble(actual, CultureInfo.InvariantCulture) == number * 1024 * 1024,
                _ => Convert.ToDouble(actual, CultureInfo.InvariantCulture) == number,
            };
        }

        var text = documented.Trim('`');
        return actual switch
        {
            bool flag => text == (flag ? "true" : "false"),
            IEnumerable list and not string => string.Join(", ", list.Cast<object>()) == text,
            _ => Convert.ToString(actual, CultureInfo.InvariantCulture) == text,
        };
    }

    private static string Describe(object? value) =>
        value is IEnumerable list and not string ? string.Join(", ", list.Cast<object>()) : Convert.ToString(value, CultureInfo.InvariantCulture) ?? "null";

    [GeneratedRegex(@"^(?<number>[0-9.]+)(?: (?<unit>s|min|MiB))?$")]
    private static partial Regex Figure();

    [GeneratedRegex(@"PartnerCenter\.BatchStatus[\w.]* --version (?<version>[0-9A-Za-z.+-]+)")]
    private static partial Regex PackageVersion();
}
