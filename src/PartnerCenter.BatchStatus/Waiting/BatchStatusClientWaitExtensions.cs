namespace PartnerCenter.BatchStatus;

/// <summary>Waits for a device batch upload to finish, without tripping Partner Center's throttling.</summary>
public static partial class BatchStatusClientWaitExtensions
{
    /// <summary>
    /// Polls a batch until it is <c>finished</c> or <c>finished_with_errors</c> and returns its final details.
    /// </summary>
    /// <remarks>
    /// <para>
    /// The polls follow <paramref name="options"/> (first poll at once, then growing pauses), except that a
    /// <c>Retry-After</c> from the service (on a successful poll, or on a throttled 429 one) makes the next pause at
    /// least that long. A throttled poll does not end the wait: the wait polls again. A poll that the client's pause after
    /// an earlier throttled answer would hold past the call's timeout fails at once with 429, unsent, and is treated the same
    /// way. Every other exception of
    /// <see cref="IBatchStatusClient.GetBatchJobStatusAsync"/> ends the wait unchanged.
    /// </para>
    /// <para>
    /// A status that is absent, <c>unknown</c> or not listed by the contract is not final: the wait goes on.
    /// Every poll of one wait runs in one <see cref="PartnerCenterCorrelation"/> scope, so they all send the same
    /// <c>MS-CorrelationId</c>: the current scope's when the wait starts in one (<see cref="PartnerCenterCorrelation.BeginScope"/>),
    /// otherwise a new id.
    /// </para>
    /// <para>
    /// A finished batch can still hold failed devices: look at them with
    /// <see cref="BatchOutcomeExtensions.GetFailedDevices(BatchUploadDetails)"/> or
    /// <see cref="BatchOutcomeExtensions.Summarize(BatchUploadDetails)"/>.
    /// </para>
    /// </remarks>
    /// <param name="client">The client; any implementation of <see cref="IBatchStatusClient"/>, a mock included.</param>
    /// <param name="customerId">The customer's tenant id.</param>
    /// <param name="batchTrackingId">The batch tracking id, from the <c>Location</c> header of the upload.</param>
    /// <param name="options">How to poll; <see langword="null"/> for the defaults of <see cref="BatchWaitOptions"/>.</param>
    /// <param name="progress">Receives the details of every successful poll, in order, the final one included.</param>
    /// <param name="cancellationToken">Ends the wait at once, during a poll or a pause.</param>
    /// <returns>The details of the poll that found the batch finished.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="client"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">An id is <see cref="Guid.Empty"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A value of <paramref name="options"/> is out of range.</exception>
    /// <exception cref="BatchWaitTimeoutException">
    /// The batch did not finish within <see cref="BatchWaitOptions.MaxTotalWait"/>, or the service asked to wait
    /// beyond it (a throttled poll, or the client's pause after an earlier throttled answer, ends the wait at once then,
    /// with <see cref="BatchWaitTimeoutException.ThrottledUntil"/>); the exception carries the last details seen.
    /// </exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    /// <exception cref="PartnerCenterApiException">A poll failed with an error other than throttling (429).</exception>
    public static Task<BatchUploadDetails> WaitForCompletionAsync(
        this IBatchStatusClient client,
        Guid customerId,
        Guid batchTrackingId,
        BatchWaitOptions? options = null,
        IProgress<BatchUploadDetails>? progress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        var location = new BatchTrackingLocation(customerId, batchTrackingId);
        var settings = (options ?? new BatchWaitOptions()).Validate();
        return WaitAsync(client, location, settings, progress, new WaitRecord(MetricsOf(client)), cancellationToken);
    }

