using PartnerCenter.BatchStatus.Http;

namespace PartnerCenter.BatchStatus;

/// <summary>
/// Thrown by the generated operation for any answer but a readable 200, and by an attempt whose body broke off. It never
/// leaves the client: the call maps it, once all attempts are over, to <see cref="PartnerCenterApiException"/>.
/// </summary>
internal sealed class RestResponseException : Exception
{
    /// <summary>The constructor the generated code calls.</summary>
    public RestResponseException(string message, int statusCode, string? response, IReadOnlyDictionary<string, IEnumerable<string>> headers, Exception? innerException)
        : base(message, innerException)
    {
        StatusCode = statusCode;
        Response = string.IsNullOrEmpty(response) ? null : response;
        Headers = headers;
    }

    public int StatusCode { get; }

    /// <summary>Gets the body as far as it was read, or <see langword="null"/>.</summary>
    public string? Response { get; private set; }

    public IReadOnlyDictionary<string, IEnumerable<string>> Headers { get; private set; }

    /// <summary>Gets a value indicating whether the body broke off (a transport fault after the headers), which a retry may cure.</summary>
    public bool BodyBrokeOff { get; private init; }

    /// <summary>An answer whose body could not be read to its end: the connection dropped or the body was cut short.</summary>
    public static RestResponseException BrokenBody(ResponseCapture capture, Exception fault) =>
        new("its body broke off: " + fault.Message, capture.StatusCode, capture.GetText(), capture.CopyHeaders(), fault) { BodyBrokeOff = true };

    /// <summary>
    /// Takes the body from the capture: the generated code keeps none of a 200 (it reads it as a stream), and of an error
    /// only the bytes it was given, without saying that the body went on. The headers are taken again without the token
    /// the attempt sent, should the service echo it.
    /// </summary>
    public void FillBodyFrom(ResponseCapture capture)
    {
        Response = capture.GetText() ?? Response;
        Headers = capture.CopyHeaders(Headers);
    }
}
