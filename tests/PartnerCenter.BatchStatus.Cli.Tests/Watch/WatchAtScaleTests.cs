using System.Globalization;
using System.Text;
using Microsoft.Extensions.Time.Testing;
using PartnerCenter.BatchStatus.Cli.Commands;
using PartnerCenter.BatchStatus.Cli.Connection;
using PartnerCenter.BatchStatus.Cli.Output;
using PartnerCenter.BatchStatus.Cli.Tests.Support;
using PartnerCenter.BatchStatus.Testing;

namespace PartnerCenter.BatchStatus.Cli.Tests.Watch;

/// <summary>
/// <c>pcbatch watch</c> of long lists, in this process: the live view stays within the screen on every refresh, a list
/// of ten thousand batches is summarized whole, throttling is reported as throttling, and service text reaches the
/// terminal only through the sanitiser.
/// </summary>
public sealed class WatchAtScaleTests : IDisposable
{
    private static readonly Guid Customer = DocumentedSample.CustomerId;
    private static readonly Guid ThrottledBatch = Guid.Parse("4291a7c0-0000-4000-8000-000000000429");
    private static readonly Guid OddBatch = Guid.Parse("0dd0ba7c-0000-4000-8000-00000000001b");

    private readonly FakeServiceFactory _service = new();
    private readonly ScratchFolder _scratch = new();

    public void Dispose()
    {
        _service.Dispose();
        _scratch.Dispose();
    }

    [Fact]
    public async Task LiveView_300BatchesOnA20LineTerminal_EveryRefreshFitsTheScreen()
    {
        var list = TestIds.WriteDemoList(_scratch["300.txt"], 300);
        var terminal = new RecordingWriter();
        using var output = new StringWriter(CultureInfo.InvariantCulture);

        var exitCode = await Program.RunAsync(["watch", "--demo", list, "--interval", "10ms"], Terminal(output, terminal, rows: 20, columns: 100));

        Assert.Equal(ExitCodes.ServiceError, exitCode);
        Assert.StartsWith("300 batches: 0 finished with no failed device, 2 with failed devices, 298 not finished.", output.ToString(), StringComparison.Ordinal);

        // Each refresh is one write of at most the screen: 19 lines (the 20th holds the cursor), each cut to the width.
        Assert.NotEmpty(terminal.Writes);
        Assert.All(terminal.Writes, write =>
        {
            Assert.InRange(write.Count(c => c == '\n'), 0, 19);
            Assert.InRange(write.Length, 1, 19 * (100 + 16));
        });

        var screen = TerminalScreen.Replay(string.Concat(terminal.Writes));
        Assert.Equal(19, screen.Count);
        Assert.StartsWith("300 batches: 2 finished, 298 not finished, 0 polling, 0 waiting; ", screen[0], StringComparison.Ordinal);
        Assert.EndsWith("(the 17 latest shown)", screen[0], StringComparison.Ordinal);
        Assert.All(screen, line => Assert.InRange(line.Length, 1, 99));
        Assert.All(screen.Skip(2), row => Assert.Matches(@"^47021739  [0-9a-f-]{36}  (error 404|finished_with_errors|finished)\s", row));
    }

    [Fact]
    public async Task TenThousandBatches_OnTheDemo_EveryOneSummarized()
    {
        var list = TestIds.WriteDemoList(_scratch["10k.txt"], 10_000);

        var run = await CliRun.RunAsync(null, null, "watch", "--demo", list, "--interval", "10ms");

        Assert.Equal(ExitCodes.ServiceError, run.ExitCode);
        Assert.Equal("10000 batches: 0 finished with no failed device, 2 with failed devices, 9998 not finished.", run.OutputLines[0]);
        Assert.Equal(10_000, run.OutputLines.Count(line => line.StartsWith($"{Customer:D}  ", StringComparison.Ordinal)));
        Assert.Equal(9_998, run.OutputLines.SkipWhile(line => line != "Batches not finished").Count(line => line.Contains(": Partner Center answered 404", StringComparison.Ordinal)));

        // One plain line per poll and per failure: the moving batch's three polls, the sample's one, each 404.
        Assert.Equal(3 + 1 + 9_998, run.ErrorLines.Length);
    }

