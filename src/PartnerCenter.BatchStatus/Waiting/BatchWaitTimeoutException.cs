using System.Globalization;
using System.Text;

namespace PartnerCenter.BatchStatus;

/// <summary>
/// A batch did not reach a final status within <see cref="BatchWaitOptions.MaxTotalWait"/>. Never thrown for the
/// caller's own cancellation, which ends a wait with <see cref="OperationCanceledException"/>.
/// </summary>
/// <remarks>
/// The batch goes on in Partner Center: check it later with the same ids. <see cref="LastDetails"/> tells where it
/// stood at the last successful poll.
/// </remarks>
public sealed class BatchWaitTimeoutException : TimeoutException
{
    internal BatchWaitTimeoutException(
        Guid batchTrackingId,
        Guid correlationId,
        BatchUploadDetails? lastDetails,
        int polls,
        TimeSpan elapsed,
        TimeSpan limit,
        TimeSpan? retryAfterBeyondLimit,
        DateTimeOffset? throttledUntil,
        DateTimeOffset now)
        : base(ComposeMessage(batchTrackingId, correlationId, lastDetails, polls, limit, retryAfterBeyondLimit, throttledUntil, now))
    {
        BatchTrackingId = batchTrackingId;
        CorrelationId = correlationId;
        LastDetails = lastDetails;
        Polls = polls;
        Elapsed = elapsed;
        Limit = limit;
        ThrottledUntil = throttledUntil;
    }

    /// <summary>Gets the tracking id of the batch that was awaited.</summary>
    public Guid BatchTrackingId { get; }

    /// <summary>Gets the <c>MS-CorrelationId</c> that every poll of the wait sent, to quote to Microsoft support.</summary>
    public Guid CorrelationId { get; }

    /// <summary>
    /// Gets the details of the last successful poll, or <see langword="null"/> when no poll succeeded (every one was throttled).
    /// </summary>
    public BatchUploadDetails? LastDetails { get; }

    /// <summary>Gets how many polls were made, throttled ones included.</summary>
    public int Polls { get; }

    /// <summary>Gets how long the wait lasted.</summary>
    public TimeSpan Elapsed { get; }

    /// <summary>Gets the limit that was reached, <see cref="BatchWaitOptions.MaxTotalWait"/>.</summary>
    public TimeSpan Limit { get; }

    /// <summary>
    /// Gets the instant until which the last poll was asked to hold off when it was throttled (429): by Partner Center's
    /// <c>Retry-After</c>, or by the client's pause after an earlier throttled answer (the poll was then not sent);
    /// <see langword="null"/> when the last poll was not throttled or said no time. When this instant lies beyond the
    /// limit, the wait ended at once rather than idle until the limit.
    /// </summary>
    public DateTimeOffset? ThrottledUntil { get; }

    private static string ComposeMessage(
        Guid batchTrackingId, Guid correlationId, BatchUploadDetails? lastDetails, int polls, TimeSpan limit, TimeSpan? retryAfterBeyondLimit, DateTimeOffset? throttledUntil, DateTimeOffset now)
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"Batch {batchTrackingId:D} did not finish within {limit:c} ({polls} poll{(polls == 1 ? string.Empty : "s")}); ");
        if (lastDetails is null)
        {
            text.Append("no poll succeeded");
        }
        else
        {
            // The raw status is the service's text, which may be a value the contract does not list: keep it short.
            var status = lastDetails.Status ?? "(none)";
            text.Append("its last status was '").Append(status.Length <= 40 ? status : status[..40] + "…").Append("', ").Append(lastDetails.Summarize());
        }

        if (throttledUntil is { } until)
        {
            var wait = until > now ? until - now : TimeSpan.Zero;
            text.Append(CultureInfo.InvariantCulture, $". The last poll was throttled (429) until {Errors.PartnerCenterHeaderValues.Utc(until)} ({wait.TotalSeconds:0.###} s)")
                .Append(retryAfterBeyondLimit is null ? string.Empty : ", beyond the time left");
        }
        else if (retryAfterBeyondLimit is { } wait)
        {
            text.Append(CultureInfo.InvariantCulture, $". The service asked to wait {wait.TotalSeconds:0.###} s before the next poll (until {Errors.PartnerCenterHeaderValues.Utc(Errors.PartnerCenterHeaderValues.Later(now, wait))}), beyond the time left");
        }

        text.Append(CultureInfo.InvariantCulture, $". The batch goes on: check it later, or wait longer (BatchWaitOptions.MaxTotalWait). Correlation id: {correlationId:D}.");
        return text.ToString();
    }
}
