using PartnerCenter.BatchStatus.Cli.Tests.Support;
using PartnerCenter.BatchStatus.Testing;

namespace PartnerCenter.BatchStatus.Cli.Tests.OutOfProcess;

/// <summary>
/// Service values made to attack a terminal or a spreadsheet (escape sequences that clear the screen and set the
/// window title, BEL, a right-to-left override, formulas), with the tool in a process of its own: none reaches the
/// terminal through any output (report, progress lines, error line), and the failed-devices CSV neutralises formulas.
/// </summary>
[Trait("Category", "OutOfProcess")]
public sealed class HostileTextTests : IDisposable
{
    private const string ClearScreenAndTitle = "7\u001b[2J\u001b]0;TITLE\u0007";
    private const string Override = "invoice\u202Egnp.exe\u202C";
    private static readonly Guid Batch = Guid.Parse("6b0d3f4e-0000-4000-8000-0000000badc5");
    private static readonly char[] Forbidden = ['\u001b', '\u0007', '\u009b', '\u202e', '\u202c', '\u2066', '\u200b'];
    private readonly ScratchFolder _scratch = new();

    public void Dispose() => _scratch.Dispose();

    [Fact]
    public async Task HostileValues_NoControlOrBidiCharacterInAnyOutput_FormulasNeutralisedInTheCsv()
    {
        await using var entra = await FakeTokenEndpoint.StartAsync(TokenAnswer.Token);
        await using var partnerCenter = FakePartnerCenter.Start();
        FakeDevice[] devices =
        [
            new("=HYPERLINK(\"http://evil.example\",\"open\")") { Status = "finished_with_errors", ErrorCode = ClearScreenAndTitle, ErrorDescription = Override + " rings\u0007 \u009b31m red" },
            new("+SUM(1,2)") { Status = "finished_with_errors", ErrorCode = "@cmd", ErrorDescription = "-2+3" },
            new("\tTAB-1") { Status = "finished_with_errors\u001b[5m", ErrorCode = "801", ErrorDescription = "zero\u200bwidth \u2066isolate\u2069" },
        ];
        partnerCenter.AddBatch(DocumentedSample.CustomerId, Batch).ThenProcessing(devices).ThenFinishedWithErrors(devices);

        var run = await ToolProcess.RunAsync(
            entra.ProcessVariables(_scratch.Root), input: null, workingDirectory: _scratch.Root,
            "status", TestIds.Customer, Batch.ToString(), "--endpoint", partnerCenter.Endpoint.ToString(), "--wait", "--interval", "10ms", "--failed-csv", "failed.csv");

        Assert.True(run.ExitCode == ExitCodes.DevicesFailed, run.ToString());
        Assert.DoesNotContain(run.All, IsForbidden);

        // Each poll's line names the codes of the failed devices: sanitised, the sequences gone whole.
        var polls = run.ErrorLines.Where(line => line.StartsWith("poll ", StringComparison.Ordinal)).ToArray();
        Assert.Equal(2, polls.Length);
        // (The client's summary has already put a space for each control character of a description.)
        Assert.All(polls, line => Assert.Contains("failed (7 invoicegnp.exe rings 31m red ×1, 801 InvalidZtdRequestBody ×1, @cmd -2+3 ×1)", line, StringComparison.Ordinal));
        Assert.DoesNotContain("[2J", run.All, StringComparison.Ordinal);
        Assert.DoesNotContain("TITLE", run.All, StringComparison.Ordinal);
        Assert.Contains(run.OutputLines, line => line.Contains("invoicegnp.exe rings red", StringComparison.Ordinal));

        var csv = File.ReadAllText(_scratch["failed.csv"]);
        Assert.DoesNotContain(csv, IsForbidden);
        var lines = File.ReadAllLines(_scratch["failed.csv"]);
        Assert.Equal(4, lines.Length);
        Assert.StartsWith("\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"open\"\")\",,,finished_with_errors,7,invoicegnp.exe rings red,", lines[1], StringComparison.Ordinal);
        Assert.StartsWith("\"'+SUM(1,2)\",,,finished_with_errors,\"'@cmd\",\"'-2+3\",", lines[2], StringComparison.Ordinal);
        Assert.StartsWith("TAB-1,,,finished_with_errors,801,zerowidth isolate,", lines[3], StringComparison.Ordinal);
    }

