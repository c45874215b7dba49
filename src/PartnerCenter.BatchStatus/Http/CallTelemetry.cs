using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Logging;

namespace PartnerCenter.BatchStatus.Http;

/// <summary>
/// One activity (source <c>PartnerCenter.BatchStatus</c>) and one log line per logical call, with a <c>retry</c> event per
/// retry. Only allow-listed values: method, path, status, ids, attempts, elapsed time; never a header value or a token.
/// </summary>
internal static class CallTelemetry
{
    private const string Method = "GET";

    public static Activity? Start(CallState call, Uri baseAddress)
    {
        var activity = PartnerCenterDiagnostics.ActivitySource.StartActivity("GetBatchJobStatus", ActivityKind.Client);
        activity?.SetTag("http.request.method", Method).SetTag("server.address", baseAddress.Host)
            .SetTag("server.port", baseAddress.Port).SetTag("url.path", PathOf(call, baseAddress));

        return activity;
    }

    public static void Retrying(CallState call, Exception? exception, TimeSpan delay)
    {
        var tags = new ActivityTagsCollection { ["partnercenter.attempt"] = call.Attempts, ["partnercenter.retry_delay_ms"] = delay.TotalMilliseconds };
        if (exception is RestResponseException answer)
        {
            tags["http.response.status_code"] = answer.StatusCode;
        }
        else if (exception is not null)
        {
            tags["error.type"] = exception.GetType().FullName;
        }

        call.Activity?.AddEvent(new ActivityEvent("retry", tags: tags));
    }

    public static void Answered(ILogger logger, CallState call, int status, TimeSpan elapsed, Uri baseAddress)
    {
        Complete(call);
        call.Activity?.SetTag("http.response.status_code", status);
        if (logger.IsEnabled(LogLevel.Information))
        {
            PartnerCenterLog.CallSucceeded(logger, Method, PathOf(call, baseAddress), status, call.Attempts, (long)elapsed.TotalMilliseconds, call.RequestIdText, call.CorrelationIdText);
        }
    }

    public static void Failed(ILogger logger, CallState call, Exception exception, bool canceled, TimeSpan elapsed, Uri baseAddress)
    {
        Complete(call);
        var activity = call.Activity;
        var milliseconds = (long)elapsed.TotalMilliseconds;
        if (canceled && exception is OperationCanceledException)
        {
            activity?.SetTag("error.type", "canceled");
            PartnerCenterLog.CallCanceled(logger, Method, PathOf(call, baseAddress), call.Attempts, milliseconds, call.RequestIdText, call.CorrelationIdText);
        }
        else if (exception is PartnerCenterApiException answer)
        {
            var status = answer.StatusCode.ToString(CultureInfo.InvariantCulture);
            activity?.SetTag("http.response.status_code", answer.StatusCode);
            activity?.SetStatus(ActivityStatusCode.Error);
            activity?.SetTag("error.type", status);
            PartnerCenterLog.CallAnsweredWithError(logger, Method, PathOf(call, baseAddress), answer.StatusCode, call.Attempts, milliseconds, call.RequestIdText, call.CorrelationIdText);
        }
        else
        {
            var errorType = exception.GetType().FullName ?? exception.GetType().Name;
            activity?.SetStatus(ActivityStatusCode.Error, exception.Message);
            activity?.SetTag("error.type", errorType);
            PartnerCenterLog.CallFailed(logger, exception, Method, PathOf(call, baseAddress), errorType, call.Attempts, milliseconds, call.RequestIdText, call.CorrelationIdText);
        }
    }

    private static void Complete(CallState call) =>
        call.Activity?.SetTag("partnercenter.request_id", call.RequestIdText).SetTag("partnercenter.correlation_id", call.CorrelationIdText)
            .SetTag("partnercenter.attempts", call.Attempts);

    private static string PathOf(CallState call, Uri baseAddress) =>
        string.Create(CultureInfo.InvariantCulture, $"{baseAddress.AbsolutePath}v1/customers/{call.CustomerId}/batchJobStatus/{call.BatchTrackingId}");
}
