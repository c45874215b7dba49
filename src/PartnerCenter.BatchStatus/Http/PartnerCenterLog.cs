using Microsoft.Extensions.Logging;

namespace PartnerCenter.BatchStatus.Http;

/// <summary>
/// The one line logged per call. Only allow-listed values appear: the method, path, status, the request and
/// correlation ids, the attempt count and the elapsed time; never a header's value otherwise, never a token.
/// </summary>
internal static partial class PartnerCenterLog
{
    public const string CategoryName = "PartnerCenter.BatchStatus";

    [LoggerMessage(EventId = 1, EventName = "CallSucceeded", Level = LogLevel.Information,
        Message = "Partner Center {Method} {Path} answered {StatusCode} after {Attempts} attempt(s) in {ElapsedMilliseconds} ms; request id {RequestId}, correlation id {CorrelationId}")]
    public static partial void CallSucceeded(ILogger logger, string method, string path, int statusCode, int attempts, long elapsedMilliseconds, string? requestId, string? correlationId);

    [LoggerMessage(EventId = 2, EventName = "CallAnsweredWithError", Level = LogLevel.Warning,
        Message = "Partner Center {Method} {Path} answered {StatusCode} after {Attempts} attempt(s) in {ElapsedMilliseconds} ms; request id {RequestId}, correlation id {CorrelationId}")]
    public static partial void CallAnsweredWithError(ILogger logger, string method, string path, int statusCode, int attempts, long elapsedMilliseconds, string? requestId, string? correlationId);

    [LoggerMessage(EventId = 3, EventName = "CallFailed", Level = LogLevel.Warning,
        Message = "Partner Center {Method} {Path} failed with {ErrorType} after {Attempts} attempt(s) in {ElapsedMilliseconds} ms; request id {RequestId}, correlation id {CorrelationId}")]
    public static partial void CallFailed(ILogger logger, Exception exception, string method, string path, string errorType, int attempts, long elapsedMilliseconds, string? requestId, string? correlationId);

    [LoggerMessage(EventId = 4, EventName = "CallCanceled", Level = LogLevel.Information,
        Message = "Partner Center {Method} {Path} was canceled by the caller after {Attempts} attempt(s) in {ElapsedMilliseconds} ms; request id {RequestId}, correlation id {CorrelationId}")]
    public static partial void CallCanceled(ILogger logger, string method, string path, int attempts, long elapsedMilliseconds, string? requestId, string? correlationId);
}
