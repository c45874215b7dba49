using System.Text;
using nietras.SeparatedValues;

namespace PartnerCenter.BatchStatus.Cli.Exports;

/// <summary>
/// The partner's device upload file, read tolerantly and kept byte for byte: the Partner Center format
/// (<c>Device Serial Number,Windows Product ID,Hardware Hash,Manufacturer name,Device model</c>) or Intune's
/// (<c>Device Serial Number,Windows Product ID,Hardware Hash</c>, optional group tag and assigned user). Header names
/// match whatever their case; a byte order mark, CRLF or LF line breaks and quoted fields are fine. Rows written
/// back are the original's text, in its encoding, under its header line.
/// </summary>
/// <param name="Path">The path the file was read from, as given.</param>
/// <param name="Encoding">The file's encoding, with its byte order mark when it had one.</param>
/// <param name="Header">The header line exactly as in the file, without its line break.</param>
/// <param name="NewLine">The file's line break, the one after its header (CRLF when it has none).</param>
/// <param name="Rows">The device rows, in the file's order, blank lines left out.</param>
internal sealed record UploadFile(string Path, Encoding Encoding, string Header, string NewLine, IReadOnlyList<UploadRow> Rows)
{
    /// <summary>The serial number's column: with the product key's, what devices of a result are matched by.</summary>
    public const string SerialNumberColumn = "Device Serial Number";

    /// <summary>The product key's column.</summary>
    public const string ProductKeyColumn = "Windows Product ID";

    /// <summary>The hardware hash's column.</summary>
    public const string HardwareHashColumn = "Hardware Hash";

    /// <summary>Gets the header's column names, unquoted and trimmed, in the file's order.</summary>
    public IReadOnlyList<string> Columns { get; init; } = [];

    /// <summary>The largest upload file read, in bytes: some 30,000 devices with their 4K hardware hashes.</summary>
    public const int MaxBytes = 128 * 1024 * 1024;

    /// <summary>Reads an upload file.</summary>
    /// <param name="path">The file.</param>
    /// <returns>The file.</returns>
    /// <exception cref="FormatException">The file is empty, larger than <see cref="MaxBytes"/> (or endless, such as
    /// <c>/dev/zero</c>), or its header names neither a serial number nor a product key column.</exception>
    /// <exception cref="IOException">The file cannot be read.</exception>
    /// <exception cref="UnauthorizedAccessException">The file may not be read.</exception>
    public static UploadFile Read(string path)
    {
        using var file = File.OpenRead(path);
        var tooLarge = new FormatException($"it is larger than {MaxBytes / 1024 / 1024} MiB: it is not a device upload file.");
        using var bytes = new MemoryStream(!file.CanSeek ? 0 : file.Length <= MaxBytes ? (int)file.Length : throw tooLarge);
        var block = new byte[64 * 1024];
        for (int read; (read = file.Read(block)) > 0; bytes.Write(block, 0, read))
        {
            if (bytes.Length + read > MaxBytes)
            {
                throw tooLarge;
            }
        }

        return Parse(path, bytes.ToArray());
    }

