using System.Runtime.CompilerServices;
using System.Threading.Channels;
using PartnerCenter.BatchStatus.Http;

namespace PartnerCenter.BatchStatus;

/// <content>Waiting for many batches at once.</content>
public static partial class BatchStatusClientWaitExtensions
{
    /// <summary>
    /// Waits for many batches at once and yields each one's outcome as soon as it is known, in the order the batches
    /// finish. Each batch keeps its own growing poll schedule and its own <c>MS-CorrelationId</c>; at most
    /// <see cref="BatchWaitOptions.MaxConcurrentCalls"/> calls are in flight, and the client's request budget
    /// (<see cref="BatchStatusClientOptions.MaxRequestsPerSecond"/>) is shared by all of them.
    /// </summary>
    /// <remarks>
    /// A batch that fails (such as 404 for an unknown batch, 403, or its own <see cref="BatchWaitTimeoutException"/>) is
    /// reported in its <see cref="BatchWaitResult"/> and does not stop the others. Stopping the enumeration, or
    /// cancelling <paramref name="cancellationToken"/>, ends every wait still running. The batches start in the order
    /// given, each once there is room for its first poll (a few at a time per call slot), and each batch's
    /// <see cref="BatchWaitOptions.MaxTotalWait"/> counts from its own start: a long list holds in memory only the
    /// batches under way.
    /// </remarks>
    /// <param name="client">The client; any implementation of <see cref="IBatchStatusClient"/>, a mock included.</param>
    /// <param name="batches">The batches; each is waited for once, even when listed twice.</param>
    /// <param name="options">
    /// How to poll each batch; <see langword="null"/> for the defaults. Each batch gets its own <c>MS-CorrelationId</c>.
    /// </param>
    /// <param name="progress">Receives the details of every successful poll of every batch, with the batch.</param>
    /// <param name="cancellationToken">Ends every wait at once.</param>
    /// <returns>One result per batch, in the order the batches finish.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="client"/> or <paramref name="batches"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A value of <paramref name="options"/> is out of range.</exception>
    public static IAsyncEnumerable<BatchWaitResult> WaitForAllAsync(
        this IBatchStatusClient client,
        IEnumerable<BatchTrackingLocation> batches,
        BatchWaitOptions? options = null,
        IProgress<BatchPoll>? progress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(batches);
        var settings = (options ?? new BatchWaitOptions()).Validate();

        return WaitForAllCoreAsync(client, batches.Distinct().ToArray(), settings, progress, cancellationToken);
    }

