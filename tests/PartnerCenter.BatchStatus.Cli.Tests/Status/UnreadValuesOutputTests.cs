using System.Text.Json;
using PartnerCenter.BatchStatus.Cli.Tests.Support;
using PartnerCenter.BatchStatus.Testing;

namespace PartnerCenter.BatchStatus.Cli.Tests.Status;

/// <summary>
/// An answer with values the client could not read: pcbatch says so on one line of the error stream, naming the
/// values by their JSON paths (never their contents), and <c>--json</c> carries the same paths.
/// </summary>
public sealed class UnreadValuesOutputTests : IDisposable
{
    private const string HostileBody =
        """{"batchTrackingId":"5d4c3b2a-1908-4f7e-8d6c-5b4a39281706","status":"finished","startedTime":"yesterday","devicesStatus":[{"serialNumber":"SN-1","status":"finished"},"SN-2"]}""";

    private static readonly Guid Batch = Guid.Parse("5d4c3b2a-1908-4f7e-8d6c-5b4a39281706");

    private readonly FakeServiceFactory _service = new();

    public void Dispose() => _service.Dispose();

    [Fact]
    public async Task Status_AnswerWithUnreadValues_WarnsOnOneLineOfTheErrorStream()
    {
        _service.Fake.AddBatch(DocumentedSample.CustomerId, Batch).ThenRespond(200, HostileBody);

        var run = await CliRun.RunAsync(_service, TestIds.AppOnlyVariables(), "status", TestIds.Customer, Batch.ToString());

        Assert.Equal(ExitCodes.Success, run.ExitCode);
        Assert.Equal(["pcbatch: warning: 2 values of the answer were not read: $.startedTime, $.devicesStatus[1]"], run.ErrorLines);
        Assert.DoesNotContain("yesterday", run.All, StringComparison.Ordinal);
        Assert.Contains("SN-1", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Watch_AnswerWithUnreadValues_WarnsOnOneLineNamingTheBatch()
    {
        _service.Fake.AddBatch(DocumentedSample.CustomerId, Batch).ThenRespond(200, HostileBody);

        var run = await CliRun.RunWithInputAsync(_service, $"{TestIds.Customer},{Batch:D}\n", isErrorRedirected: true, "watch", "--interval", "10ms");

        Assert.Equal(ExitCodes.Success, run.ExitCode);
        Assert.Equal(
            $"pcbatch: warning: 2 values of the answer for batch {Batch:D} were not read: $.startedTime, $.devicesStatus[1]",
            Assert.Single(run.ErrorLines, line => line.StartsWith("pcbatch: warning:", StringComparison.Ordinal)));
        Assert.DoesNotContain("yesterday", run.All, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Status_MoreUnreadValuesThanTheClientLists_CountsThemAll()
    {
        var devices = string.Join(',', Enumerable.Repeat('1', 3_000));
        _service.Fake.AddBatch(DocumentedSample.CustomerId, Batch).ThenRespond(200, $$"""{"status":"finished","devicesStatus":[{{devices}}]}""");

        var run = await CliRun.RunAsync(_service, TestIds.AppOnlyVariables(), "status", TestIds.Customer, Batch.ToString());

        var warning = Assert.Single(run.ErrorLines);
        Assert.StartsWith("pcbatch: warning: 3000 values of the answer were not read: $.devicesStatus[0], ", warning, StringComparison.Ordinal);
        Assert.EndsWith(", $.devicesStatus[9] and 2990 more", warning, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StatusJson_MoreUnreadValuesThanTheClientLists_ListsTheFirstThousandAndCountsThemAll()
    {
        var devices = string.Join(',', Enumerable.Repeat('1', 3_000));
        _service.Fake.AddBatch(DocumentedSample.CustomerId, Batch).ThenRespond(200, $$"""{"status":"finished","devicesStatus":[{{devices}}]}""");

        var run = await CliRun.RunAsync(_service, TestIds.AppOnlyVariables(), "status", TestIds.Customer, Batch.ToString(), "--json");

        using var document = JsonDocument.Parse(run.Output);
        Assert.Equal(
            Enumerable.Range(0, 1_000).Select(index => $"$.devicesStatus[{index}]"),
            document.RootElement.GetProperty("unreadValues").EnumerateArray().Select(path => path.GetString()));
        Assert.Equal(3_000, document.RootElement.GetProperty("unreadValueCount").GetInt32());
    }

    [Theory]
    [InlineData("""{"status":"finished","completedTime":"soon","devicesStatus":[]}""", "pcbatch: warning: 1 value of the answer was not read: $.completedTime")]
    [InlineData(null, null)]
    public async Task Status_OneUnreadValueInTheSingular_NoneWarnsNothing(string? body, string? warning)
    {
        var batch = _service.Fake.AddBatch(DocumentedSample.CustomerId, Batch);
        _ = body is null ? batch.ThenFinished() : batch.ThenRespond(200, body);

        var run = await CliRun.RunAsync(_service, TestIds.AppOnlyVariables(), "status", TestIds.Customer, Batch.ToString());

        Assert.Equal(ExitCodes.Success, run.ExitCode);
        Assert.Equal(warning is null ? [] : [warning], run.ErrorLines);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task StatusJson_CarriesTheUnreadPathsBesideTheDetails_AnEmptyListWhenEverythingWasRead(bool unread)
    {
        var batch = _service.Fake.AddBatch(DocumentedSample.CustomerId, Batch);
        _ = unread ? batch.ThenRespond(200, HostileBody) : batch.ThenFinished();

        var run = await CliRun.RunAsync(_service, TestIds.AppOnlyVariables(), "status", TestIds.Customer, Batch.ToString(), "--json");

        using var document = JsonDocument.Parse(run.Output);
        Assert.Equal(unread ? ["$.startedTime", "$.devicesStatus[1]"] : [], document.RootElement.GetProperty("unreadValues").EnumerateArray().Select(path => path.GetString()));
        Assert.Equal(unread ? 2 : 0, document.RootElement.GetProperty("unreadValueCount").GetInt32());
        Assert.Equal(unread ? 1 : 0, run.ErrorLines.Count(line => line.StartsWith("pcbatch: warning: 2 values", StringComparison.Ordinal)));
    }
}
