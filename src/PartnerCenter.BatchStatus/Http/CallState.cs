using System.Diagnostics;

namespace PartnerCenter.BatchStatus.Http;

/// <summary>
/// What one logical call knows across its attempts. Created by <see cref="BatchStatusCalls"/> for each call and handed
/// to its attempts and retry decisions through the call's own resilience context, never through the HTTP messages.
/// </summary>
internal sealed class CallState(Guid customerId, Guid batchTrackingId, Guid correlationId)
{
    public Guid CustomerId { get; } = customerId;

    public Guid BatchTrackingId { get; } = batchTrackingId;

    /// <summary>Gets the <c>MS-RequestId</c>: one per logical call, the same on every attempt.</summary>
    public Guid RequestId { get; } = Guid.NewGuid();

    public Guid CorrelationId { get; } = correlationId;

    public string RequestIdText => field ??= RequestId.ToString();

    public string CorrelationIdText { get; } = correlationId.ToString();

    /// <summary>Gets or sets the instant after which the call has timed out, when it is bounded.</summary>
    public DateTimeOffset? Deadline { get; set; }

    /// <summary>Gets or sets the number of attempts made so far.</summary>
    public int Attempts { get; set; }

    /// <summary>Gets or sets a value indicating whether the call's own bound (not an attempt's) ran out.</summary>
    public bool TimedOut { get; set; }

    /// <summary>Gets or sets the activity that traces the call, when anyone listens.</summary>
    public Activity? Activity { get; set; }
}
