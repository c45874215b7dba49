namespace PartnerCenter.BatchStatus.Cli.Output;

/// <summary>A table of padded columns; a column empty in every row is left out.</summary>
/// <param name="headers">The column headers.</param>
internal sealed class TextTable(params string[] headers)
{
    private const string Gap = "  ";

    private readonly List<string[]> _rows = [];

    /// <summary>Adds a row; each cell is put on one line.</summary>
    /// <param name="cells">One cell per column.</param>
    public void AddRow(params string?[] cells)
    {
        if (cells.Length != headers.Length)
        {
            throw new ArgumentException($"A row needs {headers.Length} cells.", nameof(cells));
        }

        _rows.Add(cells.Select(TerminalText.OneLine).ToArray());
    }

    /// <summary>Writes the header line and the rows.</summary>
    /// <param name="writer">Where to write.</param>
    /// <param name="withHeader">Whether to write the header line; its names count in the widths either way.</param>
    public void Write(TextWriter writer, bool withHeader = true)
    {
        var columns = Enumerable.Range(0, headers.Length).Where(column => _rows.Any(row => row[column].Length > 0)).ToArray();
        var widths = columns.Select(column => _rows.Select(row => row[column].Length).Append(headers[column].Length).Max()).ToArray();
        if (withHeader)
        {
            WriteLine(writer, columns.Select(column => headers[column]).ToArray(), widths);
        }

        foreach (var row in _rows)
        {
            WriteLine(writer, columns.Select(column => row[column]).ToArray(), widths);
        }
    }

    private static void WriteLine(TextWriter writer, string[] cells, int[] widths)
    {
        var line = string.Join(Gap, cells.Select((cell, index) => cell.PadRight(widths[index])));
        writer.WriteLine(line.TrimEnd());
    }
}
