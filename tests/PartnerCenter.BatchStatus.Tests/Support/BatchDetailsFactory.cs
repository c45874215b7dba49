using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using PartnerCenter.BatchStatus.Serialization;

namespace PartnerCenter.BatchStatus.Tests.Support;

/// <summary>Builds details the way the client reads them, so raw status values behave as on the wire.</summary>
internal static class BatchDetailsFactory
{
    public static BatchUploadDetails Batch(string? status, TimeSpan? retryAfter = null, string devicesJson = "[]")
    {
        var statusJson = status is null ? string.Empty : $"\"status\":\"{status}\",";
        var json = $"{{\"batchTrackingId\":\"{DocumentedIds.BatchTrackingId}\",{statusJson}\"devicesStatus\":{devicesJson}}}";
        var details = JsonSerializer.Deserialize<BatchUploadDetails>(json, BatchStatusJson.Options)!;
        if (retryAfter is { } wait)
        {
            var response = new HttpResponseMessage(HttpStatusCode.OK);
            response.Headers.RetryAfter = new RetryConditionHeaderValue(wait);
            details.Response = new PartnerCenterResponseInfo(200, response.Headers, sentRequestId: null, sentCorrelationId: null, DateTimeOffset.UtcNow);
        }

        return details;
    }

    public static BatchUploadDetails FromJson(string json) => JsonSerializer.Deserialize<BatchUploadDetails>(json, BatchStatusJson.Options)!;

    public static PartnerCenterApiException Throttled(TimeSpan? retryAfter)
    {
        var headers = new Dictionary<string, IEnumerable<string>>();
        if (retryAfter is { } wait)
        {
            headers["Retry-After"] = [((int)wait.TotalSeconds).ToString(System.Globalization.CultureInfo.InvariantCulture)];
        }

        return new PartnerCenterApiException("Too many requests.", 429, null, headers, null);
    }
}
