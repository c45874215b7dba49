using System.Text;

namespace PartnerCenter.BatchStatus.Cli.Output;

/// <summary>
/// Makes text safe to print on one line of a terminal. Service text (error descriptions, unknown statuses) is
/// untrusted: a line break would break the table and an escape sequence could rewrite the screen.
/// </summary>
internal static class TerminalText
{
    /// <summary>Replaces every control character (line breaks, tabs, escapes) with a space and trims the result.</summary>
    /// <param name="text">The text; <see langword="null"/> gives an empty string.</param>
    /// <returns>The text on one line.</returns>
    public static string OneLine(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return string.Empty;
        }

        var line = new StringBuilder(text.Length);
        var lastWasSpace = false;
        foreach (var c in text)
        {
            var space = char.IsControl(c) || char.IsWhiteSpace(c);
            if (space && lastWasSpace)
            {
                continue;
            }

            line.Append(space ? ' ' : c);
            lastWasSpace = space;
        }

        return line.ToString().Trim();
    }

    /// <summary>Puts text on one line and cuts it to <paramref name="maxLength"/> characters, marking the cut with <c>…</c>.</summary>
    /// <param name="text">The text.</param>
    /// <param name="maxLength">The longest result.</param>
    /// <returns>The shortened text.</returns>
    public static string Shorten(string? text, int maxLength)
    {
        var line = OneLine(text);
        return line.Length <= maxLength ? line : line[..Math.Max(0, maxLength - 1)] + "…";
    }
}
