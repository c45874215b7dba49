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

    /// <summary>
    /// Makes the temporary file of each export beside its target, before Partner Center is called: a folder that cannot
    /// be written to is then a usage error before anything is sent.
    /// </summary>
    /// <param name="settings">The files to write.</param>
    /// <returns>The files, to pass to <see cref="Write"/>; disposing them removes what was not written.</returns>
    /// <exception cref="CliException">A file cannot be written.</exception>
    public static ReservedExports Reserve(ExportSettings settings)
    {
        var reserved = new ReservedExports();
        try
        {
            reserved.FailedCsv = settings.FailedCsvPath is { } failed ? ExportFile.Reserve("--failed-csv", failed) : null;
            reserved.ReuploadCsv = settings.ReuploadCsvPath is { } reupload ? ExportFile.Reserve("--reupload-csv", reupload) : null;
            return reserved;
        }
        catch
        {
            reserved.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Writes the files and the summary lines: one failed-devices file for every batch, and the rows of the upload
    /// files to upload again after them all.
    /// </summary>
    /// <param name="summary">Where the summary lines go.</param>
    /// <param name="batches">The batches whose details are known (final or last seen), in the order of the list: one for <c>status</c>.</param>
    /// <param name="settings">The files to write.</param>
    /// <param name="files">The files reserved by <see cref="Reserve"/>.</param>
    /// <param name="redactor">What removes secrets from the service's values.</param>
    /// <param name="cancellationToken">Cancelled by Ctrl+C or SIGTERM: the file being written is then left as it was.</param>
    /// <exception cref="CliException">A file cannot be written; it is left as it was.</exception>
    /// <exception cref="OperationCanceledException">Cancelled; the file being written is left as it was.</exception>
    public static void Write(
        TextWriter summary, IReadOnlyList<(BatchTrackingLocation Batch, BatchUploadDetails Details)> batches, ExportSettings settings, ReservedExports files, Output.Redactor redactor, CancellationToken cancellationToken)
    {
        if (!settings.Any)
        {
            return;
        }

        summary.WriteLine();
        if (files.FailedCsv is { } failedFile)
        {
            var count = 0;
            WriteFile(failedFile, stream => count = settings.ManyBatches
                ? FailedDevicesCsv.Write(stream, batches, redactor, cancellationToken)
                : FailedDevicesCsv.Write(stream, batches[0].Details, redactor, cancellationToken));
            summary.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Failed devices: {Durations.Count(count, "device", "devices")} written to {failedFile.Path}"));
            summary.Flush();
        }

        if (settings.ReuploadFrom is [var first, ..] originals && files.ReuploadCsv is { } reuploadFile)
        {
            var plan = ReuploadPlan.Create(originals, batches.SelectMany(batch => batch.Details.DevicesStatus ?? []));
            WriteFile(reuploadFile, stream => first.WriteRows(stream, plan.Rows, cancellationToken));
            WriteReuploadSummary(summary, plan, originals, reuploadFile.Path);
        }

        summary.Flush();
    }

    private static void WriteReuploadSummary(TextWriter summary, ReuploadPlan plan, IReadOnlyList<UploadFile> originals, string reuploadPath)
    {
        var rows = originals.Sum(original => original.Rows.Count);
        var names = originals.Count == 1 ? originals[0].Path : string.Join(", ", originals.Select(original => original.Path));
        var of = originals.Count == 1 ? names : string.Create(CultureInfo.InvariantCulture, $"{originals.Count} files ({names})");
        summary.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"Upload again: {plan.Rows.Count} of {Durations.Count(rows, "row", "rows")} of {of} written to {reuploadPath} (devices that failed for a passing reason, rows as they were)"));
        var leftOut = plan.LeftOut.Select(pair => string.Create(CultureInfo.InvariantCulture, $"{pair.Value} {ReasonNames[pair.Key]}")).ToArray();
        summary.WriteLine("Left out: " + (leftOut.Length == 0 ? "none" : string.Join(", ", leftOut)));
        var where = originals.Count == 1 ? names : "the upload files";
        foreach (var duplicate in plan.Duplicates)
        {
            summary.WriteLine($"Duplicated in {where}: {duplicate}");
        }

        foreach (var device in plan.UnmatchedDevices)
        {
            summary.WriteLine($"Not in {where}: {Describe(device)}");
        }
    }

    private static string Describe(DeviceUploadDetails device)
    {
        var ids = new[] { ("serial number", device.SerialNumber), ("product key", device.ProductKey), ("device id", device.DeviceId) }
            .Where(id => !string.IsNullOrWhiteSpace(id.Item2))
            .Select(id => id.Item1 + " " + TerminalText.Shorten(id.Item2, 60))
            .ToArray();
        var error = device.GetError() is { } entry
            ? " " + entry
            : string.IsNullOrWhiteSpace(device.ErrorCode) ? string.Empty : " " + TerminalText.Shorten(device.ErrorCode, 20);
        return $"{(ids.Length == 0 ? "a device without serial number, product key or device id" : string.Join(", ", ids))} "
            + $"({TerminalText.Shorten(device.Status ?? "(no status)", 40)}{error})";
    }

    private static void WriteFile(ExportFile file, Action<Stream> write)
    {
        try
        {
            file.Commit(write);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            throw new CliException($"{file.Option} {CommandLineValues.Quote(file.Path)} could not be written, and was left as it was: {exception.Message}", exception);
        }
    }
}
