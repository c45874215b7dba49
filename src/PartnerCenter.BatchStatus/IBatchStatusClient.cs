namespace PartnerCenter.BatchStatus;

/// <summary>
/// Reads the status of Partner Center device batch uploads. <see cref="BatchStatusClient"/> implements it; mock it in
/// unit tests of code that depends on it.
/// </summary>
public interface IBatchStatusClient
{
    /// <summary>
    /// Gets the status of a device batch upload (<c>GET /v1/customers/{customer-id}/batchJobStatus/{batchtracking-id}</c>):
    /// the batch's status and the status of every device in it. A batch can be <c>finished</c> while devices inside it
    /// are <c>finished_with_errors</c>: look at every device.
    /// </summary>
    /// <param name="customerId">The customer's tenant id (the Microsoft ID on the customer's account page).</param>
    /// <param name="batchTrackingId">
    /// The batch tracking id: the last path segment of the <c>Location</c> header returned when the batch was uploaded.
    /// </param>
    /// <param name="cancellationToken">Cancels the call, including any wait between its attempts.</param>
    /// <returns>The batch's details, with what the service said besides the body in <see cref="BatchUploadDetails.Response"/>.</returns>
    /// <exception cref="ArgumentException">An id is <see cref="Guid.Empty"/>; nothing was sent.</exception>
    /// <exception cref="PartnerCenterApiException">
    /// The service answered with an error status, or with a body that could not be read (not JSON, truncated, cut off by a
    /// dropped connection), after the retries.
    /// </exception>
    /// <exception cref="PartnerCenterTimeoutException">The call or its last attempt took longer than its bound.</exception>
    /// <exception cref="HttpRequestException">
    /// Partner Center could not be reached at all, after the retries; or it answered with headers larger than the HTTP
    /// handler reads (<see cref="HttpRequestError.ConfigurationLimitExceeded"/>, not retried).
    /// </exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    /// <exception cref="ObjectDisposedException">The client was disposed, before the call or while it was in progress.</exception>
    Task<BatchUploadDetails> GetBatchJobStatusAsync(Guid customerId, Guid batchTrackingId, CancellationToken cancellationToken = default);
}
