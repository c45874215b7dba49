using System.Globalization;
using System.Net.Http.Headers;

namespace PartnerCenter.BatchStatus.Errors;

internal static class PartnerCenterHeaderValues
{
    public static string? First(HttpHeaders? headers, string name) =>
        headers is not null && headers.TryGetValues(name, out var values) ? values.FirstOrDefault() : null;

    public static string? First(IReadOnlyDictionary<string, IEnumerable<string>>? headers, string name)
    {
        if (headers is null)
        {
            return null;
        }

        foreach (var header in headers)
        {
            if (string.Equals(header.Key, name, StringComparison.OrdinalIgnoreCase))
            {
                return header.Value.FirstOrDefault();
            }
        }

        return null;
    }

    /// <summary>Reads <c>Retry-After</c> as seconds or as an HTTP date; a date in the past means no wait.</summary>
    public static TimeSpan? RetryAfter(string? value, DateTimeOffset now)
    {
        if (value is null)
        {
            return null;
        }

        return RetryConditionHeaderValue.TryParse(value, out var parsed) ? RetryAfter(parsed, now) : null;
    }

    public static TimeSpan? RetryAfter(RetryConditionHeaderValue? value, DateTimeOffset now)
    {
        if (value?.Delta is { } delta)
        {
            return delta;
        }

        if (value?.Date is { } date)
        {
            var wait = date - now;
            return wait > TimeSpan.Zero ? wait : TimeSpan.Zero;
        }

        return null;
    }
}
