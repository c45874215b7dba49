namespace PartnerCenter.BatchStatus.Cli.Exports;

/// <summary>
/// Which rows of the partner's upload file to upload again after a batch: the rows of devices that failed for a
/// passing reason (<see cref="DeviceErrorNature.Transient"/>), once each, in the file's order. Every other row is
/// counted with the reason it is left out; devices of the result that match no row, and devices the file holds more
/// than once, are listed, never dropped silently.
/// </summary>
/// <param name="Rows">The rows to upload again, in the file's order.</param>
/// <param name="LeftOut">How many rows are left out, per reason; reasons without rows are absent.</param>
/// <param name="UnmatchedDevices">The devices of the result that match no row, by serial number or product key.</param>
/// <param name="Duplicates">One line per device the file holds more than once, such as <c>serial number SN-1 on lines 4 and 9</c>.</param>
internal sealed record ReuploadPlan(
    IReadOnlyList<UploadRow> Rows, IReadOnlyDictionary<LeftOutReason, int> LeftOut, IReadOnlyList<DeviceUploadDetails> UnmatchedDevices, IReadOnlyList<string> Duplicates)
{
    /// <summary>Matches the result's devices to the file's rows, by serial number, else by product key (case ignored).</summary>
    /// <param name="file">The partner's upload file.</param>
    /// <param name="details">The batch's result.</param>
    /// <returns>The plan.</returns>
    public static ReuploadPlan Create(UploadFile file, BatchUploadDetails details)
    {
        var bySerial = Index(file.Rows, row => row.SerialNumber);
        var byProductKey = Index(file.Rows, row => row.ProductKey);
        var deviceOfRow = new Dictionary<UploadRow, DeviceUploadDetails>();
        var unmatched = new List<DeviceUploadDetails>();
        foreach (var device in details.DevicesStatus?.Where(device => device is not null) ?? [])
        {
            var rows = Find(bySerial, device.SerialNumber) ?? Find(byProductKey, device.ProductKey);
            if (rows is null)
            {
                unmatched.Add(device);
                continue;
            }

            foreach (var row in rows)
            {
                // The result listing a device twice: its first entry decides.
                deviceOfRow.TryAdd(row, device);
            }
        }

        var written = new List<UploadRow>();
        var leftOut = new SortedDictionary<LeftOutReason, int>();
        var seen = new HashSet<DeviceUploadDetails>(ReferenceEqualityComparer.Instance);
        foreach (var row in file.Rows)
        {
            LeftOutReason? reason;
            if (!deviceOfRow.TryGetValue(row, out var device))
            {
                reason = LeftOutReason.NotInResult;
            }
            else if (!seen.Add(device))
            {
                reason = LeftOutReason.Duplicate;
            }
            else
            {
                reason = ReasonFor(device);
            }

            if (reason is { } left)
            {
                leftOut[left] = leftOut.GetValueOrDefault(left) + 1;
            }
            else
            {
                written.Add(row);
            }
        }

        return new ReuploadPlan(written, leftOut, unmatched, DuplicateLines(bySerial, byProductKey, Index(file.Rows, row => row.HardwareHash)));
    }

    private static LeftOutReason? ReasonFor(DeviceUploadDetails device) => device.GetOutcome() switch
    {
        DeviceOutcome.Succeeded => LeftOutReason.Registered,
        DeviceOutcome.Failed => (device.GetError()?.Nature ?? DeviceErrorNature.Unknown) switch
        {
            DeviceErrorNature.Transient => null,
            DeviceErrorNature.AlreadyDone => LeftOutReason.AlreadyRegistered,
            DeviceErrorNature.FixData => LeftOutReason.FixData,
            DeviceErrorNature.Ownership => LeftOutReason.Ownership,
            _ => LeftOutReason.UnknownError,
        },
        _ => LeftOutReason.NotFinished,
    };

    private static Dictionary<string, List<UploadRow>> Index(IEnumerable<UploadRow> rows, Func<UploadRow, string> key)
    {
        var index = new Dictionary<string, List<UploadRow>>(StringComparer.OrdinalIgnoreCase);
        foreach (var row in rows.Where(row => key(row).Length > 0))
        {
            if (!index.TryGetValue(key(row), out var list))
            {
                index[key(row)] = list = [];
            }

            list.Add(row);
        }

        return index;
    }

    private static List<UploadRow>? Find(Dictionary<string, List<UploadRow>> index, string? key) =>
        key?.Trim() is { Length: > 0 } trimmed && index.TryGetValue(trimmed, out var rows) ? rows : null;

    private static List<string> DuplicateLines(
        Dictionary<string, List<UploadRow>> bySerial, Dictionary<string, List<UploadRow>> byProductKey, Dictionary<string, List<UploadRow>> byHash)
    {
        // One line per group of rows: a device repeated with the same serial number and product key is told once.
        var told = new HashSet<string>(StringComparer.Ordinal);
        var lines = new List<(int FirstLine, string Text)>();
        foreach (var (what, index) in new[] { ("serial number", bySerial), ("product key", byProductKey), ("hardware hash", byHash) })
        {
            foreach (var (key, rows) in index.Where(pair => pair.Value.Count > 1))
            {
                var numbers = rows.Select(row => row.LineNumber).ToArray();
                if (told.Add(string.Join(',', numbers)))
                {
                    // A hash is thousands of characters: its start is enough to find the rows.
                    var shown = Output.TerminalText.Shorten(key, what == "hardware hash" ? 17 : 60);
                    lines.Add((numbers[0], $"{what} {shown} on lines {string.Join(", ", numbers[..^1])} and {numbers[^1]}"));
                }
            }
        }

        return lines.OrderBy(line => line.FirstLine).Select(line => line.Text).ToList();
    }
}
