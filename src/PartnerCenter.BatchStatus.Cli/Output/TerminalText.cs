using System.Globalization;
using System.Text;

namespace PartnerCenter.BatchStatus.Cli.Output;

/// <summary>
/// The one sanitiser of text from the service (statuses, error codes and descriptions, ids, header values) on its way
/// to a terminal or a spreadsheet. Service text is untrusted: a line break would break a table, an escape sequence
/// (ESC, or its C1 form) could rewrite the screen or the window title, BEL rings, and a bidirectional override
/// (U+202A-U+202E, U+2066-U+2069) or an invisible format character makes a cell read other than it is.
/// </summary>
/// <remarks>
/// <see cref="OneLine"/> is what every such string goes through; <see cref="Shorten"/> and <see cref="CsvCell"/> build
/// on it. Escape sequences are removed whole (<c>ESC [ 2 J</c> leaves nothing, not <c>[2J</c>); every other control
/// or line separator becomes a space; bidirectional and invisible format characters are dropped.
/// </remarks>
internal static class TerminalText
{
    /// <summary>Puts text on one line, with nothing a terminal or a spreadsheet would act on, and trims it.</summary>
    /// <param name="text">The text; <see langword="null"/> gives an empty string.</param>
    /// <returns>The text on one line.</returns>
    public static string OneLine(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return string.Empty;
        }

        if (IsPlain(text))
        {
            return text;
        }

        var line = new StringBuilder(text.Length);
        var lastWasSpace = true;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c is '\u001b' or '\u009b' or '\u009d' or '\u0090' or '\u009e' or '\u009f')
            {
                i = EndOfEscape(text, i);
                continue;
            }

            if (IsDropped(c))
            {
                continue;
            }

            var space = char.IsControl(c) || char.IsWhiteSpace(c) || char.IsSurrogate(c) && !IsValidPair(text, i);
            if (space)
            {
                if (!lastWasSpace)
                {
                    line.Append(' ');
                }

                lastWasSpace = true;
                continue;
            }

            line.Append(c);
            if (char.IsHighSurrogate(c))
            {
                line.Append(text[++i]);
            }

            lastWasSpace = false;
        }

        return line.ToString().TrimEnd();
    }

    /// <summary>Puts text on one line and cuts it to <paramref name="maxLength"/> characters, marking the cut with <c>…</c>.</summary>
    /// <param name="text">The text.</param>
    /// <param name="maxLength">The longest result.</param>
    /// <returns>The shortened text.</returns>
    public static string Shorten(string? text, int maxLength)
    {
        var line = OneLine(text);
        if (line.Length <= maxLength)
        {
            return line;
        }

        var cut = Math.Max(0, maxLength - 1);
        if (cut > 0 && char.IsHighSurrogate(line[cut - 1]))
        {
            cut--;
        }

        return line[..cut] + "…";
    }

    /// <summary>A status as sent, for a line or a cell: sanitised, shortened, <c>(none)</c> when absent.</summary>
    /// <param name="status">The status.</param>
    /// <param name="maxLength">The most characters shown.</param>
    /// <returns>The text.</returns>
    public static string Status(string? status, int maxLength = 40) => Shorten(status ?? "(none)", maxLength);

    /// <summary>
    /// Makes a value safe for a CSV cell that people open in a spreadsheet: on one line (<see cref="OneLine"/>), and a
    /// value a spreadsheet would run as a formula (starting with <c>=</c>, <c>+</c>, <c>-</c>, <c>@</c>, a tab or a
    /// carriage return, or their full-width forms) prefixed with a single quote, as OWASP's CSV injection guidance says.
    /// </summary>
    /// <param name="text">The value.</param>
    /// <returns>The cell's text, and whether it was neutralised (such a cell is always quoted).</returns>
    public static (string Text, bool Neutralised) CsvCell(string? text)
    {
        var line = OneLine(text);
        return line.Length > 0 && line[0] is '=' or '+' or '-' or '@' or '\t' or '\r' or '＝' or '＋' or '－' or '＠'
            ? ("'" + line, true)
            : (line, false);
    }

    /// <summary>Whether the text needs no change: printable ASCII only, with no leading or trailing space or double space.</summary>
    private static bool IsPlain(string text)
    {
        if (text[0] == ' ' || text[^1] == ' ')
        {
            return false;
        }

        var previous = 'x';
        foreach (var c in text)
        {
            if (c is < ' ' or > '~' || (c == ' ' && previous == ' '))
            {
                return false;
            }

            previous = c;
        }

        return true;
    }

    /// <summary>
    /// Characters that are removed rather than shown as a space: bidirectional embeddings, overrides, isolates and
    /// marks, zero-width characters, and the other invisible format characters (Unicode category Cf), such as the byte
    /// order mark and the soft hyphen.
    /// </summary>
    private static bool IsDropped(char c) => IsInvisibleFormat(c);

    /// <summary>
    /// Whether a character must never reach a terminal raw even inside JSON (where controls are escaped already): a
    /// bidirectional control, an invisible format character, or a line or paragraph separator.
    /// </summary>
    /// <param name="c">The character.</param>
    /// <returns><see langword="true"/> for such a character.</returns>
    internal static bool IsHidden(char c) => c is '\u2028' or '\u2029' || IsInvisibleFormat(c);

    private static bool IsInvisibleFormat(char c) =>
        c >= '\u00ad' && (c is >= '\u202a' and <= '\u202e' or >= '\u2066' and <= '\u2069' or '\u200e' or '\u200f' or '\u061c'
        || CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.Format);

    private static bool IsValidPair(string text, int i) =>
        char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]);

    /// <summary>Finds the last character of the escape sequence that starts at <paramref name="start"/>.</summary>
    /// <returns>The index of its last character.</returns>
    private static int EndOfEscape(string text, int start)
    {
        var c = text[start];
        var i = start + 1;
        char kind;
        if (c == '\u001b')
        {
            if (i >= text.Length)
            {
                return start;
            }

            kind = text[i] switch
            {
                '[' => '\u009b',
                ']' => '\u009d',
                'P' => '\u0090',
                '^' => '\u009e',
                '_' => '\u009f',
                _ => '\0',
            };
            if (kind == '\0')
            {
                // A two-character sequence (ESC 7, ESC c, ...): its second character goes too, when printable.
                return text[i] is >= ' ' and <= '~' ? i : start;
            }

            i++;
        }
        else
        {
            kind = c;
        }

        if (kind == '\u009b')
        {
            // CSI: parameter and intermediate bytes, then one final byte.
            while (i < text.Length && text[i] is >= ' ' and <= '?')
            {
                i++;
            }

            while (i < text.Length && text[i] is >= ' ' and <= '/')
            {
                i++;
            }

            return i < text.Length && text[i] is >= '@' and <= '~' ? i : i - 1;
        }

        // OSC, DCS, PM, APC: a string up to BEL, ST (ESC \ or U+009C), or the end of the text.
        for (; i < text.Length; i++)
        {
            if (text[i] is '\u0007' or '\u009c')
            {
                return i;
            }

            if (text[i] == '\u001b')
            {
                return i + 1 < text.Length && text[i + 1] == '\\' ? i + 1 : i - 1;
            }
        }

        return text.Length - 1;
    }
}
