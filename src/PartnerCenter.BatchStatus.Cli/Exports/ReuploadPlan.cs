using System.Globalization;

namespace PartnerCenter.BatchStatus.Cli.Exports;

/// <summary>
/// Which rows of the partner's upload files to upload again after one batch or many: the rows of devices that failed
/// for a passing reason (<see cref="DeviceErrorNature.Transient"/>), once each, in the files' order. Every other row is
/// counted with the reason it is left out; devices of the results that match no row, and devices the files hold more
/// than once, are listed, never dropped silently. A device in several files is uploaded again from the first file
/// that holds it: its later rows are counted as duplicates.
/// </summary>
/// <param name="Rows">The rows to upload again, in the files' order.</param>
/// <param name="LeftOut">How many rows are left out, per reason; reasons without rows are absent.</param>
/// <param name="UnmatchedDevices">The devices of the results that match no row, by serial number or product key.</param>
/// <param name="Duplicates">
/// One line per device the files hold more than once, such as <c>serial number SN-1 on lines 4 and 9</c> (one file) or
/// <c>serial number SN-1 on line 4 of a.csv and line 2 of b.csv</c> (several).
/// </param>
internal sealed record ReuploadPlan(
    IReadOnlyList<UploadRow> Rows, IReadOnlyDictionary<LeftOutReason, int> LeftOut, IReadOnlyList<DeviceUploadDetails> UnmatchedDevices, IReadOnlyList<string> Duplicates)
{
    /// <summary>Matches the result's devices to the file's rows, by serial number, else by product key (case ignored).</summary>
    /// <param name="file">The partner's upload file.</param>
    /// <param name="details">The batch's result.</param>
    /// <returns>The plan.</returns>
    public static ReuploadPlan Create(UploadFile file, BatchUploadDetails details) => Create([file], details.DevicesStatus ?? []);

    /// <summary>
    /// Matches the results' devices to the files' rows, by serial number, else by product key (case ignored). A device
    /// listed more than once (by one batch or by several) is decided by its first entry, unless a later one says it
    /// was registered: a device registered by any batch is never uploaded again.
    /// </summary>
    /// <param name="files">The partner's upload files, in the order their rows are taken.</param>
    /// <param name="devices">The devices of every batch's result, in the order of the batches.</param>
    /// <returns>The plan.</returns>
    public static ReuploadPlan Create(IReadOnlyList<UploadFile> files, IEnumerable<DeviceUploadDetails?> devices)
    {
        var all = files.SelectMany((file, index) => file.Rows.Select(row => new Located(index, row))).ToArray();
        var bySerial = Index(all, row => row.SerialNumber);
        var byProductKey = Index(all, row => row.ProductKey);
        var deviceOfRow = new Dictionary<Located, DeviceUploadDetails>();
        var unmatched = new List<DeviceUploadDetails>();
        foreach (var device in devices.OfType<DeviceUploadDetails>())
        {
            var rows = Find(bySerial, device.SerialNumber) ?? Find(byProductKey, device.ProductKey);
            if (rows is null)
            {
                unmatched.Add(device);
                continue;
            }

            foreach (var row in rows)
            {
                // The results listing a device twice: its first entry decides, unless a later one registered it.
                if (!deviceOfRow.TryAdd(row, device) && device.GetOutcome() == DeviceOutcome.Succeeded)
                {
                    deviceOfRow[row] = device;
                }
            }
        }

        var written = new List<UploadRow>();
        var leftOut = new SortedDictionary<LeftOutReason, int>();
        var seen = new HashSet<DeviceUploadDetails>(ReferenceEqualityComparer.Instance);
        foreach (var row in all)
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
                written.Add(row.Row);
            }
        }

        return new ReuploadPlan(written, leftOut, unmatched, DuplicateLines(files, bySerial, byProductKey, Index(all, row => row.HardwareHash)));
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

    private static Dictionary<string, List<Located>> Index(IEnumerable<Located> rows, Func<UploadRow, string> key)
    {
        var index = new Dictionary<string, List<Located>>(StringComparer.OrdinalIgnoreCase);
        foreach (var row in rows.Where(row => key(row.Row).Length > 0))
        {
            if (!index.TryGetValue(key(row.Row), out var list))
            {
                index[key(row.Row)] = list = [];
            }

            list.Add(row);
        }

        return index;
    }

    private static List<Located>? Find(Dictionary<string, List<Located>> index, string? key) =>
        key?.Trim() is { Length: > 0 } trimmed && index.TryGetValue(trimmed, out var rows) ? rows : null;

    private static List<string> DuplicateLines(
        IReadOnlyList<UploadFile> files, Dictionary<string, List<Located>> bySerial, Dictionary<string, List<Located>> byProductKey, Dictionary<string, List<Located>> byHash)
    {
        // One line per group of rows: a device repeated with the same serial number and product key is told once.
        var told = new HashSet<string>(StringComparer.Ordinal);
        var lines = new List<(Located First, string Text)>();
        foreach (var (what, index) in new[] { ("serial number", bySerial), ("product key", byProductKey), ("hardware hash", byHash) })
        {
            foreach (var (key, rows) in index.Where(pair => pair.Value.Count > 1))
            {
                if (told.Add(string.Join(',', rows.Select(row => $"{row.File}:{row.Row.LineNumber}"))))
                {
                    // A hash is thousands of characters: its start is enough to find the rows.
                    var shown = Output.TerminalText.Shorten(key, what == "hardware hash" ? 17 : 60);
                    lines.Add((rows[0], $"{what} {shown} on {Where(files, rows)}"));
                }
            }
        }

        return lines.OrderBy(line => line.First.File).ThenBy(line => line.First.Row.LineNumber).Select(line => line.Text).ToList();
    }

    /// <summary>The rows' lines: <c>lines 4 and 9</c> in one file; <c>line 4 of a.csv and line 2 of b.csv</c> across several.</summary>
    private static string Where(IReadOnlyList<UploadFile> files, List<Located> rows)
    {
        var places = files.Count == 1
            ? rows.Select(row => row.Row.LineNumber.ToString(CultureInfo.InvariantCulture)).ToArray()
            : rows.Select(row => string.Create(CultureInfo.InvariantCulture, $"line {row.Row.LineNumber} of {files[row.File].Path}")).ToArray();
        return (files.Count == 1 ? "lines " : string.Empty) + string.Join(", ", places[..^1]) + " and " + places[^1];
    }

    /// <summary>A row of one of the files: rows of two files can be alike, line number included.</summary>
    private sealed record Located(int File, UploadRow Row);
}
