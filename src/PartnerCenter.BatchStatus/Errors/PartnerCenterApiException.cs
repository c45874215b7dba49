using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using PartnerCenter.BatchStatus.Errors;

namespace PartnerCenter.BatchStatus;

/// <summary>
/// Partner Center answered with an error status, or with a body that could not be read.
/// </summary>
/// <remarks>
/// Carries what an operator needs: the status, the service's error code and description, the request and
/// correlation ids to quote to Microsoft support, and how long to wait when throttled. The response body is
/// kept (bounded to 16 KiB of characters) in <see cref="ResponseBody"/>; it never
/// appears in <see cref="Exception.Message"/>. Nothing of the request's credentials is ever kept.
/// </remarks>
public class PartnerCenterApiException : Exception
{
    /// <summary>The most characters of a response body that <see cref="ResponseBody"/> keeps.</summary>
    internal const int MaxResponseBodyLength = 16 * 1024;

    /// <summary>The Partner Center error code for an app+user call made without multi-factor authentication.</summary>
    internal const string MfaRequiredErrorCode = "900421";

    /// <summary>The error code older Partner Center paths use for the same rejection ("MFA required").</summary>
    internal const string LegacyMfaRequiredErrorCode = "10001";

    internal const string TruncationMarker = "…(truncated)";

    private const int MaxDescriptionLength = 1024;

    private static readonly IReadOnlyDictionary<string, IEnumerable<string>> NoHeaders =
        new Dictionary<string, IEnumerable<string>>();

    private string _message;

    /// <summary>Initializes a new instance of the <see cref="PartnerCenterApiException"/> class.</summary>
    /// <param name="message">What went wrong, without the response body.</param>
    /// <param name="statusCode">The HTTP status code of the response.</param>
    /// <param name="responseBody">The response body, if any was read; it is kept bounded.</param>
    /// <param name="headers">The response headers.</param>
    /// <param name="innerException">The exception that prevented reading the body, if any.</param>
    public PartnerCenterApiException(
        string message,
        int statusCode,
        string? responseBody,
        IReadOnlyDictionary<string, IEnumerable<string>>? headers,
        Exception? innerException)
        : this(message, statusCode, responseBody, headers, innerException, null, null, DateTimeOffset.UtcNow)
    {
    }

    /// <summary>Initializes a new instance of the <see cref="PartnerCenterApiException"/> class for a call the client made.</summary>
    internal PartnerCenterApiException(
        string message,
        int statusCode,
        string? responseBody,
        IReadOnlyDictionary<string, IEnumerable<string>>? headers,
        Exception? innerException,
        string? sentRequestId,
        string? sentCorrelationId,
        DateTimeOffset now)
        : base(message, innerException)
    {
        Headers = headers ??= NoHeaders;
        StatusCode = statusCode;
        ResponseBody = Bound(responseBody);
        (ErrorCode, var description) = ServiceError.Read(ResponseBody);
        ErrorDescription = description is { Length: > MaxDescriptionLength } ? description[..MaxDescriptionLength] + TruncationMarker : description;
        RequestId = PartnerCenterHeaderValues.Id(headers, PartnerCenterHeaderNames.RequestId) ?? sentRequestId;
        CorrelationId = PartnerCenterHeaderValues.Id(headers, PartnerCenterHeaderNames.CorrelationId) ?? sentCorrelationId;
        RetryAfter = PartnerCenterHeaderValues.RetryAfter(PartnerCenterHeaderValues.First(headers, "Retry-After"), now);
        _message = ComposeMessage(message, innerException);
    }

    /// <inheritdoc/>
    public override string Message => _message;

    /// <summary>
    /// Creates the exception of a call that was not sent: an earlier throttled answer paused the client until
    /// <paramref name="until"/>, past the call's deadline.
    /// </summary>
    internal static PartnerCenterApiException ClientPaused(DateTimeOffset until, DateTimeOffset now, string requestId, string correlationId)
    {
        var left = until > now ? until - now : TimeSpan.Zero;
        return new PartnerCenterApiException(string.Empty, 429, null, null, null, requestId, correlationId, now)
        {
            RetryAfter = left,
            _message = string.Create(
                CultureInfo.InvariantCulture,
                $"The call was throttled before it was sent: an earlier throttled answer (429) paused every call of this client until {PartnerCenterHeaderValues.Utc(until)} ({left.TotalSeconds:0.###} s from now), past this call's deadline, so nothing was sent. Call again after that. Request id: {requestId} (not sent), correlation id: {correlationId}."),
        };
    }

