using System.Text;
using PartnerCenter.BatchStatus.Cli.Output;

namespace PartnerCenter.BatchStatus.Cli.Exports;

/// <summary>
/// <c>--failed-csv</c>: every failed device of a batch (or of every batch watched, led by its customer and batch), one
/// row each, with what to do next, for a spreadsheet or a script. The service's values go through the tool's one sanitiser and redactor: each on one line, without control
/// or bidirectional characters, and a value a spreadsheet would run as a formula (<c>=</c>, <c>+</c>, <c>-</c>,
/// <c>@</c>, ...) starts with a single quote and is quoted, as OWASP's CSV injection guidance says. A code or name the
/// service left out is filled in from the catalog.
/// </summary>
internal static class FailedDevicesCsv
{
    /// <summary>The header line, as written.</summary>
    public static readonly string[] Columns =
        ["Serial number", "Product key", "Device id", "Status", "Error code", "Error name", "What to do", "Remedy"];

    /// <summary>The header line of a file for many batches: the customer and the batch first.</summary>
    public static readonly string[] BatchColumns = ["Customer id", "Batch tracking id", .. Columns];

    /// <summary>Writes the failed devices, in UTF-8 without a byte order mark.</summary>
    /// <param name="stream">Where to write; left open.</param>
    /// <param name="details">The batch.</param>
    /// <param name="redactor">What removes secrets from the service's values.</param>
    /// <param name="cancellationToken">Checked before each row.</param>
    /// <returns>The number of devices written.</returns>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public static int Write(Stream stream, BatchUploadDetails details, Redactor redactor, CancellationToken cancellationToken)
    {
        using var writer = new StreamWriter(stream, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), bufferSize: 64 * 1024, leaveOpen: true);
        return Write(writer, details, redactor, cancellationToken);
    }

    /// <summary>Writes the failed devices of many batches, each row led by its customer and batch, in UTF-8 without a byte order mark.</summary>
    /// <param name="stream">Where to write; left open.</param>
    /// <param name="batches">The batches whose details are known, in the order of the list.</param>
    /// <param name="redactor">What removes secrets from the service's values.</param>
    /// <param name="cancellationToken">Checked before each row.</param>
    /// <returns>The number of devices written.</returns>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public static int Write(Stream stream, IEnumerable<(BatchTrackingLocation Batch, BatchUploadDetails Details)> batches, Redactor redactor, CancellationToken cancellationToken)
    {
        using var writer = new StreamWriter(stream, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), bufferSize: 64 * 1024, leaveOpen: true);
        var rows = batches.SelectMany(batch => batch.Details.GetFailedDevices().Select(failed =>
            (string[])[batch.Batch.CustomerId.ToString("D"), batch.Batch.BatchTrackingId.ToString("D"), .. Values(failed)]));
        return WriteRows(writer, BatchColumns, rows, redactor, cancellationToken);
    }

    /// <summary>Writes the failed devices.</summary>
    /// <param name="writer">Where to write.</param>
    /// <param name="details">The batch.</param>
    /// <param name="redactor">What removes secrets from the service's values.</param>
    /// <param name="cancellationToken">Checked before each row.</param>
    /// <returns>The number of devices written.</returns>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public static int Write(TextWriter writer, BatchUploadDetails details, Redactor redactor, CancellationToken cancellationToken = default) =>
        WriteRows(writer, Columns, details.GetFailedDevices().Select(Values), redactor, cancellationToken);

    private static int WriteRows(TextWriter writer, string[] columns, IEnumerable<string[]> rows, Redactor redactor, CancellationToken cancellationToken)
    {
        writer.WriteLine(string.Join(',', columns));
        var line = new StringBuilder();
        var count = 0;
        foreach (var values in rows)
        {
            cancellationToken.ThrowIfCancellationRequested();
            line.Clear();
            foreach (var value in values)
            {
                if (line.Length > 0)
                {
                    line.Append(',');
                }

                AppendCell(line, redactor.Redact(value));
            }

            writer.WriteLine(line.ToString());
            count++;
        }

        writer.Flush();
        return count;
    }

    /// <summary>Appends one cell: sanitised, neutralised when it would be a formula, quoted when it must be.</summary>
    private static void AppendCell(StringBuilder line, string value)
    {
        var (text, neutralised) = TerminalText.CsvCell(value);
        if (!neutralised && text.AsSpan().IndexOfAny(',', '"') < 0)
        {
            line.Append(text);
            return;
        }

        line.Append('"').Append(text.Replace("\"", "\"\"", StringComparison.Ordinal)).Append('"');
    }

    private static string[] Values(FailedDevice failed)
    {
        var device = failed.Device;
        var error = failed.Error;
        return
        [
            device.SerialNumber ?? string.Empty,
            device.ProductKey ?? string.Empty,
            device.DeviceId ?? string.Empty,
            device.Status ?? string.Empty,
            NonEmpty(device.ErrorCode) ?? error?.Code ?? string.Empty,
            NonEmpty(device.ErrorDescription) ?? error?.Name ?? string.Empty,
            // What to do next, in a few words a spreadsheet can filter on.
            failed.Nature switch
            {
                DeviceErrorNature.Transient => "upload again",
                DeviceErrorNature.FixData => "fix the data, then upload again",
                DeviceErrorNature.Ownership => "chase the owner",
                DeviceErrorNature.AlreadyDone => "nothing to do",
                _ => "unknown: check the error",
            },
            error?.Remedy ?? "Not a known device registration error: read the service's error code and description, and ask Microsoft support if in doubt.",
        ];
    }

    private static string? NonEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
