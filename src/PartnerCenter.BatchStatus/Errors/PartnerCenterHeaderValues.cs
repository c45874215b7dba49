using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Net.Http.Headers;

namespace PartnerCenter.BatchStatus.Errors;

internal static class PartnerCenterHeaderValues
{
    public static string? First(HttpHeaders? headers, string name) =>
        headers is not null && headers.TryGetValues(name, out var values) ? values.FirstOrDefault() : null;

    public static string? First(IReadOnlyDictionary<string, IEnumerable<string>>? headers, string name) =>
        headers?.FirstOrDefault(header => string.Equals(header.Key, name, StringComparison.OrdinalIgnoreCase)).Value?.FirstOrDefault();

    /// <summary>The most characters of an id header that are kept: Partner Center's ids are GUIDs.</summary>
    public const int MaxIdLength = 128;

    /// <summary>
    /// Reads an id header (<c>MS-RequestId</c>, <c>MS-CorrelationId</c>) to quote in messages and logs: its first value,
    /// printable (see <see cref="Printable"/>) and at most <see cref="MaxIdLength"/> characters.
    /// </summary>
    public static string? Id(HttpHeaders? headers, string name) => Id(First(headers, name));

    /// <inheritdoc cref="Id(HttpHeaders?, string)"/>
    public static string? Id(IReadOnlyDictionary<string, IEnumerable<string>>? headers, string name) => Id(First(headers, name));

    private static string? Id(string? value) =>
        value is null ? null : Printable(value.Length <= MaxIdLength ? value : value[..MaxIdLength] + "…(truncated)");

    /// <summary>
    /// Writes the control characters of text from the service (such as a terminal's escape sequences) as <c>\u001B</c>,
    /// so that a message or log line shows them instead of acting on them.
    /// </summary>
    [return: NotNullIfNotNull(nameof(text))]
    public static string? Printable(string? text)
    {
        if (text is null || !text.Any(char.IsControl))
        {
            return text;
        }

        var printable = new System.Text.StringBuilder(text.Length + 16);
        foreach (var c in text)
        {
            _ = char.IsControl(c) ? printable.Append(CultureInfo.InvariantCulture, $"\\u{(int)c:X4}") : printable.Append(c);
        }

        return printable.ToString();
    }

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
