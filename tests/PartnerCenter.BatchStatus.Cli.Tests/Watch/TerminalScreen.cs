using System.Text;

namespace PartnerCenter.BatchStatus.Cli.Tests.Watch;

/// <summary>
/// Replays what a program wrote to a terminal onto a screen of lines, as a terminal shows it: the cursor moves of the
/// live view (CPL, CNL), clear to end of line (EL), carriage return and line feed (as a new line, as a terminal's line
/// discipline makes it). Other escape sequences change
/// nothing that is shown and are skipped; a line longer than the screen is not wrapped, so a test sees it.
/// </summary>
internal static class TerminalScreen
{
    public static IReadOnlyList<string> Replay(string written, int columns)
    {
        _ = columns;
        var lines = new List<StringBuilder> { new() };
        var row = 0;
        var column = 0;
        for (var i = 0; i < written.Length; i++)
        {
            var c = written[i];
            switch (c)
            {
                case '\r':
                    column = 0;
                    break;
                case '\n':
                    // A terminal's line discipline turns a line feed into a new line at its start (onlcr).
                    row++;
                    column = 0;
                    break;
                case '\u001b' when i + 1 < written.Length && written[i + 1] == '[':
                    var end = i + 2;
                    while (end < written.Length && written[end] is (>= '0' and <= '9') or ';' or '?')
                    {
                        end++;
                    }

                    var parameter = written[(i + 2)..end];
                    var count = int.TryParse(parameter, out var n) ? n : 1;
                    switch (end < written.Length ? written[end] : '\0')
                    {
                        case 'F':
                            row = Math.Max(0, row - count);
                            column = 0;
                            break;
                        case 'E':
                            row += count;
                            column = 0;
                            break;
                        case 'K':
                            Line(lines, row).Length = Math.Min(column, Line(lines, row).Length);
                            break;
                    }

                    i = end;
                    break;
                case '\u001b':
                    // A two-character sequence such as ESC = (keypad mode).
                    i++;
                    break;
                default:
                    var line = Line(lines, row);
                    while (line.Length < column)
                    {
                        line.Append(' ');
                    }

                    if (column < line.Length)
                    {
                        line[column] = c;
                    }
                    else
                    {
                        line.Append(c);
                    }

                    column++;
                    break;
            }
        }

        var shown = lines.Select(line => line.ToString()).ToList();
        while (shown.Count > 0 && shown[^1].Length == 0)
        {
            shown.RemoveAt(shown.Count - 1);
        }

        return shown;
    }

    private static StringBuilder Line(List<StringBuilder> lines, int row)
    {
        while (lines.Count <= row)
        {
            lines.Add(new StringBuilder());
        }

        return lines[row];
    }
}