    private static async Task<BatchUploadDetails> WaitAsync(
        IBatchStatusClient client,
        BatchTrackingLocation batch,
        BatchWaitOptions options,
        IProgress<BatchUploadDetails>? progress,
        WaitRecord record,
        CancellationToken cancellationToken)
    {
        var time = options.TimeProvider;
        var correlationId = PartnerCenterCorrelation.Current ?? Guid.NewGuid();
        record.CorrelationId = correlationId;
        var started = time.GetTimestamp();
        var interval = options.FirstDelay;
        var outcome = "failure";

        // A pause between polls does not outlive the client: once it is disposed, the next poll says so at once.
        using var pauses = ((client as GatedClient)?.Inner ?? client) is BatchStatusClient own
            ? CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, own.Disposing)
            : null;

        try
        {
            using (PartnerCenterCorrelation.BeginScope(correlationId))
            {
                return await PollAsync().ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            outcome = "canceled";
            throw;
        }
        catch (BatchWaitTimeoutException)
        {
            outcome = "timeout";
            throw;
        }
        finally
        {
            record.Elapsed = time.GetElapsedTime(started);
            record.Metrics.WaitPolls.Record(record.Polls, new KeyValuePair<string, object?>("partnercenter.outcome", outcome));
            record.Metrics.WaitDuration.Record(record.Elapsed.TotalSeconds, new KeyValuePair<string, object?>("partnercenter.outcome", outcome));
        }

        async Task<BatchUploadDetails> PollAsync()
        {
            while (true)
            {
                cancellationToken.ThrowIfCancellationRequested();
                TimeSpan? retryAfter;
                var throttled = false;
                try
                {
                    record.Polls++;
                    var details = await client.GetBatchJobStatusAsync(batch.CustomerId, batch.BatchTrackingId, cancellationToken).ConfigureAwait(false);
                    record.Last = details;
                    progress?.Report(details);
                    if (details.IsCompleted())
                    {
                        outcome = "completed";
                        return details;
                    }

                    retryAfter = details.Response?.RetryAfter;
                }
                catch (PartnerCenterApiException throttledPoll) when (throttledPoll.StatusCode == 429)
                {
                    // Throttling is the service asking for patience, not a failure of the batch: by this poll's answer,
                    // or by the client's pause after an earlier throttled answer, which then did not send the poll.
                    retryAfter = throttledPoll.RetryAfter;
                    throttled = true;
                }

                var pause = retryAfter > interval ? retryAfter.Value : interval;
                if (pause > BatchWaitOptions.MaxSinglePause)
                {
                    pause = BatchWaitOptions.MaxSinglePause;
                }

                interval = Grow(interval, options);

                if (options.MaxTotalWait != Timeout.InfiniteTimeSpan)
                {
                    var elapsed = time.GetElapsedTime(started);
                    var left = options.MaxTotalWait - elapsed;
                    var serverPauseTooLong = retryAfter > left;
                    if (left <= TimeSpan.Zero || serverPauseTooLong)
                    {
                        // Polling before the service's Retry-After would only be throttled again: give up now
                        // rather than idle until the limit.
                        var now = time.GetUtcNow();
                        DateTimeOffset? throttledUntil = throttled && retryAfter is { } asked ? Errors.PartnerCenterHeaderValues.Later(now, asked) : null;
                        throw new BatchWaitTimeoutException(
                            batch.BatchTrackingId, correlationId, record.Last, record.Polls, elapsed, options.MaxTotalWait, serverPauseTooLong ? retryAfter : null, throttledUntil, now);
                    }

                    if (pause > left)
                    {
                        // One last poll at the limit, so the caller learns the freshest status.
                        pause = left;
                    }
                }

                try
                {
                    await Task.Delay(pause, time, pauses?.Token ?? cancellationToken).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
                {
                }
            }
        }
    }

    private static TimeSpan Grow(TimeSpan interval, BatchWaitOptions options)
    {
        var next = interval.TotalMilliseconds * options.BackoffFactor;
        return next >= options.MaxInterval.TotalMilliseconds ? options.MaxInterval : TimeSpan.FromMilliseconds(next);
    }
}
