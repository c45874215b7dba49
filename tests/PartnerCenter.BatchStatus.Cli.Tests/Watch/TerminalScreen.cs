using System.Text;

namespace PartnerCenter.BatchStatus.Cli.Tests.Watch;

/// <summary>
/// Replays what a program wrote to a terminal onto a screen of lines, as a terminal shows it: the cursor moves of the
/// live view (CPL, CNL), clear to end of line (EL), carriage return, and line feed as a new line (as a terminal's line
/// discipline makes it). Other escape sequences change nothing shown and are skipped; a line longer than the screen is
/// not wrapped, so a test sees it.
/// </summary>
internal static class TerminalScreen
{
    public static IReadOnlyList<string> Replay(string written)
    {
        var lines = new List<StringBuilder>();
        var (row, column) = (0, 0);
        StringBuilder Line()
        {
            while (lines.Count <= row)
            {
                lines.Add(new StringBuilder());
            }

            return lines[row];
        }

        for (var i = 0; i < written.Length; i++)
        {
            switch (written[i])
            {
                case '\r':
                    column = 0;
                    break;
                case '\n':
                    (row, column) = (row + 1, 0);
                    break;
                case '\u001b' when i + 1 < written.Length && written[i + 1] == '[':
                    var end = i + 2;
                    while (end < written.Length && written[end] is (>= '0' and <= '9') or ';' or '?')
                    {
                        end++;
                    }

                    var count = int.TryParse(written[(i + 2)..end], out var n) ? n : 1;
                    switch (end < written.Length ? written[end] : '\0')
                    {
                        case 'F': (row, column) = (Math.Max(0, row - count), 0); break;
                        case 'E': (row, column) = (row + count, 0); break;
                        case 'K': Line().Length = Math.Min(column, Line().Length); break;
                    }

                    i = end;
                    break;
                case '\u001b':
                    i++; // a two-character sequence such as ESC = (keypad mode)
                    break;
                default:
                    var line = Line().Append(' ', Math.Max(0, column - Line().Length));
                    if (column < line.Length)
                    {
                        line[column] = written[i];
                    }
                    else
                    {
                        line.Append(written[i]);
                    }

                    column++;
                    break;
            }
        }

        return [.. lines.Select(line => line.ToString()).Reverse().SkipWhile(line => line.Length == 0).Reverse()];
    }
}
