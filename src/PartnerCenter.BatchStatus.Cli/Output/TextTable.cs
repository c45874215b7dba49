namespace PartnerCenter.BatchStatus.Cli.Output;

/// <summary>A table of padded columns; a column empty in every row is left out.</summary>
internal sealed class TextTable
{
    private const string Gap = "  ";

    private readonly string[] _headers;
    private readonly List<string[]> _rows = [];

    /// <summary>Initializes a new instance of the <see cref="TextTable"/> class.</summary>
    /// <param name="headers">The column headers.</param>
    public TextTable(params string[] headers) => _headers = headers;

    /// <summary>Adds a row; each cell is put on one line.</summary>
    /// <param name="cells">One cell per column.</param>
    public void AddRow(params string?[] cells)
    {
        if (cells.Length != _headers.Length)
        {
            throw new ArgumentException($"A row needs {_headers.Length} cells.", nameof(cells));
        }

        _rows.Add(cells.Select(TerminalText.OneLine).ToArray());
    }

    /// <summary>Writes the header line and the rows.</summary>
    /// <param name="writer">Where to write.</param>
    public void Write(TextWriter writer)
    {
        var columns = Enumerable.Range(0, _headers.Length).Where(column => _rows.Any(row => row[column].Length > 0)).ToArray();
        var widths = columns.Select(column => _rows.Select(row => row[column].Length).Append(_headers[column].Length).Max()).ToArray();
        WriteLine(writer, columns.Select(column => _headers[column]).ToArray(), widths);
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
