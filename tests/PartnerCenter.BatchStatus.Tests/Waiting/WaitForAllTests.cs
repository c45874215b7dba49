using System.Net;
using PartnerCenter.BatchStatus.Tests.Support;

namespace PartnerCenter.BatchStatus.Tests.Waiting;

/// <summary>Waiting for many batches at once, each on its own schedule, with a bound on calls in flight.</summary>
public sealed class WaitForAllTests
{
    private readonly RecordingClock _time = new();

    [Fact]
    public async Task WaitForAllAsync_BatchesFinishingAtDifferentTimes_YieldsEachOnceAsItFinishes()
    {
        var fast = Batch();
        var slow = Batch();
        var unknown = Batch();
        var fastSeen = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        // The slow batch's last poll only answers once the caller has received the fast batch: the results stream.
        var client = new ManyBatchClient(new Dictionary<BatchTrackingLocation, int> { [fast] = 1, [slow] = 3 }, holdFinal: (slow, fastSeen.Task));
        var progress = new RecordingProgress<BatchPoll>();

        var results = await _time.RunAsync(Collect(client.WaitForAllAsync([slow, unknown, fast, fast], Options(), progress), result =>
        {
            if (result.Batch == fast)
            {
                fastSeen.TrySetResult();
            }
        }));

        Assert.Equal(3, results.Count);
        Assert.True(results.FindIndex(r => r.Batch == fast) < results.FindIndex(r => r.Batch == slow));
        var fastResult = results.Single(r => r.Batch == fast);
        Assert.True(fastResult.Completed);
        Assert.Equal((DeviceUploadStatus.Finished, 1), (fastResult.Details!.Status, fastResult.Polls));
        var unknownResult = results.Single(r => r.Batch == unknown);
        var failed = Assert.IsType<PartnerCenterApiException>(unknownResult.Exception);
        Assert.Equal(404, failed.StatusCode);
        Assert.False(unknownResult.Completed);
        var slowResult = results.Single(r => r.Batch == slow);
        Assert.Equal((DeviceUploadStatus.Finished, 3, TimeSpan.FromSeconds(15)), (slowResult.Details!.Status, slowResult.Polls, slowResult.Elapsed));

        // One correlation id per batch, the same on every poll of it.
        Assert.All(results.Where(r => r.Completed), r => Assert.All(client.CorrelationIdsOf(r.Batch), id => Assert.Equal(r.CorrelationId, id)));
        Assert.Equal(3, results.Select(r => r.CorrelationId).Distinct().Count());
        Assert.Equal([1, 2, 3], progress.Reports.Where(p => p.Batch == slow).Select(p => p.Poll));
    }

    [Fact]
    public async Task WaitForAllAsync_ManyBatches_KeepsAtMostMaxConcurrentCallsInFlight()
    {
        var batches = Enumerable.Range(0, 30).Select(_ => Batch()).ToArray();
        var client = new ManyBatchClient(batches.ToDictionary(b => b, _ => 2), answerDelay: TimeSpan.FromMilliseconds(5));
        var options = Options();
        options.MaxConcurrentCalls = 3;

        var results = await _time.RunAsync(Collect(client.WaitForAllAsync(batches, options)));

        Assert.Equal(30, results.Count);
        Assert.All(results, result => Assert.True(result.Completed));
        Assert.InRange(client.MostInFlight, 1, 3);
        Assert.Equal(60, client.Calls);
    }

    [Fact]
    public async Task WaitForAllAsync_CallerStopsEarly_EndsTheOtherWaits()
    {
        var done = Batch();
        var never = Batch();
        var client = new ManyBatchClient(new Dictionary<BatchTrackingLocation, int> { [done] = 1, [never] = int.MaxValue });

        await foreach (var result in client.WaitForAllAsync([done, never], Options()))
        {
            Assert.Equal(done, result.Batch);
            break;
        }

        var calls = client.Calls;
        await Task.Delay(50);
        Assert.Equal(calls, client.Calls);
    }

    private static BatchTrackingLocation Batch() => new(Guid.NewGuid(), Guid.NewGuid());

    private BatchWaitOptions Options() => new() { TimeProvider = _time, MaxTotalWait = TimeSpan.FromMinutes(10) };

    private static async Task<List<BatchWaitResult>> Collect(IAsyncEnumerable<BatchWaitResult> results, Action<BatchWaitResult>? seen = null)
    {
        var list = new List<BatchWaitResult>();
        await foreach (var result in results)
        {
            list.Add(result);
            seen?.Invoke(result);
        }

        return list;
    }

    /// <summary>A fake client: each known batch finishes on its Nth poll; an unknown batch answers 404.</summary>
    private sealed class ManyBatchClient(
        Dictionary<BatchTrackingLocation, int> finishOnPoll,
        TimeSpan answerDelay = default,
        (BatchTrackingLocation Batch, Task Until)? holdFinal = null) : IBatchStatusClient
    {
        private readonly Dictionary<BatchTrackingLocation, List<Guid?>> _polls = [];
        private int _inFlight;
        private int _mostInFlight;

        public int Calls
        {
            get
            {
                lock (_polls)
                {
                    return _polls.Values.Sum(p => p.Count);
                }
            }
        }

        public int MostInFlight => Volatile.Read(ref _mostInFlight);

        public IReadOnlyList<Guid?> CorrelationIdsOf(BatchTrackingLocation batch)
        {
            lock (_polls)
            {
                return [.. _polls[batch]];
            }
        }

        public async Task<BatchUploadDetails> GetBatchJobStatusAsync(Guid customerId, Guid batchTrackingId, CancellationToken cancellationToken = default)
        {
            var batch = new BatchTrackingLocation(customerId, batchTrackingId);
            int poll;
            lock (_polls)
            {
                if (!_polls.TryGetValue(batch, out var list))
                {
                    _polls[batch] = list = [];
                }

                list.Add(PartnerCenterCorrelation.Current);
                poll = list.Count;
            }

            var inFlight = Interlocked.Increment(ref _inFlight);
            InterlockedMax(ref _mostInFlight, inFlight);
            try
            {
                if (answerDelay > TimeSpan.Zero)
                {
                    // Real time, so that calls overlap; the fake clock only drives the waits' pauses.
                    await Task.Delay(answerDelay, cancellationToken);
                }

                if (!finishOnPoll.TryGetValue(batch, out var finishing))
                {
                    throw new PartnerCenterApiException("Not found.", (int)HttpStatusCode.NotFound, """{"code":"NotFound"}""", null, null);
                }

                if (poll >= finishing && holdFinal is { } hold && hold.Batch == batch)
                {
                    await hold.Until.WaitAsync(TimeSpan.FromSeconds(20), cancellationToken);
                }

                return BatchDetailsFactory.Batch(poll >= finishing ? "finished" : "processing");
            }
            finally
            {
                Interlocked.Decrement(ref _inFlight);
            }
        }

        private static void InterlockedMax(ref int target, int value)
        {
            var current = Volatile.Read(ref target);
            while (value > current)
            {
                var seen = Interlocked.CompareExchange(ref target, value, current);
                if (seen == current)
                {
                    return;
                }

                current = seen;
            }
        }
    }
}
