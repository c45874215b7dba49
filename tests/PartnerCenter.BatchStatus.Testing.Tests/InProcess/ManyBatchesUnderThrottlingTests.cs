using Microsoft.Extensions.Time.Testing;
using Xunit.Abstractions;

namespace PartnerCenter.BatchStatus.Testing.Tests.InProcess;

/// <summary>
/// A distributor's afternoon on a fake clock: 100 batches across 20 customers, finishing at spread times, watched at once
/// against a fake service that throttles at 20 requests per second per partner.
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

        Assert.Equal(0, run.Throttled);
        AssertEveryBatchOnce(run);
        AssertEveryBatchOnce(fixedFive);
        Assert.True(fixedFive.Polls > 2 * run.Polls, $"fixed 5 s: {fixedFive.Polls} polls; growing schedule: {run.Polls}");
        output.WriteLine($"default budget (5/s), growing schedule: {run.Polls} polls, {run.Throttled} throttled, all done after {run.WallTime}");
        output.WriteLine($"each batch on its own every 5 s, no budget: {fixedFive.Polls} polls, {fixedFive.Throttled} throttled, all done after {fixedFive.WallTime}");
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
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 6, 1, 13, 0, 0, TimeSpan.Zero));
        var transport = new FakePartnerCenterTransport(time).Throttle(ServiceLimit, TimeSpan.FromSeconds(1));
        var batches = new List<BatchTrackingLocation>();
        var served = new List<FakeTransportBatch>();
        var customers = Enumerable.Range(0, Customers).Select(i => new Guid(i + 1, 0, 0, new byte[8])).ToArray();
        for (var i = 0; i < Batches; i++)
        {
            var batch = new BatchTrackingLocation(customers[i % Customers], new Guid(0, (short)(i + 1), 0, new byte[8]));

            // From at once to 10 minutes, spread over the batches.
            served.Add(transport.AddBatch(batch.CustomerId, batch.BatchTrackingId).FinishesAfter(TimeSpan.FromSeconds(6 * i), FakeDevice.Finished("SN-" + i)));
            batches.Add(batch);
        }

        var options = new BatchStatusClientOptions { Transport = transport, TimeProvider = time };
        configure(options);
        waitOptions.TimeProvider = time;
        using var client = new BatchStatusClient(new FakeTokenCredential(), options);
        var started = time.GetUtcNow();
        var results = new List<BatchWaitResult>();
        var watching = Task.Run(async () =>
        {
            await foreach (var result in client.WaitForAllAsync(batches, waitOptions))
            {
                lock (results)
                {
                    results.Add(result);
                }
            }
        });

        // The fake clock moves half a second at a time; real time only bounds a hung test.
        var guard = DateTime.UtcNow.AddMinutes(2);
        while (!watching.IsCompleted && DateTime.UtcNow < guard)
        {
            time.Advance(TimeSpan.FromMilliseconds(500));
            await Task.Delay(1);
        }

        await watching.WaitAsync(TimeSpan.FromSeconds(10));
        // Polls that reached their batch; throttled requests are counted apart.
        return new Run(results, served.Sum(batch => batch.Calls), transport.ThrottledCount, time.GetUtcNow() - started);
    }

    private sealed record Run(List<BatchWaitResult> Results, int Polls, int Throttled, TimeSpan WallTime);
}
