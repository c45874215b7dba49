using System.Globalization;

namespace PartnerCenter.BatchStatus.Testing;

/// <summary>One answer of the fake service; its body is written when it is served, so that it can tell the time then.</summary>
/// <param name="StatusCode">The HTTP status code.</param>
/// <param name="Body">Writes the body.</param>
/// <param name="ContentType">The body's media type.</param>
/// <param name="FromPartnerCenter">
/// Whether the service itself answers: then the answer carries its headers (<c>MS-RequestId</c>, <c>MS-CorrelationId</c>,
/// <c>MS-CV</c>, <c>MS-ServerId</c>); a gateway's page does not.
/// </param>
internal sealed record FakeAnswer(int StatusCode, Func<string> Body, string ContentType = FakeAnswer.Json, bool FromPartnerCenter = true)
{
    public const string Json = "application/json; charset=utf-8";

    /// <summary>Gets the headers the answer sets on top of (or in place of) the service's own.</summary>
    public IReadOnlyDictionary<string, string> Headers { get; init; } = new Dictionary<string, string>();

    /// <summary>Gets or sets how long the answer takes to arrive, on the service's clock.</summary>
    public TimeSpan? Delay { get; set; }

    public static FakeAnswer Error(int statusCode, string code, string description) =>
        new(statusCode, () => BatchBody.Error(code, description));

    /// <summary>A <c>429</c> with <c>Retry-After</c> in whole seconds, rounded up.</summary>
    public static FakeAnswer Throttled(TimeSpan retryAfter)
    {
        var seconds = ((long)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        return Error(429, "429", $"Too many requests. Retry after {seconds} seconds.") with { Headers = new Dictionary<string, string> { ["Retry-After"] = seconds } };
    }
}