    private static async IAsyncEnumerable<BatchWaitResult> WaitForAllCoreAsync(
        IBatchStatusClient client,
        BatchTrackingLocation[] batches,
        BatchWaitOptions options,
        IProgress<BatchPoll>? progress,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var metrics = MetricsOf(client);
        using var gate = new SemaphoreSlim(options.MaxConcurrentCalls);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var finished = Channel.CreateUnbounded<BatchWaitResult>();
        var starting = new object();
        var next = 0;
        var running = 1;
        var allEnded = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        // A batch's wait starts when there is room for its first poll: at most MaxConcurrentCalls x 2 batches queue for a
        // first call at a time, so that a long list costs memory for the batches under way, not for every batch at once.
        for (var i = 0; i < options.MaxConcurrentCalls * 2; i++)
        {
            StartNext();
        }

        Ended();
        try
        {
            await foreach (var result in finished.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
            {
                yield return result;
            }
        }
        finally
        {
            // The caller stopped early or cancelled: end the waits still running, and let them end before the gate goes.
            await stop.CancelAsync().ConfigureAwait(false);
            await allEnded.Task.ConfigureAwait(false);
        }

        // Runs in the flow that makes room (a batch's first call, before it gives its call slot back): the next batch
        // reads its start time and takes its place in the queue for call slots before that flow goes on, so that when it
        // starts depends on the clock alone, not on how the threads are scheduled.
        void StartNext()
        {
            lock (starting)
            {
                // Once ended by the caller, the batches not started yet are not reported.
                if (next < batches.Length && !stop.IsCancellationRequested)
                {
                    Interlocked.Increment(ref running);
                    _ = WaitOneAsync(batches[next++]);
                }
            }
        }

        void Ended()
        {
            if (Interlocked.Decrement(ref running) == 0)
            {
                finished.Writer.TryComplete();
                allEnded.TrySetResult();
            }
        }

        async Task WaitOneAsync(BatchTrackingLocation batch)
        {
            var record = new WaitRecord(metrics);
            var batchOptions = options.Validate();

            // A new id per batch, in its own scope from the start: the scope of the call that made room is not this one's.
            using var scope = PartnerCenterCorrelation.BeginScope(Guid.NewGuid());
            var polls = progress is null ? null : new Progress(batch, progress);
            var gated = new GatedClient(client, gate, StartNext);
            try
            {
                var details = await WaitAsync(gated, batch, batchOptions, polls, record, stop.Token).ConfigureAwait(false);
                finished.Writer.TryWrite(new BatchWaitResult { Batch = batch, Details = details, Polls = record.Polls, Elapsed = record.Elapsed, CorrelationId = record.CorrelationId });
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                // Ended by the caller: nothing to report.
            }
#pragma warning disable CA1031 // One batch's failure is that batch's result; the others go on.
            catch (Exception exception)
#pragma warning restore CA1031
            {
                finished.Writer.TryWrite(new BatchWaitResult { Batch = batch, Details = record.Last, Exception = exception, Polls = record.Polls, Elapsed = record.Elapsed, CorrelationId = record.CorrelationId });
            }
            finally
            {
                gated.Leave();
                Ended();
            }
        }
    }

    private static PartnerCenterMetrics MetricsOf(IBatchStatusClient client) =>
        client is BatchStatusClient real ? real.Metrics : PartnerCenterMetrics.Shared;

    /// <summary>What one wait has seen so far, kept for its result or its exception.</summary>
    private sealed class WaitRecord(PartnerCenterMetrics metrics)
    {
        public PartnerCenterMetrics Metrics { get; } = metrics;

        public int Polls { get; set; }

        public BatchUploadDetails? Last { get; set; }

        public TimeSpan Elapsed { get; set; }

        public Guid CorrelationId { get; set; }
    }

    /// <summary>
    /// One batch's calls: at most <see cref="BatchWaitOptions.MaxConcurrentCalls"/> of all the batches' calls are in
    /// flight, in the order they queue; the end of the batch's first call, whatever its answer, makes room for the next
    /// batch to start.
    /// </summary>
    private sealed class GatedClient(IBatchStatusClient inner, SemaphoreSlim gate, Action startNext) : IBatchStatusClient
    {
        public IBatchStatusClient Inner => inner;

        private bool _called;
        private int _left;

        public async Task<BatchUploadDetails> GetBatchJobStatusAsync(Guid customerId, Guid batchTrackingId, CancellationToken cancellationToken = default)
        {
            var first = !_called;
            _called = true;
            await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                if (first)
                {
                    // The batch started in the flow that made room for it: its first poll runs on its own, so that a
                    // client that answers at once does not nest each start in the one before.
                    await Task.Yield();
                }

                return await inner.GetBatchJobStatusAsync(customerId, batchTrackingId, cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                if (first)
                {
                    // Before the slot goes back, so that the next batch queues for it in this flow.
                    Leave();
                }

                gate.Release();
            }
        }

        /// <summary>Gives the batch's place among the batches starting back, once.</summary>
        public void Leave()
        {
            if (Interlocked.Exchange(ref _left, 1) == 0)
            {
                startNext();
            }
        }
    }

    /// <summary>Reports each poll of one batch with the batch.</summary>
    private sealed class Progress(BatchTrackingLocation batch, IProgress<BatchPoll> inner) : IProgress<BatchUploadDetails>
    {
        private int _polls;

        public void Report(BatchUploadDetails value) => inner.Report(new BatchPoll(batch, value, Interlocked.Increment(ref _polls)));
    }
}
