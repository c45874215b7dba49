using System.Globalization;
using PartnerCenter.BatchStatus.Errors;
using Polly.Timeout;

namespace PartnerCenter.BatchStatus.Http;

/// <summary>
/// Bounds a logical call (all its attempts and the waits between them) by <see cref="BatchStatusClientOptions.Timeout"/>,
/// and tells a timeout from the caller's own cancellation: a timeout becomes <see cref="PartnerCenterTimeoutException"/>,
/// never a <see cref="TaskCanceledException"/>; the caller's cancellation stays an <see cref="OperationCanceledException"/>.
/// </summary>
internal sealed class PartnerCenterTimeoutHandler : DelegatingHandler
{
    private readonly TimeSpan _timeout;
    private readonly TimeSpan _attemptTimeout;
    private readonly TimeProvider _timeProvider;

    public PartnerCenterTimeoutHandler(TimeSpan timeout, TimeSpan attemptTimeout, TimeProvider timeProvider)
    {
        _timeout = timeout;
        _attemptTimeout = attemptTimeout;
        _timeProvider = timeProvider;
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var call = PartnerCenterCall.GetOrCreate(request);
        var bounded = _timeout != Timeout.InfiniteTimeSpan;
        using var timeoutSource = bounded ? new CancellationTokenSource(_timeout, _timeProvider) : new CancellationTokenSource();
        // Most callers pass no token (or one that can never be cancelled): then the bound's own token will do.
        using var linkedSource = cancellationToken.CanBeCanceled
            ? CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeoutSource.Token)
            : null;
        if (bounded)
        {
            call.Deadline = _timeProvider.GetUtcNow() + _timeout;
        }

        try
        {
            return await base.SendAsync(request, linkedSource?.Token ?? timeoutSource.Token).ConfigureAwait(false);
        }
        catch (Exception exception) when (!cancellationToken.IsCancellationRequested && timeoutSource.IsCancellationRequested
                                          && exception is OperationCanceledException or HttpRequestException or TimeoutRejectedException)
        {
            throw TimedOut(request, call, $"did not complete within {Describe(_timeout)} ({nameof(BatchStatusClientOptions)}.{nameof(BatchStatusClientOptions.Timeout)})", _timeout, exception);
        }
        catch (TimeoutRejectedException exception) when (!cancellationToken.IsCancellationRequested)
        {
            throw TimedOut(request, call, $"got no answer within {Describe(_attemptTimeout)} ({nameof(BatchStatusClientOptions)}.{nameof(BatchStatusClientOptions.Retry)}.{nameof(BatchStatusRetryOptions.AttemptTimeout)}) on its last attempt", _attemptTimeout, exception);
        }
    }

    private static PartnerCenterTimeoutException TimedOut(HttpRequestMessage request, PartnerCenterCall call, string what, TimeSpan bound, Exception inner)
    {
        var requestId = PartnerCenterHeaderValues.First(request.Headers, PartnerCenterHeaderNames.RequestId);
        var correlationId = PartnerCenterHeaderValues.First(request.Headers, PartnerCenterHeaderNames.CorrelationId);
        var message = string.Create(
            CultureInfo.InvariantCulture,
            $"The call to Partner Center {what}, after {call.Attempts} attempt(s). Request id: {requestId ?? "(none)"}, correlation id: {correlationId ?? "(none)"}.");
        return new PartnerCenterTimeoutException(message, bound, requestId, correlationId, inner);
    }

    private static string Describe(TimeSpan span) =>
        span.TotalSeconds >= 1
            ? span.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture) + " s"
            : span.TotalMilliseconds.ToString("0.###", CultureInfo.InvariantCulture) + " ms";
}
