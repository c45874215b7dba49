using System.Globalization;
using System.Text.RegularExpressions;
using PartnerCenter.BatchStatus.Cli.Tests.Support;

namespace PartnerCenter.BatchStatus.Cli.Tests.Readme;

/// <summary>
/// The repository's README starts with the tool's main command (CI runs it); the tool's own README shows what the tool
/// prints for it and for its other examples, its exit codes and its error lines, as the tool does.
/// </summary>
public partial class ReadmeTests
{
    private const string MainCommand = "dotnet run --project src/PartnerCenter.BatchStatus.Cli -- status --demo --wait";

    private static readonly Lazy<string[]> ReadmeLines = new(() => File.ReadAllLines(Path.Combine(RepositoryFiles.Root, "src", "PartnerCenter.BatchStatus.Cli", "README.md")));

    [Fact]
    public void Readme_Start_TheMainCommandThenTheTestCommand()
    {
        var firstBlock = CodeBlocks(File.ReadAllLines(RepositoryFiles.Readme)).First();

        Assert.Equal("bash", firstBlock.Language);
        Assert.Equal([MainCommand, "dotnet test BatchStatusClient.sln"], firstBlock.Lines);
        Assert.True(File.Exists(Path.Combine(RepositoryFiles.Root, "src", "PartnerCenter.BatchStatus.Cli", "PartnerCenter.BatchStatus.Cli.csproj")));
    }

