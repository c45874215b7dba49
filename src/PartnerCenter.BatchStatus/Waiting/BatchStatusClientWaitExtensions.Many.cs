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
    /// How to poll each batch; <see langword="null"/> for the defaults. <see cref="BatchWaitOptions.CorrelationId"/> must be
    /// <see langword="null"/>: each batch gets its own.
    /// </param>
    /// <param name="progress">Receives the details of every successful poll of every batch, with the batch.</param>
    /// <param name="cancellationToken">Ends every wait at once.</param>
    /// <returns>One result per batch, in the order the batches finish.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="client"/> or <paramref name="batches"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><see cref="BatchWaitOptions.CorrelationId"/> is set.</exception>
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
        if (settings.CorrelationId is not null)
        {
            throw new ArgumentException("BatchWaitOptions.CorrelationId must be null when waiting for many batches: each batch gets its own.", nameof(options));
        }

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

        // A batch's wait starts when there is room for its first poll: only a few batches queue for a first call at a
        // time, so that a long list costs memory for the batches under way, not for every batch at once.
        using var admission = new SemaphoreSlim(options.MaxConcurrentCalls * 2);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var gated = new GatedClient(client, gate);
        var finished = Channel.CreateUnbounded<BatchWaitResult>();
        var running = 1;
        var allEnded = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _ = StartEachAsync();
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

        async Task StartEachAsync()
        {
            try
            {
                foreach (var batch in batches)
                {
                    await admission.WaitAsync(stop.Token).ConfigureAwait(false);
                    Interlocked.Increment(ref running);
                    _ = WaitOneAsync(batch);
                }
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                // Ended by the caller: the batches not started yet are not reported.
            }
            finally
            {
                Ended();
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
            // A new id per batch, and its own flow: the correlation scope of one wait never leaks into another.
            await Task.Yield();
            var record = new WaitRecord(metrics);
            var batchOptions = options.Validate();
            batchOptions.CorrelationId = Guid.NewGuid();
            var polls = progress is null ? null : new Progress(batch, progress);
            var admitted = new AdmittedClient(gated, admission);
            try
            {
                var details = await WaitAsync(admitted, batch, batchOptions, polls, record, stop.Token).ConfigureAwait(false);
                finished.Writer.TryWrite(new BatchWaitResult(batch, details, null, record.Polls, record.Elapsed, record.CorrelationId));
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                // Ended by the caller: nothing to report.
            }
#pragma warning disable CA1031 // One batch's failure is that batch's result; the others go on.
            catch (Exception exception)
#pragma warning restore CA1031
            {
                finished.Writer.TryWrite(new BatchWaitResult(batch, record.Last, exception, record.Polls, record.Elapsed, record.CorrelationId));
            }
            finally
            {
                admitted.Leave();
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

    /// <summary>Bounds the calls in flight of a wait for many batches.</summary>
    private sealed class GatedClient(IBatchStatusClient inner, SemaphoreSlim gate) : IBatchStatusClient
    {
        public async Task<BatchUploadDetails> GetBatchJobStatusAsync(Guid customerId, Guid batchTrackingId, CancellationToken cancellationToken = default)
        {
            await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                return await inner.GetBatchJobStatusAsync(customerId, batchTrackingId, cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                gate.Release();
            }
        }
    }

    /// <summary>Makes room for the next batch to start once this batch's first call has ended, whatever its answer.</summary>
    private sealed class AdmittedClient(IBatchStatusClient inner, SemaphoreSlim admission) : IBatchStatusClient
    {
        private int _left;

        public async Task<BatchUploadDetails> GetBatchJobStatusAsync(Guid customerId, Guid batchTrackingId, CancellationToken cancellationToken = default)
        {
            try
            {
                return await inner.GetBatchJobStatusAsync(customerId, batchTrackingId, cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                Leave();
            }
        }

        /// <summary>Gives the batch's place back, once.</summary>
        public void Leave()
        {
            if (Interlocked.Exchange(ref _left, 1) == 0)
            {
                admission.Release();
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
