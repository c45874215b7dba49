using System.Net.Http.Headers;

namespace PartnerCenter.BatchStatus.Http;

/// <summary>
/// Adds the Partner Center request headers once per logical call. It sits outside the retries, so every retry of a
/// call sends the same <c>MS-RequestId</c> (the service uses it for idempotency) and the next call sends a new one.
/// </summary>
/// <remarks>
/// <c>MS-Contract-Version</c> is deliberately not sent. The headers page marks it "required" with the ambiguous
/// value "usually api-version: v1", yet the version is already in the path (<c>/v1/</c>), the documented request of
/// this operation does not send it, neither does the official SDK, and the contract does not list it. Sending a value
/// whose format the documentation leaves open could only add a way to be rejected.
/// </remarks>
internal sealed class PartnerCenterHeadersHandler : DelegatingHandler
{
    private static readonly MediaTypeWithQualityHeaderValue Json = new("application/json");

    private readonly string _locale;
    private readonly string? _applicationName;

    public PartnerCenterHeadersHandler(string locale, string? applicationName)
    {
        _locale = locale;
        _applicationName = applicationName;
    }

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var headers = request.Headers;

        // A value already on the request (set by the caller's own handler) wins: it may be a deliberate reuse.
        if (!headers.Contains(PartnerCenterHeaderNames.RequestId))
        {
            headers.TryAddWithoutValidation(PartnerCenterHeaderNames.RequestId, Guid.NewGuid().ToString());
        }

        if (!headers.Contains(PartnerCenterHeaderNames.CorrelationId))
        {
            var correlationId = PartnerCenterCorrelation.Current ?? Guid.NewGuid();
            headers.TryAddWithoutValidation(PartnerCenterHeaderNames.CorrelationId, correlationId.ToString());
        }

        headers.Remove(PartnerCenterHeaderNames.Locale);
        headers.TryAddWithoutValidation(PartnerCenterHeaderNames.Locale, _locale);

        if (_applicationName is not null && !headers.Contains(PartnerCenterHeaderNames.Application))
        {
            headers.TryAddWithoutValidation(PartnerCenterHeaderNames.Application, _applicationName);
        }

        if (headers.Accept.Count == 0)
        {
            headers.Accept.Add(Json);
        }

        return base.SendAsync(request, cancellationToken);
    }
}