    [Fact]
    public async Task Throttled_BeyondTheTimeout_ReportedAsThrottlingUntilWhen_NotAsAFaultOrSlowness()
    {
        // The clock starts at the machine's time only because the tool reads the end of a wait's throttling against the
        // system clock; the time shown carries its date whenever it is not the clock's day, so no time of day matters.
        var start = DateTimeOffset.UtcNow;
        var clock = new FakeTimeProvider(start);
        using var service = new FakeServiceFactory(clock: clock);
        service.Fake.AddBatch(Customer, ThrottledBatch).ThenThrottle(TimeSpan.FromHours(1));

        var run = await CliRun.RunAsync(service, TestIds.AppOnlyVariables(), ["watch", "--interval", "10ms", "--timeout", "10m"], isErrorRedirected: true, CancellationToken.None, input: $"{Customer:D},{ThrottledBatch:D}\n", clock: clock);

        Assert.NotEqual(ExitCodes.InternalError, run.ExitCode);
        var row = Assert.Single(run.OutputLines, line => line.StartsWith($"{Customer:D}  {ThrottledBatch:D}", StringComparison.Ordinal));
        var until = Assert.Single(System.Text.RegularExpressions.Regex.Matches(row, @"not finished: throttled until ((?:\d{4}-\d\d-\d\d )?\d\d:\d\d:\d\d)")).Groups[1].Value;
        var shown = until.Length > 8
            ? DateTimeOffset.ParseExact(until, "yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal)
            : new DateTimeOffset(start.UtcDateTime.Date, TimeSpan.Zero) + TimeSpan.ParseExact(until, @"hh\:mm\:ss", CultureInfo.InvariantCulture);
        Assert.InRange(shown, start.AddHours(1).AddMinutes(-5), start.AddHours(1).AddSeconds(1));
        Assert.Contains($"Throttled by Partner Center until {until} UTC (", Assert.Single(run.OutputLines, line => line.StartsWith($"  {ThrottledBatch:D}: ", StringComparison.Ordinal)), StringComparison.Ordinal);
        Assert.DoesNotContain("fault of pcbatch", run.All, StringComparison.Ordinal);
        Assert.DoesNotContain("slow", run.All, StringComparison.OrdinalIgnoreCase);
        Assert.Contains($"{ThrottledBatch:D} throttled until {until}", run.ErrorLines);
    }

    [Fact]
    public void Outcome_A429OfTheClient_IsThrottlingForItsRetryAfter()
    {
        var throttled = new PartnerCenterApiException("Partner Center answered 429.", 429, null, new Dictionary<string, IEnumerable<string>> { ["Retry-After"] = ["120"] }, null);
        var notFound = new PartnerCenterApiException("Partner Center answered 404.", 404, null, null, null);

        Assert.True(WatchOutcome.IsThrottled(throttled, DateTimeOffset.UnixEpoch, out var retryAfter));
        Assert.Equal(TimeSpan.FromSeconds(120), retryAfter);
        Assert.True(WatchOutcome.IsThrottled(new HttpRequestException("wrapped", throttled), DateTimeOffset.UnixEpoch, out _));
        Assert.False(WatchOutcome.IsThrottled(notFound, DateTimeOffset.UnixEpoch, out _));
        Assert.Equal("14:02:00 UTC", Durations.Until(new DateTimeOffset(2026, 12, 1, 14, 0, 0, TimeSpan.Zero), TimeSpan.FromSeconds(120)));
        Assert.Equal("2026-12-03 14:00:00", Durations.Until(new DateTimeOffset(2026, 12, 1, 14, 0, 0, TimeSpan.Zero), TimeSpan.FromDays(2), withZone: false));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task ServiceText_WithEscapes_ReachesNoTerminalRaw(bool redirected)
    {
        const string Hostile = "\u001b[2J\u001b]0;TITLE\u0007";
        _service.Fake.AddBatch(Customer, OddBatch)
            .ThenStatus("processing" + Hostile, FakeDevice.Processing("SN-1"))
            .ThenFinishedWithErrors(FakeDevice.Failed("SN-1\u001b[31m", "7" + Hostile, "Error" + Hostile));

        var run = await CliRun.RunWithInputAsync(_service, $"{Customer:D},{OddBatch:D}\n", isErrorRedirected: redirected, "watch", "--interval", "10ms");

        Assert.Equal(ExitCodes.DevicesFailed, run.ExitCode);
        Assert.DoesNotContain("\u001b[2J", run.All, StringComparison.Ordinal);
        Assert.DoesNotContain("\u001b]", run.All, StringComparison.Ordinal);
        Assert.DoesNotContain("\u001b[31m", run.All, StringComparison.Ordinal);
        Assert.DoesNotContain('\u0007', run.All);
        Assert.DoesNotContain('\u001b', run.Output);
        Assert.Contains(run.OutputLines, line => line.StartsWith($"{OddBatch:D}  SN-1", StringComparison.Ordinal));
    }


    private static CliEnvironment Terminal(TextWriter output, TextWriter terminal, int rows, int columns) => new()
    {
        Out = output,
        Error = terminal,
        IsErrorRedirected = false,
        TerminalWidth = columns,
        TerminalHeight = rows,
        GetEnvironmentVariable = name => name == "TERM" ? "xterm-256color" : null,
        ClientFactory = new PartnerCenterClientFactory(),
    };


    /// <summary>A terminal that keeps each write apart: the live view writes one refresh at a time.</summary>
    private sealed class RecordingWriter : TextWriter
    {
        private readonly List<string> _writes = [];

        public override Encoding Encoding => Encoding.UTF8;

        public IReadOnlyList<string> Writes
        {
            get
            {
                lock (_writes)
                {
                    return [.. _writes];
                }
            }
        }

        public override void Write(char value) => Write(value.ToString());

        public override void Write(string? value)
        {
            lock (_writes)
            {
                _writes.Add(value ?? string.Empty);
            }
        }

        public override void WriteLine(string? value) => Write(value + "\n");
    }
}