    /// <summary>Gets the HTTP status code of the response.</summary>
    public int StatusCode { get; }

    /// <summary>Gets the service's error code (such as <c>900421</c>), when the body carried one.</summary>
    public string? ErrorCode { get; }

    /// <summary>Gets the service's description of the error, when the body carried one.</summary>
    public string? ErrorDescription { get; }

    /// <summary>
    /// Gets the <c>MS-RequestId</c> of the call: the one the service answered with (its control characters written as <c>\u001B</c>, at most 128 characters kept), or else the
    /// one the client sent.
    /// </summary>
    public string? RequestId { get; }

    /// <summary>
    /// Gets the <c>MS-CorrelationId</c> of the call: the one the service answered with (its control characters written as <c>\u001B</c>, at most 128 characters kept), or else the
    /// one the client sent.
    /// </summary>
    public string? CorrelationId { get; }

    /// <summary>
    /// Gets how long the service asked to wait before the next call, from <c>Retry-After</c>; for a call that was not
    /// sent because an earlier throttled answer paused the client past the call's deadline (status 429, no headers), the
    /// time left of that pause.
    /// </summary>
    public TimeSpan? RetryAfter { get; private init; }

    /// <summary>
    /// Gets the response body as far as it was read, at most 16,384 characters;
    /// <see langword="null"/> when it was empty.
    /// </summary>
    public string? ResponseBody { get; }

    /// <summary>Gets the response headers.</summary>
    public IReadOnlyDictionary<string, IEnumerable<string>> Headers { get; }

    /// <summary>Gets a value indicating whether the call was rejected because the user signed in without multi-factor authentication.</summary>
    public bool IsMfaRequired => IsMfaRejection(StatusCode, ErrorCode);

    private static bool IsMfaRejection(int statusCode, string? errorCode) =>
        statusCode == (int)HttpStatusCode.Unauthorized && errorCode is MfaRequiredErrorCode or LegacyMfaRequiredErrorCode;

    private string ComposeMessage(string generatedMessage, Exception? innerException)
    {
        var status = StatusCode;
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"Partner Center answered {status} ({ReasonPhrase(status)})");
        if (status is >= 200 and < 300 && status != (int)HttpStatusCode.OK && innerException is null)
        {
            // The generated text for this case describes the error body of the contract, which says nothing here.
            text.Append(", which is not the 200 (OK) this operation answers with");
        }
        else if (status is >= 200 and < 300)
        {
            // The status was fine; the body was not (empty, truncated, not JSON).
            text.Append(", but its body could not be read: ").Append(innerException?.Message ?? generatedMessage);
        }

        if (ErrorCode is not null || ErrorDescription is not null)
        {
            text.Append(". Error").Append(ErrorCode is null ? "" : " " + ErrorCode)
                .Append(ErrorDescription is null ? "" : ": " + ErrorDescription.TrimEnd('.'));
        }

        text.Append('.');
        if (IsMfaRejection(status, ErrorCode))
        {
            text.Append(" Partner Center requires multi-factor authentication for app+user calls: sign in again with MFA, ")
                .Append("or renew the consent and refresh token of the secure application model with MFA.");
        }

        if (status is >= 300 and < 400)
        {
            // Only the origin, without user information: a redirect's path, query or user part may carry something that
            // does not belong in a log.
            var target = Uri.TryCreate(PartnerCenterHeaderValues.First(Headers, "Location"), UriKind.Absolute, out var uri)
                         && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp)
                ? " redirects to " + uri.GetComponents(UriComponents.SchemeAndServer, UriFormat.UriEscaped) + ", which"
                : " is a redirect, which";
            text.Append(" The answer").Append(target)
                .Append(" the client does not follow: this operation is never redirected by the service, and a token must not follow a redirect.");
        }

        if (status == 429)
        {
            text.Append(" The call was throttled")
                .Append(RetryAfter is { } wait ? string.Create(CultureInfo.InvariantCulture, $"; the service asked to wait {wait.TotalSeconds:0.###} s") : "").Append('.');
        }

        text.Append(" Request id: ").Append(RequestId ?? "(none)")
            .Append(", correlation id: ").Append(CorrelationId ?? "(none)").Append('.');
        return text.ToString();
    }

    private static string ReasonPhrase(int status) =>
        Enum.IsDefined(typeof(HttpStatusCode), status) ? ((HttpStatusCode)status).ToString() : "unknown status";

    private static string? Bound(string? body) =>
        string.IsNullOrEmpty(body) ? null : body.Length <= MaxResponseBodyLength ? body : body[..MaxResponseBodyLength] + TruncationMarker;
}
