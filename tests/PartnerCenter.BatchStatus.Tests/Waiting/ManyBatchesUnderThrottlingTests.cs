using System.Globalization;
using System.Text.RegularExpressions;
using PartnerCenter.BatchStatus.Testing;
using PartnerCenter.BatchStatus.Tests.Support;
using Xunit.Abstractions;

namespace PartnerCenter.BatchStatus.Tests.Waiting;

/// <summary>
/// A distributor's afternoon on a fake clock: 100 batches across 20 customers, finishing at spread times, watched at once
/// against a fake service that throttles at 20 requests per second per partner. The clock moves only when every wait is
/// waiting on it (<see cref="SteppedWaits"/>), so each run is the same on every machine: its figures are exact, and
/// docs/many-batches.md quotes them.
/// </summary>
public sealed class ManyBatchesUnderThrottlingTests(ITestOutputHelper output)
{
    private const int Batches = 100;
    private const int Customers = 20;
    private const int ServiceLimit = 20;

    [Fact]
    public async Task WaitForAllAsync_WithTheDefaultBudget_IsNeverThrottledAndCostsFarFewerPollsThanPollingEvery5Seconds()
    {
        var run = await RunAsync(options => { }, new BatchWaitOptions());
        var fixedFive = await RunAsync(
            options => options.MaxRequestsPerSecond = 0,
            new BatchWaitOptions { FirstDelay = TimeSpan.FromSeconds(5), BackoffFactor = 1, MaxInterval = TimeSpan.FromSeconds(5), MaxConcurrentCalls = 64 });

        output.WriteLine($"default budget (5/s), growing schedule: {run.Polls} polls, {run.Throttled} throttled, all done after {run.WallTime}");
        output.WriteLine($"each batch on its own every 5 s, no budget: {fixedFive.Polls} polls, {fixedFive.Throttled} throttled, all done after {fixedFive.WallTime}");
        AssertEveryBatchOnce(run);
        AssertEveryBatchOnce(fixedFive);
        // Exact, since the run depends on the fake clock alone: a change of the client that moves them is seen here (and
        // the figures of docs/many-batches.md move with them).
        Assert.Equal((855, 0, TimeSpan.Parse("00:10:10.6", CultureInfo.InvariantCulture)), (run.Polls, run.Throttled, run.WallTime));
        Assert.Equal((6040, 4), (fixedFive.Polls, fixedFive.Throttled));

        // The figures of docs/many-batches.md are these.
        var readme = Regex.Replace(File.ReadAllText(Path.Combine(RepositoryFiles.Root, "docs", "many-batches.md")), @"\s+", " ");
        Assert.Contains(string.Create(CultureInfo.InvariantCulture, $"{run.Polls:N0} polls and no 429; every batch is reported once, the last {run.WallTime.Minutes} min {run.WallTime.Seconds} s after the start."), readme, StringComparison.Ordinal);
        Assert.Contains(string.Create(CultureInfo.InvariantCulture, $"takes {fixedFive.Polls:N0} polls ({Math.Round((double)fixedFive.Polls / run.Polls):0}×) and meets the throttle ({fixedFive.Throttled} answers 429)."), readme, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WaitForAllAsync_WithoutABudget_HonoursTheThrottlingAndNothingFails()
    {
        var run = await RunAsync(options => options.MaxRequestsPerSecond = 0, new BatchWaitOptions { MaxConcurrentCalls = 64 });

        Assert.True(run.Throttled > 0, "Without a budget, 64 calls in flight should meet the service's limit.");
        AssertEveryBatchOnce(run);
        output.WriteLine($"no budget, 64 in flight: {run.Polls} polls, {run.Throttled} throttled (honoured), all done after {run.WallTime}");
    }

    private static void AssertEveryBatchOnce(Run run)
    {
        Assert.Equal(Batches, run.Results.Count);
        Assert.Equal(Batches, run.Results.Select(result => result.Batch).Distinct().Count());
        Assert.All(run.Results, result => Assert.True(result.Completed, result.Exception?.Message));
        Assert.All(run.Results, result => Assert.True(result.Details!.IsCompleted()));
    }

    private static async Task<Run> RunAsync(Action<BatchStatusClientOptions> configure, BatchWaitOptions waitOptions)
    {
        var batches = new List<BatchTrackingLocation>();
        var customers = Enumerable.Range(0, Customers).Select(i => new Guid(i + 1, 0, 0, new byte[8])).ToArray();
        for (var i = 0; i < Batches; i++)
        {
            batches.Add(new BatchTrackingLocation(customers[i % Customers], new Guid(0, (short)(i + 1), 0, new byte[8])));
        }

        // The clock moves only when every wait is waiting on it: the run depends on the fake clock alone.
        var stepped = new SteppedWaits(batches, waitOptions.MaxConcurrentCalls, new DateTimeOffset(2026, 6, 1, 13, 0, 0, TimeSpan.Zero));
        var time = stepped.Clock;
        var transport = new FakePartnerCenterTransport(time).Throttle(ServiceLimit, TimeSpan.FromSeconds(1));
        var served = new List<FakeBatch>();
        for (var i = 0; i < Batches; i++)
        {
            // From at once to 10 minutes, spread over the batches.
            served.Add(transport.AddBatch(batches[i].CustomerId, batches[i].BatchTrackingId).FinishesAfter(TimeSpan.FromSeconds(6 * i), FakeDevice.Finished("SN-" + i)));
        }

        var options = new BatchStatusClientOptions { Transport = transport, TimeProvider = time };
        configure(options);
        waitOptions.TimeProvider = time;
        using var client = new BatchStatusClient(new Support.TestTokenCredential(), options);
        var started = time.GetUtcNow();
        var results = await stepped.WaitForAllAsync(client, waitOptions);

        // Polls that reached their batch; throttled requests are counted apart.
        return new Run(results, served.Sum(batch => batch.Calls), transport.ThrottledCount, time.GetUtcNow() - started);
    }

    private sealed record Run(List<BatchWaitResult> Results, int Polls, int Throttled, TimeSpan WallTime);
}
