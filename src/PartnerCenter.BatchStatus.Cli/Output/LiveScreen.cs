using System.Globalization;
using System.Text;

namespace PartnerCenter.BatchStatus.Cli.Output;

/// <summary>
/// Keeps a block of lines in place at the bottom of a terminal and rewrites only the lines that changed, so that a
/// refresh writes at most the block's size, however much the data behind it changes.
/// </summary>
/// <remarks>
/// The block has the same number of lines on every refresh. The cursor rests on the line below it; a refresh moves to
/// the block's first line (ANSI CPL), skips unchanged lines (CNL) and writes each changed one followed by clear to the
/// end of the line (EL). Not thread-safe: the caller serialises refreshes.
/// </remarks>
/// <param name="writer">The terminal.</param>
/// <param name="width">The terminal's width: longer lines are cut to fit with <c>…</c>.</param>
internal sealed class LiveScreen(TextWriter writer, int? width)
{
    private const string Escape = "\u001b[";

    /// <summary>The widths of the view's columns: identifiers are fixed, statuses cut, counts short.</summary>
    private static readonly int[] Widths = [8, 36, 24, 5, 5, 6, 7];

    private readonly StringBuilder _text = new();
    private string[] _shown = [];

    /// <summary>Formats one row of the view in its fixed columns; a cell too long for its column is cut.</summary>
    /// <param name="cells">The cells, one per column of the view.</param>
    /// <returns>The line.</returns>
    public static string Row(params string[] cells)
    {
        var line = new StringBuilder(64);
        for (var i = 0; i < cells.Length; i++)
        {
            if (i > 0)
            {
                line.Append("  ");
            }

            var cell = TerminalText.Shorten(cells[i], Widths[i]);
            line.Append(i == cells.Length - 1 ? cell : cell.PadRight(Widths[i]));
        }

        return line.ToString().TrimEnd();
    }

    /// <summary>Shows <paramref name="lines"/>: the first time whole, then only the lines that differ from the last time.</summary>
    /// <param name="lines">The lines of the block, each one line of text.</param>
    public void Show(IReadOnlyList<string> lines)
    {
        _text.Clear();
        var redraw = lines.Count != _shown.Length;
        if (!redraw && _shown.Length > 0)
        {
            _text.Append(CultureInfo.InvariantCulture, $"{Escape}{_shown.Length}F");
        }

        var skipped = 0;
        var next = new string[lines.Count];
        for (var i = 0; i < lines.Count; i++)
        {
            next[i] = Fit(lines[i], width);
            if (!redraw && next[i] == _shown[i])
            {
                skipped++;
                continue;
            }

            if (skipped > 0)
            {
                _text.Append(CultureInfo.InvariantCulture, $"{Escape}{skipped}E");
                skipped = 0;
            }

            _text.Append(next[i]).Append(Escape).Append('K').Append('\n');
        }

        if (skipped > 0)
        {
            _text.Append(CultureInfo.InvariantCulture, $"{Escape}{skipped}E");
        }

        _shown = next;
        if (skipped == lines.Count && !redraw)
        {
            // Nothing changed: write nothing at all.
            return;
        }

        writer.Write(_text.ToString());
        writer.Flush();
    }

    /// <summary>Cuts a line that a terminal would wrap: a live line that wraps can no longer be rewritten in place.</summary>
    /// <param name="line">The line.</param>
    /// <param name="width">The terminal's width, when known.</param>
    /// <returns>The line, shorter than the width.</returns>
    internal static string Fit(string line, int? width) =>
        width is > 1 and var columns && line.Length >= columns ? line[..(columns - 2)] + "…" : line;
}
