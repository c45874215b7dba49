using System.Globalization;
using Microsoft.Extensions.Logging;

namespace PartnerCenter.BatchStatus.Http;

/// <summary>
/// The one line logged per call, and a warning for an answer with values the models could not hold. Only allow-listed
/// values appear: the method, path, status, the request and correlation ids, the attempt count, the elapsed time and
/// the JSON paths of unread values; never a header's value otherwise, never a body's value, never a token.
/// </summary>
internal static partial class PartnerCenterLog
{
    public const string CategoryName = "PartnerCenter.BatchStatus";

    /// <summary>How many paths of unread values a log line lists.</summary>
    public const int MaxPathsListed = 20;

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

    [LoggerMessage(EventId = 5, EventName = "ValuesNotRead", Level = LogLevel.Warning,
        Message = "Partner Center's answer held {UnreadCount} value(s) that the client could not read into its models (kept in Response.Content): {UnreadPaths}; request id {RequestId}, correlation id {CorrelationId}")]
    public static partial void ValuesNotRead(ILogger logger, int unreadCount, string unreadPaths, string? requestId, string? correlationId);

    /// <summary>Lists JSON paths for a log line: never a value, and at most <see cref="MaxPathsListed"/> of them.</summary>
    public static string ListPaths(IReadOnlyList<string> paths, int count) =>
        count <= MaxPathsListed
            ? string.Join(", ", paths)
            : string.Join(", ", paths.Take(MaxPathsListed)) + string.Create(CultureInfo.InvariantCulture, $" and {count - MaxPathsListed} more");
}
