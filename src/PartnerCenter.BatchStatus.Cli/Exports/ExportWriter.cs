using System.Globalization;
using PartnerCenter.BatchStatus.Cli.Commands;
using PartnerCenter.BatchStatus.Cli.Output;

namespace PartnerCenter.BatchStatus.Cli.Exports;

/// <summary>Writes the export files of a batch and says in a few lines what went where, and what was left out and why.</summary>
internal static class ExportWriter
{
    private static readonly IReadOnlyDictionary<LeftOutReason, string> ReasonNames = new Dictionary<LeftOutReason, string>
    {
        [LeftOutReason.Registered] = "registered",
        [LeftOutReason.AlreadyRegistered] = "already registered",
        [LeftOutReason.FixData] = "data to fix first",
        [LeftOutReason.Ownership] = "owner to chase",
        [LeftOutReason.UnknownError] = "unknown error",
        [LeftOutReason.NotFinished] = "not finished",
        [LeftOutReason.NotInResult] = "not in the result",
        [LeftOutReason.Duplicate] = "duplicate",
    };

    /// <summary>Writes the files and the summary lines.</summary>
    /// <param name="summary">Where the summary lines go.</param>
    /// <param name="details">The batch.</param>
    /// <param name="settings">The files to write.</param>
    /// <exception cref="UsageException">A file cannot be written.</exception>
    public static void Write(TextWriter summary, BatchUploadDetails details, ExportSettings settings)
    {
        if (!settings.Any)
        {
            return;
        }

        summary.WriteLine();
        if (settings.FailedCsvPath is { } failedPath)
        {
            var count = WriteFile("--failed-csv", failedPath, () => FailedDevicesCsv.Write(failedPath, details));
            summary.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Failed devices: {Devices(count)} written to {failedPath}"));
        }

        if (settings.ReuploadFrom is { } original && settings.ReuploadCsvPath is { } reuploadPath)
        {
            var plan = ReuploadPlan.Create(original, details);
            WriteFile("--reupload-csv", reuploadPath, () =>
            {
                original.WriteRows(reuploadPath, plan.Rows);
                return plan.Rows.Count;
            });
            WriteReuploadSummary(summary, plan, original, reuploadPath);
        }

        summary.Flush();
    }

    private static void WriteReuploadSummary(TextWriter summary, ReuploadPlan plan, UploadFile original, string reuploadPath)
    {
        var rows = original.Rows.Count;
        summary.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"Upload again: {plan.Rows.Count} of {rows} row{(rows == 1 ? string.Empty : "s")} of {original.Path} written to {reuploadPath} (devices that failed for a passing reason, rows as they were)"));
        var leftOut = plan.LeftOut.Select(pair => string.Create(CultureInfo.InvariantCulture, $"{pair.Value} {ReasonNames[pair.Key]}")).ToArray();
        summary.WriteLine("Left out: " + (leftOut.Length == 0 ? "none" : string.Join(", ", leftOut)));
        foreach (var duplicate in plan.Duplicates)
        {
            summary.WriteLine($"Duplicated in {original.Path}: {duplicate}");
        }

        foreach (var device in plan.UnmatchedDevices)
        {
            summary.WriteLine($"Not in {original.Path}: {Describe(device)}");
        }
    }

    private static string Describe(DeviceUploadDetails device)
    {
        var ids = new[] { ("serial number", device.SerialNumber), ("product key", device.ProductKey), ("device id", device.DeviceId) }
            .Where(id => !string.IsNullOrWhiteSpace(id.Item2))
            .Select(id => id.Item1 + " " + TerminalText.Shorten(id.Item2, 60))
            .ToArray();
        var error = device.GetError() is { } entry
            ? " " + (entry.Code is null ? entry.Name : entry.Code + " " + entry.Name)
            : string.IsNullOrWhiteSpace(device.ErrorCode) ? string.Empty : " " + TerminalText.Shorten(device.ErrorCode, 20);
        return $"{(ids.Length == 0 ? "a device without serial number, product key or device id" : string.Join(", ", ids))} "
            + $"({TerminalText.Shorten(device.RawStatus ?? "(no status)", 40)}{error})";
    }

    private static string Devices(int count) => count == 1 ? "1 device" : string.Create(CultureInfo.InvariantCulture, $"{count} devices");

    private static int WriteFile(string option, string path, Func<int> write)
    {
        try
        {
            return write();
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            throw new UsageException($"{option} {CommandLineValues.Quote(path)} could not be written: {exception.Message}", exception);
        }
    }
}