    [Fact]
    public async Task Readme_MainCommandOutput_WhatTheToolPrints()
    {
        var example = CodeBlocks().First(block => block.Language == "text").Lines;
        var run = await CliRun.RunAsync(null, null, MainCommand.Split(" -- ")[1].Split(' '));

        Assert.Equal(ExitCodes.DevicesFailed, run.ExitCode);
        var output = run.ErrorLines.Concat(run.OutputLines).Select(WithoutVaryingValues).ToArray();
        Assert.Equal(example.Select(WithoutVaryingValues).Where(line => line.Length > 0), output.Where(line => line.Length > 0));
        Assert.Contains(example, line => line.StartsWith("1234567890 ", StringComparison.Ordinal) && line.Contains("  808  ", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Readme_ExportExample_WhatTheToolPrintsAndWrites()
    {
        var blocks = CodeBlocks().ToArray();
        var commandIndex = Array.FindIndex(blocks, block => block.Language == "bash" && block.Lines.Any(line => line.Contains("--reupload-csv", StringComparison.Ordinal)));
        Assert.True(commandIndex >= 0, "The README's export example was not found.");
        var command = Assert.Single(blocks[commandIndex].Lines).Split(' ');
        var (printed, reupload, failed) = (blocks[commandIndex + 1], blocks[commandIndex + 2], blocks[commandIndex + 3]);
        Assert.Equal(("text", "csv", "csv"), (printed.Language, reupload.Language, failed.Language));

        // The example runs from the repository's root; its files go to a folder of the test's own.
        using var folder = new ScratchFolder();
        var original = command[Array.IndexOf(command, "--reupload-from") + 1];
        var outputs = new[] { "--failed-csv", "--reupload-csv" }.Select(option => command[Array.IndexOf(command, option) + 1]).ToArray();
        var args = command.Skip(1)
            .Select(arg => arg == original ? Path.Combine(RepositoryFiles.Root, original) : outputs.Contains(arg) ? folder[arg] : arg)
            .ToArray();

        var run = await CliRun.RunAsync(null, null, args);

        Assert.Equal(ExitCodes.DevicesFailed, run.ExitCode);
        var tail = run.OutputLines[^printed.Lines.Length..]
            .Select(line => line.Replace(Path.Combine(RepositoryFiles.Root, original), original, StringComparison.Ordinal).Replace(folder.Root + Path.DirectorySeparatorChar, string.Empty, StringComparison.Ordinal));
        Assert.Equal(printed.Lines, tail);
        Assert.Equal(reupload.Lines, File.ReadAllLines(folder["reupload.csv"]));
        Assert.Equal(failed.Lines, File.ReadAllLines(folder["failed.csv"]).Take(failed.Lines.Length));
    }

    [Fact]
    public void Readme_ExitCodesTable_TheToolsExitCodes()
    {
        var rows = ReadmeLines.Value
            .SkipWhile(line => line != "| code | meaning |")
            .Skip(2)
            .TakeWhile(line => line.StartsWith('|'))
            .Select(line => line.Trim('|').Split('|', 2).Select(cell => cell.Trim()).ToArray())
            .Select(cells => (int.Parse(cells[0], CultureInfo.InvariantCulture), cells[1]));

        Assert.Equal(ExitCodes.Table, rows);
    }

    [Fact]
    public async Task Readme_UsageErrorExample_WhatTheToolPrints()
    {
        var example = ReadmeLines.Value.Single(line => line.StartsWith("pcbatch: error: The customer id '", StringComparison.Ordinal));

        var run = await CliRun.RunAsync(FakeServiceFactory.Refusing(), null, "status", "47021739-3426-40bf-9601", "0127ed8e-ff72-4983-a3d8-e8d8bd378932");

        Assert.Equal(example, Assert.Single(run.ErrorLines));
    }

    [Fact]
    public async Task Readme_SignInFailureExample_WhatTheToolPrintsForAWrongSecret()
    {
        var example = ReadmeLines.Value.Single(line => line.StartsWith("pcbatch: error: Sign-in failed with ClientSecretCredential: AADSTS", StringComparison.Ordinal));
        await using var entra = await FakeTokenEndpoint.StartAsync(TokenAnswer.InvalidClient);
        var variables = new Dictionary<string, string>
        {
            ["AZURE_TENANT_ID"] = "9a8b7c6d-5e4f-4a3b-9c2d-1e0f9a8b7c6d",
            ["AZURE_CLIENT_ID"] = "00000000-0000-0000-0000-000000000001",
            ["AZURE_CLIENT_SECRET"] = "a-wrong-secret",
        };

        // Partner Center is never called: the endpoint is a loopback port nobody answers on.
        var run = await CliRun.RunWithAuthorityAsync(entra.AuthorityHost, entra.TrustingTransport(), variables, "status", "47021739-3426-40bf-9601-61b4b6d7c793", "0127ed8e-ff72-4983-a3d8-e8d8bd378932", "--endpoint", "http://127.0.0.1:9/");

        Assert.Equal(ExitCodes.SignInFailed, run.ExitCode);
        Assert.Equal(example, Assert.Single(run.ErrorLines));
    }

    [Fact]
    public async Task Readme_NotFoundExample_ShapeOfWhatTheToolPrints()
    {
        var example = ReadmeLines.Value.Single(line => line.StartsWith("pcbatch: error: Partner Center answered 404", StringComparison.Ordinal));

        var run = await CliRun.RunAsync(null, null, "status", "--demo", "47021739-3426-40bf-9601-61b4b6d7c793", "8a1f6d2e-3b4c-4d5e-9f60-718293a4b5c6");

        Assert.Equal(ExitCodes.ServiceError, run.ExitCode);
        Assert.Equal(WithoutVaryingValues(example), WithoutVaryingValues(Assert.Single(run.ErrorLines)));
    }

    [Fact]
    public async Task Readme_WatchExample_WhatTheToolPrints()
    {
        var blocks = CodeBlocks().ToArray();
        var commandIndex = Array.FindIndex(blocks, block => block.Language == "bash" && block.Lines is ["pcbatch watch --demo"]);
        Assert.True(commandIndex >= 0, "The README's watch example was not found.");
        var printed = blocks[commandIndex + 1];
        Assert.Equal("text", printed.Language);

        var run = await CliRun.RunAsync(null, null, "watch", "--demo");

        Assert.Equal(ExitCodes.ServiceError, run.ExitCode);
        Assert.Equal(printed.Lines.Where(line => line.Length > 0).Select(WithoutVaryingValues), run.OutputLines.Select(WithoutVaryingValues));
    }

    /// <summary>Blanks what differs from run to run: times, and request and correlation ids.</summary>
    private static string WithoutVaryingValues(string line)
    {
        line = ElapsedPattern().Replace(line, "after _ s");
        line = DateTimePattern().Replace(line, "_");
        line = DurationPattern().Replace(line, "(_ after the start)");
        return IdsPattern().Replace(line, "${name} _");
    }

    private static IEnumerable<(string Language, string[] Lines)> CodeBlocks() => CodeBlocks(ReadmeLines.Value);

    private static IEnumerable<(string Language, string[] Lines)> CodeBlocks(string[] lines)
    {
        for (var i = 0; i < lines.Length; i++)
        {
            if (lines[i].StartsWith("```", StringComparison.Ordinal) && lines[i].Length > 3)
            {
                var body = lines.Skip(i + 1).TakeWhile(line => line != "```").ToArray();
                yield return (lines[i][3..], body);
                i += body.Length + 1;
            }
        }
    }

    [GeneratedRegex(@"after [0-9.]+ s")]
    private static partial Regex ElapsedPattern();

    [GeneratedRegex(@"\d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC")]
    private static partial Regex DateTimePattern();

    [GeneratedRegex(@"\([0-9.]+ s after the start\)")]
    private static partial Regex DurationPattern();

    [GeneratedRegex(@"(?<name>Request id:?|correlation id:?)\s+[0-9a-f-]{36}", RegexOptions.IgnoreCase)]
    private static partial Regex IdsPattern();
}
