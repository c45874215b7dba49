using System.Globalization;
using System.Text;
using WireMock;
using WireMock.Types;
using WireMock.Util;

namespace PartnerCenter.BatchStatus.Testing;

/// <summary>One answer of the fake service: what a poll of a batch gets back.</summary>
internal sealed class FakeAnswer
{
    private const string JsonContentType = "application/json; charset=utf-8";

    private static readonly Encoding Utf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false);

    private FakeAnswer(int statusCode, Func<string> body, string contentType, bool fromPartnerCenter)
    {
        StatusCode = statusCode;
        Body = body;
        ContentType = contentType;
        FromPartnerCenter = fromPartnerCenter;
    }

    public int StatusCode { get; }

    /// <summary>Gets the body; computed when the answer is served, so that it can tell the time then.</summary>
    public Func<string> Body { get; }

    public string ContentType { get; }

    /// <summary>
    /// Gets a value indicating whether the service itself answers: then the answer carries its headers
    /// (<c>MS-RequestId</c>, <c>MS-CorrelationId</c>, <c>MS-CV</c>, <c>MS-ServerId</c>); a gateway's page does not.
    /// </summary>
    public bool FromPartnerCenter { get; }

    public Dictionary<string, string> Headers { get; } = new(StringComparer.OrdinalIgnoreCase);

    public TimeSpan? Delay { get; set; }

    /// <summary>Gets the id of the WireMock mapping that serves the answer; stable, so the mapping can be replaced.</summary>
    public Guid MappingGuid { get; } = Guid.NewGuid();

    public static FakeAnswer Json(Func<string> body, int statusCode = 200) => new(statusCode, body, JsonContentType, fromPartnerCenter: true);

    public static FakeAnswer Raw(int statusCode, string body, string contentType) => new(statusCode, () => body, contentType, fromPartnerCenter: true);

    public static FakeAnswer Error(int statusCode, string code, string description) =>
        new(statusCode, () => PartnerCenterErrorBody.Write(code, description), JsonContentType, fromPartnerCenter: true);

    public static FakeAnswer GatewayPage(int statusCode, string html) => new(statusCode, () => html, "text/html; charset=utf-8", fromPartnerCenter: false);

    /// <summary>Builds the response, after the answer's delay (cut short when the fake service stops).</summary>
    public async Task<IResponseMessage> CreateAsync(IRequestMessage request, CancellationToken stopping)
    {
        if (Delay is { } delay)
        {
            // Not WireMock's own delay: that one cannot be cancelled, and a pending answer holds up the server's shutdown.
            await Task.Delay(delay, stopping).ConfigureAwait(false);
        }

        return Create(request);
    }

    public IResponseMessage Create(IRequestMessage request)
    {
        var headers = new Dictionary<string, WireMockList<string>>(StringComparer.OrdinalIgnoreCase)
        {
            ["Content-Type"] = new(ContentType),
        };

        if (FromPartnerCenter)
        {
            // As the real service does: echo the caller's ids, or make them up when the caller sent none.
            headers[PartnerCenterHeaderNames.RequestId] = new(EchoOrNew(request, PartnerCenterHeaderNames.RequestId));
            headers[PartnerCenterHeaderNames.CorrelationId] = new(EchoOrNew(request, PartnerCenterHeaderNames.CorrelationId));
            headers[PartnerCenterHeaderNames.CorrelationVector] = new(NewCorrelationVector());
            headers[PartnerCenterHeaderNames.ServerId] = new(FakePartnerCenter.ServerId);
        }

        foreach (var header in Headers)
        {
            headers[header.Key] = new(header.Value);
        }

        return new ResponseMessage
        {
            StatusCode = StatusCode,
            Headers = headers,
            BodyData = new BodyData
            {
                BodyAsString = Body(),
                DetectedBodyType = BodyType.String,
                Encoding = Utf8,
            },
        };
    }

    internal static string? FirstHeader(IRequestMessage request, string name)
    {
        if (request.Headers is null)
        {
            return null;
        }

        foreach (var header in request.Headers)
        {
            if (string.Equals(header.Key, name, StringComparison.OrdinalIgnoreCase) && header.Value.Count > 0)
            {
                return header.Value[0];
            }
        }

        return null;
    }

    private static string EchoOrNew(IRequestMessage request, string name) =>
        FirstHeader(request, name) is { Length: > 0 } sent ? sent : Guid.NewGuid().ToString("D", CultureInfo.InvariantCulture);

    private static string NewCorrelationVector() =>
        Convert.ToBase64String(Guid.NewGuid().ToByteArray())[..16].Replace('+', 'A').Replace('/', 'B') + ".0";
}