    /// <summary>Reads an upload file from its bytes.</summary>
    /// <param name="path">Where the bytes come from, for messages.</param>
    /// <param name="bytes">The file's bytes.</param>
    /// <returns>The file.</returns>
    /// <exception cref="FormatException">The file is empty or its header names neither a serial number nor a product key column.</exception>
    public static UploadFile Parse(string path, byte[] bytes)
    {
        var (encoding, text) = Decode(bytes);
        var headerEnd = text.IndexOfAny(['\r', '\n']);
        var header = headerEnd < 0 ? text : text[..headerEnd];
        if (header.Trim().Length == 0)
        {
            throw new FormatException("it is empty, or its first line is blank: the first line must be the header, such as "
                + $"'{SerialNumberColumn},{ProductKeyColumn},{HardwareHashColumn},Manufacturer name,Device model'.");
        }

        var newLine = headerEnd < 0 ? "\r\n" : text[headerEnd] == '\r' && headerEnd + 1 < text.Length && text[headerEnd + 1] == '\n' ? "\r\n" : text[headerEnd].ToString();
        var rows = new List<UploadRow>();

        // The header is read as a row of its own: Sep's header handling refuses repeated names, and partners' files
        // have them (trailing commas make empty ones).
        using var reader = Sep.New(',').Reader(options => options with
        {
            HasHeader = false,
            Unescape = true,
            Trim = SepTrim.All,
            DisableColCountCheck = true,
        }).FromText(text);
        int serial = -1, productKey = -1, hash = -1;
        string[] columns = [];
        foreach (var row in reader)
        {
            if (row.RowIndex == 0)
            {
                var names = new string[row.ColCount];
                for (var column = 0; column < names.Length; column++)
                {
                    names[column] = row[column].ToString();
                }

                columns = names;
                (serial, productKey, hash) = (Column(names, SerialNumberColumn), Column(names, ProductKeyColumn), Column(names, HardwareHashColumn));
                if (serial < 0 && productKey < 0)
                {
                    throw new FormatException($"its header names neither '{SerialNumberColumn}' nor '{ProductKeyColumn}': it is not a device upload file.");
                }

                continue;
            }

            // Taken before any cell is read: unquoting happens in place, in the row's own text.
            var raw = row.Span.ToString();
            if (raw.Trim().Length == 0)
            {
                continue;
            }

            rows.Add(new UploadRow(row.LineNumberFrom, raw, Cell(row, serial), Cell(row, productKey), Cell(row, hash)));
        }

        return new UploadFile(path, encoding, header, newLine, rows) { Columns = columns };
    }

    /// <summary>Writes the header and the given rows, exactly as in this file, in its encoding and with its byte order mark.</summary>
    /// <param name="stream">Where to write; left open.</param>
    /// <param name="rows">Rows of this file.</param>
    /// <param name="cancellationToken">Checked before each row.</param>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public void WriteRows(Stream stream, IEnumerable<UploadRow> rows, CancellationToken cancellationToken = default)
    {
        // The byte order mark once, before the header: the writer's own encoding writes none.
        stream.Write(Encoding.Preamble);
        Encoding body = Encoding switch
        {
            UTF8Encoding => new UTF8Encoding(encoderShouldEmitUTF8Identifier: false),
            UnicodeEncoding => new UnicodeEncoding(bigEndian: false, byteOrderMark: false),
            _ => Encoding,
        };
        using var writer = new StreamWriter(stream, body, bufferSize: 64 * 1024, leaveOpen: true);
        writer.Write(Header);
        writer.Write(NewLine);
        foreach (var row in rows)
        {
            cancellationToken.ThrowIfCancellationRequested();
            writer.Write(row.Raw);
            writer.Write(NewLine);
        }
    }

    private static (Encoding Encoding, string Text) Decode(byte[] bytes)
    {
        if (bytes.AsSpan().StartsWith(Encoding.UTF8.Preamble))
        {
            return (new UTF8Encoding(encoderShouldEmitUTF8Identifier: true), Encoding.UTF8.GetString(bytes.AsSpan(3)));
        }

        if (bytes.AsSpan().StartsWith(Encoding.Unicode.Preamble))
        {
            return (Encoding.Unicode, Encoding.Unicode.GetString(bytes.AsSpan(2)));
        }

        try
        {
            return (new UTF8Encoding(false, throwOnInvalidBytes: true), new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes));
        }
        catch (DecoderFallbackException)
        {
            // Intune's files are "ANSI": Latin-1 maps every byte to one character and back, so rows go out as they came in.
            return (Encoding.Latin1, Encoding.Latin1.GetString(bytes));
        }
    }

    private static int Column(string[] names, string name) => Array.FindIndex(names, column => column.Equals(name, StringComparison.OrdinalIgnoreCase));

    private static string Cell(SepReader.Row row, int column) =>
        column >= 0 && column < row.ColCount ? row[column].ToString() : string.Empty;
}
