using System.Diagnostics;
using Microsoft.Extensions.Logging;
using PartnerCenter.BatchStatus.Errors;

namespace PartnerCenter.BatchStatus.Http;

/// <summary>
/// Outermost handler: traces each logical call with an activity of the <c>PartnerCenter.BatchStatus</c> source and
/// logs one line for it, once all its attempts are over.
/// </summary>
internal sealed class PartnerCenterTelemetryHandler : DelegatingHandler
{
    private readonly ILogger _logger;
    private readonly TimeProvider _timeProvider;

    public PartnerCenterTelemetryHandler(ILogger logger, TimeProvider timeProvider)
    {
        _logger = logger;
        _timeProvider = timeProvider;
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var call = PartnerCenterCall.GetOrCreate(request);
        using var activity = PartnerCenterDiagnostics.ActivitySource.StartActivity("GetBatchJobStatus", ActivityKind.Client);
        call.Activity = activity;
        if (activity is not null && request.RequestUri is { IsAbsoluteUri: true } uri)
        {
            activity.SetTag("http.request.method", request.Method.Method);
            activity.SetTag("server.address", uri.Host);
            activity.SetTag("server.port", uri.Port);
            activity.SetTag("url.path", uri.AbsolutePath);
        }

        var started = _timeProvider.GetTimestamp();
        var method = request.Method.Method;
        var path = request.RequestUri is { IsAbsoluteUri: true } absolute ? absolute.AbsolutePath : request.RequestUri?.OriginalString ?? string.Empty;
        try
        {
            var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
            var elapsed = (long)_timeProvider.GetElapsedTime(started).TotalMilliseconds;
            var status = (int)response.StatusCode;

            // Ids as sent, so that they match what the caller sees on the result or the exception.
            var requestId = PartnerCenterHeaderValues.First(request.Headers, PartnerCenterHeaderNames.RequestId);
            var correlationId = PartnerCenterHeaderValues.First(request.Headers, PartnerCenterHeaderNames.CorrelationId);
            Complete(activity, call, requestId, correlationId);
            activity?.SetTag("http.response.status_code", status);
            if (response.IsSuccessStatusCode)
            {
                PartnerCenterLog.CallSucceeded(_logger, method, path, status, call.Attempts, elapsed, requestId, correlationId);
            }
            else
            {
                activity?.SetStatus(ActivityStatusCode.Error);
                activity?.SetTag("error.type", status.ToString(System.Globalization.CultureInfo.InvariantCulture));
                PartnerCenterLog.CallAnsweredWithError(_logger, method, path, status, call.Attempts, elapsed, requestId, correlationId);
            }

            return response;
        }
        catch (Exception exception)
        {
            var elapsed = (long)_timeProvider.GetElapsedTime(started).TotalMilliseconds;
            var requestId = PartnerCenterHeaderValues.First(request.Headers, PartnerCenterHeaderNames.RequestId);
            var correlationId = PartnerCenterHeaderValues.First(request.Headers, PartnerCenterHeaderNames.CorrelationId);
            Complete(activity, call, requestId, correlationId);
            if (exception is OperationCanceledException && cancellationToken.IsCancellationRequested)
            {
                activity?.SetTag("error.type", "canceled");
                PartnerCenterLog.CallCanceled(_logger, method, path, call.Attempts, elapsed, requestId, correlationId);
            }
            else
            {
                var errorType = exception.GetType().FullName ?? exception.GetType().Name;
                activity?.SetStatus(ActivityStatusCode.Error, exception.Message);
                activity?.SetTag("error.type", errorType);
                PartnerCenterLog.CallFailed(_logger, exception, method, path, errorType, call.Attempts, elapsed, requestId, correlationId);
            }

            throw;
        }
    }

    private static void Complete(Activity? activity, PartnerCenterCall call, string? requestId, string? correlationId)
    {
        call.Activity = null;
        if (activity is null)
        {
            return;
        }

        activity.SetTag("partnercenter.request_id", requestId);
        activity.SetTag("partnercenter.correlation_id", correlationId);
        activity.SetTag("partnercenter.attempts", call.Attempts);
    }
}
