namespace PartnerCenter.BatchStatus;

/// <summary>
/// A call to Partner Center did not complete in time: the call took longer than
/// <see cref="BatchStatusClientOptions.Timeout"/>, or its last attempt took longer than
/// <see cref="BatchStatusRetryOptions.AttemptTimeout"/>.
/// </summary>
/// <remarks>
/// The caller's own cancellation never raises this exception: it raises <see cref="OperationCanceledException"/>.
/// </remarks>
public sealed class PartnerCenterTimeoutException : TimeoutException
{
    /// <summary>Initializes a new instance of the <see cref="PartnerCenterTimeoutException"/> class.</summary>
    /// <param name="message">What timed out.</param>
    /// <param name="timeout">The bound that was exceeded.</param>
    /// <param name="requestId">The <c>MS-RequestId</c> of the call.</param>
    /// <param name="correlationId">The <c>MS-CorrelationId</c> of the call.</param>
    /// <param name="innerException">The cancellation or timeout that ended the call.</param>
    public PartnerCenterTimeoutException(string message, TimeSpan timeout, string? requestId, string? correlationId, Exception? innerException)
        : base(message, innerException)
    {
        Timeout = timeout;
        RequestId = requestId;
        CorrelationId = correlationId;
    }

    /// <summary>Gets the bound that was exceeded, when known.</summary>
    public TimeSpan? Timeout { get; }

    /// <summary>Gets the <c>MS-RequestId</c> the call sent, to quote to Microsoft support.</summary>
    public string? RequestId { get; }

    /// <summary>Gets the <c>MS-CorrelationId</c> the call sent.</summary>
    public string? CorrelationId { get; }
}
