using System.Globalization;

namespace PartnerCenter.BatchStatus.Cli.Output;

/// <summary>
/// Writes a batch for people: its status and times, a one-line summary, a table of its devices with each failed
/// device's error code and the catalog's meaning, and what to do about each error.
/// </summary>
internal static class BatchReport
{
    /// <summary>How much of a service's error description a cell shows, for a code the catalog does not know.</summary>
    private const int MaxDescriptionLength = 100;

    /// <summary>How many paths of unread values the warning names.</summary>
    private const int MaxPathsShown = 10;

    /// <summary>Writes the report.</summary>
    /// <param name="writer">Where to write.</param>
    /// <param name="details">The batch.</param>
    /// <param name="batch">The ids that were asked for.</param>
    /// <param name="waitEnded">Whether these are the last details of a wait that reached its <c>--timeout</c>.</param>
    public static void Write(TextWriter writer, BatchUploadDetails details, BatchTrackingLocation batch, bool waitEnded = false)
    {
        var fields = new TextTable("field", "value");
        var trackingId = TerminalText.Shorten(details.BatchTrackingId, 40);
        fields.AddRow("Batch", trackingId.Length > 0 ? trackingId : batch.BatchTrackingId.ToString("D"));
        fields.AddRow("Customer", batch.CustomerId.ToString("D"));
        fields.AddRow("Status", StatusLine(details, waitEnded));
        fields.AddRow("Started", Time(details.StartedTime));
        fields.AddRow("Completed", CompletedLine(details));
        fields.AddRow("Devices", details.Summarize());
        if (details.Response is { } response)
        {
            fields.AddRow("Request id", $"{response.RequestId ?? "(none)"} (correlation id {response.CorrelationId ?? "(none)"})");
        }

        fields.Write(writer, withHeader: false);

        var devices = details.DevicesStatus?.Where(device => device is not null).ToArray() ?? [];
        writer.WriteLine();
        if (devices.Length == 0)
        {
            writer.WriteLine("The batch lists no devices.");
            return;
        }

        var table = new TextTable("SERIAL NUMBER", "PRODUCT KEY", "DEVICE ID", "STATUS", "ERROR", "MEANING");
        foreach (var device in devices)
        {
            table.AddRow(
                device.SerialNumber,
                device.ProductKey,
                device.DeviceId,
                TerminalText.Status(device.Status),
                device.ErrorCode,
                Meaning(device));
        }

        table.Write(writer);
        WriteRemedies(writer, details);
    }

    /// <summary>
    /// Writes one warning line when the answer held values that the client could not read into its model (a timestamp
    /// that does not parse, devices that are not objects...), naming them by their JSON paths, never by their values.
    /// </summary>
    /// <param name="error">The error stream.</param>
    /// <param name="details">The batch.</param>
    public static void WriteUnreadWarning(TextWriter error, BatchUploadDetails details) => WriteUnreadWarning(error, details, batch: null);

    /// <summary>The warning of <see cref="WriteUnreadWarning(TextWriter, BatchUploadDetails)"/>, naming the batch it is about.</summary>
    /// <param name="error">The error stream.</param>
    /// <param name="details">The details read.</param>
    /// <param name="batch">The batch, when the run is about several.</param>
    public static void WriteUnreadWarning(TextWriter error, BatchUploadDetails details, BatchTrackingLocation? batch)
    {
        if (details.Response is not { UnreadValueCount: > 0 and var count, UnreadValues: var unread })
        {
            return;
        }

        var paths = string.Join(", ", unread.Take(MaxPathsShown).Select(TerminalText.OneLine))
            + (count > MaxPathsShown ? $" and {count - MaxPathsShown} more" : string.Empty);
        var answer = batch is { } about ? $"the answer for batch {about.BatchTrackingId:D}" : "the answer";
        error.WriteLine(count == 1
            ? $"pcbatch: warning: 1 value of {answer} was not read: {paths}"
            : $"pcbatch: warning: {count} values of {answer} were not read: {paths}");
    }

    private static string StatusLine(BatchUploadDetails details, bool waitEnded)
    {
        var status = TerminalText.Status(details.Status);
        if (!details.IsCompleted())
        {
            // The advice follows what happened: a status the tool does not know is not a reason to wait.
            return status + (details.Status != DeviceUploadStatus.Queued && details.Status != DeviceUploadStatus.Processing
                ? " (a status pcbatch does not know: check the batch in Partner Center; waiting may not change it)"
                : waitEnded
                    ? " (not finished when the wait ended: check again later, or wait longer with --timeout)"
                    : " (not finished yet: check again later, or add --wait)");
        }

        return details.GetFailedDevices().Count > 0 && details.Status == DeviceUploadStatus.Finished
            ? status + " (but devices failed: see below)"
            : status;
    }

    private static string CompletedLine(BatchUploadDetails details)
    {
        if (details.CompletedTime is not { } completed || !details.IsCompleted())
        {
            return "-";
        }

        return details.StartedTime is { } started && completed >= started
            ? $"{Time(completed)} ({Durations.Format(completed - started)} after the start)"
            : Time(completed);
    }

    private static string Time(DateTimeOffset? time) =>
        time is { } value ? value.ToUniversalTime().ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture) : "-";

    /// <summary>Tells what a device's error means: the catalog's name and meaning, or the service's own description.</summary>
    /// <param name="device">The device.</param>
    /// <returns>The meaning, or an empty string for a device with no error.</returns>
    internal static string Meaning(DeviceUploadDetails device)
    {
        if (string.IsNullOrWhiteSpace(device.ErrorCode) && device.GetOutcome() != DeviceOutcome.Failed)
        {
            return string.Empty;
        }

        if (device.GetError() is { } error)
        {
            return $"{error.Name}: {error.Meaning}" + (error.IsProvisional ? " (provisional wording)" : string.Empty);
        }

        // A code the catalog does not know: the service's own description is all there is.
        var description = TerminalText.Shorten(device.ErrorDescription, MaxDescriptionLength);
        return description.Length > 0 ? description : "(no description)";
    }

    private static void WriteRemedies(TextWriter writer, BatchUploadDetails details)
    {
        // Known errors are grouped by their entry (some have no number), unknown ones by the code as sent.
        var failures = details.GetFailedDevices()
            .GroupBy(failed => failed.Error is { } error ? error.ToString() : TerminalText.Shorten(failed.Device.ErrorCode, 20))
            .Select(group => (Code: group.Key, group.First().Error, Count: group.Count()))
            .OrderByDescending(failure => failure.Count)
            .ThenBy(failure => failure.Code, StringComparer.Ordinal)
            .ToArray();
        if (failures.Length == 0)
        {
            return;
        }

        writer.WriteLine();
        writer.WriteLine("What to do");
        foreach (var (code, error, count) in failures)
        {
            var devices = Durations.Count(count, "device", "devices");
            var remedy = error is not null
                ? $"{code} ({devices}): {error.Remedy}"
                : code.Length > 0
                    ? $"{code} ({devices}): not a known device registration error code; see its description above."
                    : $"No error code ({devices}): the service gave no reason; check the devices and upload them again.";
            writer.WriteLine("  " + remedy);
        }
    }
}
