using System.Globalization;

namespace PartnerCenter.BatchStatus.Cli.Output;

/// <summary>Writes durations for people: <c>0.5 s</c>, <c>12 s</c>, <c>10 min 0 s</c>, <c>2 h 5 min</c>.</summary>
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
}
