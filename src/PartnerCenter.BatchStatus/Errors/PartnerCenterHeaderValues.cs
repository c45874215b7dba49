using System.Globalization;
using System.Net.Http.Headers;

namespace PartnerCenter.BatchStatus.Errors;

internal static class PartnerCenterHeaderValues
{
    public static string? First(HttpHeaders? headers, string name) =>
        headers is not null && headers.TryGetValues(name, out var values) ? values.FirstOrDefault() : null;

    public static string? First(IReadOnlyDictionary<string, IEnumerable<string>>? headers, string name) =>
        headers?.FirstOrDefault(header => string.Equals(header.Key, name, StringComparison.OrdinalIgnoreCase)).Value?.FirstOrDefault();

    /// <summary>
    /// Reads <c>Retry-After</c> as seconds (0 to <see cref="int.MaxValue"/>) or as an HTTP date; a date in the past
    /// means no wait, and anything else (negative, fractional, too large, not a date) means the header is not there.
    /// </summary>
    public static TimeSpan? RetryAfter(string? value, DateTimeOffset now) =>
        value is not null && RetryConditionHeaderValue.TryParse(value, out var parsed) ? RetryAfter(parsed, now) : null;

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

    /// <summary>Adds <paramref name="span"/> to <paramref name="instant"/>, stopping at the ends of the calendar instead of overflowing.</summary>
    public static DateTimeOffset Later(DateTimeOffset instant, TimeSpan span)
    {
        var ticks = instant.UtcTicks;
        if (span.Ticks > DateTimeOffset.MaxValue.UtcTicks - ticks)
        {
            return DateTimeOffset.MaxValue;
        }

        return span.Ticks < DateTimeOffset.MinValue.UtcTicks - ticks ? DateTimeOffset.MinValue : new DateTimeOffset(ticks + span.Ticks, TimeSpan.Zero);
    }

    /// <summary>Writes an instant as ISO 8601 UTC to the second, rounded up so that it is never before the instant.</summary>
    public static string Utc(DateTimeOffset instant)
    {
        var ticks = instant.UtcTicks;
        var rounded = ticks % TimeSpan.TicksPerSecond == 0 || DateTimeOffset.MaxValue.UtcTicks - ticks < TimeSpan.TicksPerSecond
            ? ticks - (ticks % TimeSpan.TicksPerSecond)
            : ticks - (ticks % TimeSpan.TicksPerSecond) + TimeSpan.TicksPerSecond;
        return new DateTime(rounded, DateTimeKind.Utc).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
    }
}
