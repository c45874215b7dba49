using System.Globalization;

namespace PartnerCenter.BatchStatus.Cli.Output;

/// <summary>Writes durations for people: <c>0.5 s</c>, <c>12 s</c>, <c>10 min 0 s</c>, <c>2 h 5 min</c>; when they end; and counts, <c>1 device</c>, <c>3 devices</c>.</summary>
internal static class Durations
{
    /// <summary>Formats a duration.</summary>
    /// <param name="duration">The duration; a negative one is written as zero.</param>
    /// <returns>The text.</returns>
    public static string Format(TimeSpan duration)
    {
        if (duration < TimeSpan.Zero)
        {
            duration = TimeSpan.Zero;
        }

        var culture = CultureInfo.InvariantCulture;
        if (duration >= TimeSpan.FromHours(1))
        {
            return string.Create(culture, $"{(long)duration.TotalHours} h {duration.Minutes} min");
        }

        if (duration >= TimeSpan.FromMinutes(1))
        {
            return string.Create(culture, $"{(long)duration.TotalMinutes} min {duration.Seconds} s");
        }

        return duration >= TimeSpan.FromSeconds(10)
            ? string.Create(culture, $"{(long)duration.TotalSeconds} s")
            : string.Create(culture, $"{Math.Floor(duration.TotalSeconds * 10) / 10:0.0} s");
    }

    /// <summary>Writes when a wait that starts now ends, in UTC: the time of day, with the date when it is not today.</summary>
    /// <param name="now">Now.</param>
    /// <param name="wait">The wait; a negative one ends now.</param>
    /// <param name="withZone">Whether to end with <c> UTC</c>.</param>
    /// <returns>The text, such as <c>14:05:09 UTC</c> or <c>2026-12-03 14:05:09 UTC</c>.</returns>
    public static string Until(DateTimeOffset now, TimeSpan wait, bool withZone = true)
    {
        var start = now.ToUniversalTime();
        var end = wait <= TimeSpan.Zero ? start : wait >= DateTimeOffset.MaxValue - start ? DateTimeOffset.MaxValue : start + wait;
        var text = end.ToString(end.Date == start.Date ? "HH:mm:ss" : "yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
        return withZone ? text + " UTC" : text;
    }

    /// <summary>Counts something in words, such as <c>1 device</c> or <c>3 devices</c>.</summary>
    /// <param name="count">How many.</param>
    /// <param name="one">The word for one.</param>
    /// <param name="many">The word for any other number.</param>
    /// <returns>The count and the word.</returns>
    public static string Count(int count, string one, string many) =>
        count == 1 ? "1 " + one : count.ToString(CultureInfo.InvariantCulture) + " " + many;
}
