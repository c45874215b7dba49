using nietras.SeparatedValues;

namespace PartnerCenter.BatchStatus.Cli.Exports;

/// <summary>
/// <c>--failed-csv</c>: every failed device of a batch, one row each, with what to do next, for a spreadsheet or a
/// script. The service's values are written as sent (quoted where CSV needs it); a code or name the service left out
/// is filled in from the catalog.
/// </summary>
internal static class FailedDevicesCsv
{
    /// <summary>The header line, as written.</summary>
    public static readonly string[] Columns =
        ["Serial number", "Product key", "Device id", "Status", "Error code", "Error name", "What to do", "Remedy"];

    /// <summary>Writes the failed devices to a file, replacing it.</summary>
    /// <param name="path">The file.</param>
    /// <param name="details">The batch.</param>
    /// <returns>The number of devices written.</returns>
    public static int Write(string path, BatchUploadDetails details)
    {
        using var file = new StreamWriter(path, append: false, new System.Text.UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
        return Write(file, details);
    }

    /// <summary>Writes the failed devices.</summary>
    /// <param name="writer">Where to write.</param>
    /// <param name="details">The batch.</param>
    /// <returns>The number of devices written.</returns>
    public static int Write(TextWriter writer, BatchUploadDetails details)
    {
        var failed = details.GetFailedDevices();
        using var csv = Sep.New(',').Writer(options => options with { Escape = true }).To(writer);
        if (failed.Count == 0)
        {
            // Sep writes the header with the first row: a file without failures still says what it would hold.
            writer.WriteLine(string.Join(',', Columns));
        }

        foreach (var device in failed)
        {
            var values = Values(device);
            using var row = csv.NewRow();
            for (var column = 0; column < Columns.Length; column++)
            {
                row[Columns[column]].Set(values[column]);
            }
        }

        return failed.Count;
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
            device.RawStatus ?? string.Empty,
            NonEmpty(device.ErrorCode) ?? error?.Code ?? string.Empty,
            NonEmpty(device.ErrorDescription) ?? error?.Name ?? string.Empty,
            NextStep.Of(failed.Nature),
            error?.Remedy ?? NextStep.UnknownRemedy,
        ];
    }

    private static string? NonEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