    [Fact]
    public async Task HostileServiceError_TheErrorLineHasNoControlOrBidiCharacter()
    {
        await using var entra = await FakeTokenEndpoint.StartAsync(TokenAnswer.Token);
        await using var partnerCenter = FakePartnerCenter.Start();
        partnerCenter.AddBatch(DocumentedSample.CustomerId, Batch).ThenFail(400, ClearScreenAndTitle, Override + "\u0007\r\nsecond line");

        var run = await ToolProcess.RunAsync(entra.ProcessVariables(_scratch.Root), "status", TestIds.Customer, Batch.ToString(), "--endpoint", partnerCenter.Endpoint.ToString());

        Assert.True(run.ExitCode == ExitCodes.ServiceError, run.ToString());
        var line = Assert.Single(run.ErrorLines);
        Assert.Contains("Error 7: invoicegnp.exe second line.", line, StringComparison.Ordinal);
        Assert.DoesNotContain(run.All, IsForbidden);
    }

    [Theory]
    [InlineData("status", "--json")]
    [InlineData("status", "--wait", "--json")]
    [InlineData("watch", "--json")]
    [InlineData("watch")]
    [InlineData("status", "--wait")]
    public async Task HostileValues_InJsonWatchAndWait_NoControlOrBidiCharacter_TheHugeDescriptionShortenedForPeople(params string[] command)
    {
        await using var entra = await FakeTokenEndpoint.StartAsync(TokenAnswer.Token);
        await using var partnerCenter = FakePartnerCenter.Start();
        var huge = string.Concat(Enumerable.Repeat("e\u0301\u200d\u001b[2J", 100_000));
        FakeDevice[] devices =
        [
            new("SN-\ud800-lone") { Status = "finished_with_errors", ErrorCode = ClearScreenAndTitle, ErrorDescription = Override + huge },
            new("SN-2\u0007") { Status = "finished_with_errors\u009b2J", ErrorCode = "801\udc00", ErrorDescription = "zero\u200bwidth \u2066isolate\u2069" },
        ];
        partnerCenter.AddBatch(DocumentedSample.CustomerId, Batch).ThenProcessing(devices).ThenFinishedWithErrors(devices);
        var endpoint = new[] { "--endpoint", partnerCenter.Endpoint.ToString(), "--interval", "10ms" };
        var input = System.Text.Encoding.UTF8.GetBytes($"{TestIds.Customer},{Batch}\n");
        string[] args = command[0] == "watch"
            ? [.. command, "-", .. endpoint]
            : [command[0], TestIds.Customer, Batch.ToString(), .. command[1..], .. command.Contains("--wait") ? endpoint : endpoint[..2]];

        var run = await ToolProcess.RunAsync(entra.ProcessVariables(_scratch.Root), input, workingDirectory: _scratch.Root, args);

        // Without --wait, the first answer: still processing.
        var expected = command is ["status", "--json"] ? ExitCodes.NotFinished : ExitCodes.DevicesFailed;
        Assert.True(run.ExitCode == expected, run.ToString()[..Math.Min(4000, run.ToString().Length)]);
        Assert.DoesNotContain(run.All, IsForbidden);
        if (command.Contains("--json"))
        {
            // JSON keeps each value as sent (escaped): every document still reads, the lone surrogates included.
            string[] documents = command[0] == "watch" ? run.OutputLines : [run.Output];
            Assert.NotEmpty(documents);
            Assert.All(documents, document => System.Text.Json.JsonDocument.Parse(document).Dispose());
        }
        else
        {
            // People's outputs shorten the megabyte description: no line floods the terminal.
            Assert.All(run.OutputLines.Concat(run.ErrorLines), line => Assert.True(line.Length < 1_000, line[..Math.Min(line.Length, 200)]));
            Assert.DoesNotContain("TITLE", run.All, StringComparison.Ordinal);
        }
    }

    private static bool IsForbidden(char c) => Forbidden.Contains(c) || (char.IsControl(c) && c is not '\n' and not '\r');

}
