using System.Globalization;
using PartnerCenter.BatchStatus.Cli.Output;

namespace PartnerCenter.BatchStatus.Cli.Commands;

/// <summary>How one batch of <c>pcbatch watch</c> went: its exit code and, when it did not finish, why, in a row and in a line.</summary>
/// <param name="Batch">The batch.</param>
/// <param name="Details">Its final details, or the last seen, or <see langword="null"/> when no poll succeeded.</param>
/// <param name="Polls">The polls made.</param>
/// <param name="ExitCode">Its exit code, one of <see cref="ExitCodes"/>.</param>
/// <param name="Error">Why it did not finish, one line for the summary; <see langword="null"/> when it finished or was cancelled.</param>
/// <param name="ShortError">Why it did not finish, in a few words for a table's cell; empty when it finished.</param>
/// <param name="RequestId">The <c>MS-RequestId</c> of its last answer, when known.</param>
internal sealed record WatchOutcome(BatchTrackingLocation Batch, BatchUploadDetails? Details, int Polls, int ExitCode, string? Error, string ShortError, string? RequestId)
{
    /// <summary>Gets a value indicating whether the batch reached a final status.</summary>
    public bool Finished => ShortError.Length == 0;

    /// <summary>Gets a value indicating whether the run was cancelled before this batch's first poll.</summary>
    public bool NeverPolled => ExitCode == ExitCodes.Cancelled && Polls == 0 && Details is null;

    /// <summary>Reads the result of one batch's wait.</summary>
    /// <param name="result">The result.</param>
    /// <param name="cancelled">Whether the user cancelled the run.</param>
    /// <param name="now">When the result came, for the end of a throttling pause.</param>
    /// <returns>The outcome.</returns>
    public static WatchOutcome Of(BatchWaitResult result, bool cancelled, DateTimeOffset now)
    {
        if (result.Exception is not { } exception)
        {
            return new WatchOutcome(result.Batch, result.Details, result.Polls, StatusCommand.ExitCodeOf(result.Details!), null, string.Empty, result.Details?.Response?.RequestId);
        }

        var (exitCode, message) = ErrorReport.Describe(exception, cancelled);
        string shortError;
        if (IsThrottled(exception, now, out var retryAfter))
        {
            // Throttling is the service asking for patience: say so, and until when, whichever layer gave up on it.
            shortError = retryAfter is { } wait ? "throttled until " + Durations.Until(now, wait, withZone: false) : "throttled";
            message = retryAfter is { } pause
                ? $"Throttled by Partner Center until {Durations.Until(now, pause)} ({Durations.Format(pause)} from now). {message}"
                : $"Throttled by Partner Center. {message}";
        }
        else
        {
            shortError = exception switch
            {
                PartnerCenterApiException api => string.Create(CultureInfo.InvariantCulture, $"error {api.StatusCode}"),
                BatchWaitTimeoutException => "timed out",
                _ => "error",
            };
        }

        var requestId = (exception as PartnerCenterApiException)?.RequestId ?? result.Details?.Response?.RequestId;
        return new WatchOutcome(result.Batch, result.Details, result.Polls, exitCode, TerminalText.OneLine(message), shortError, requestId);
    }

    /// <summary>A batch whose wait the user cancelled: what its last poll showed, if any.</summary>
    /// <param name="batch">The batch.</param>
    /// <param name="seen">The polls made so far, and the details of the last successful one, or <see langword="null"/>.</param>
    /// <returns>The outcome.</returns>
    public static WatchOutcome Cancelled(BatchTrackingLocation batch, (int Polls, BatchUploadDetails? Details) seen) =>
        new(batch, seen.Details, seen.Polls, ExitCodes.Cancelled, null, "cancelled: " + (seen.Details is { } details ? TerminalText.Status(details.Status, 24) : "waiting"), seen.Details?.Response?.RequestId);

    /// <summary>
    /// Whether a failure comes from throttling (a 429 answer, a client paused by an earlier one, or a wait that the
    /// service asked to pause beyond its limit), and for how long the service asked to wait.
    /// </summary>
    /// <param name="exception">The failure.</param>
    /// <param name="now">The instant the failure is reported at, on the run's clock.</param>
    /// <param name="retryAfter">The wait the service asked for, when it said.</param>
    /// <returns>Whether it is throttling.</returns>
    internal static bool IsThrottled(Exception exception, DateTimeOffset now, out TimeSpan? retryAfter)
    {
        for (var current = exception; current is not null; current = current.InnerException)
        {
            switch (current)
            {
                case PartnerCenterApiException { StatusCode: 429 } api:
                    retryAfter = api.RetryAfter;
                    return true;
                case BatchWaitTimeoutException { ThrottledUntil: { } until }:
                    var left = until - now;
                    retryAfter = left > TimeSpan.Zero ? left : TimeSpan.Zero;
                    return true;
            }
        }

        retryAfter = null;
        return false;
    }

    /// <summary>Writes the summary of a run: the counts, a row per batch, why batches did not finish, and every failed device.</summary>
    /// <param name="writer">Where to write.</param>
    /// <param name="outcomes">The batches' outcomes, in the order of the list.</param>
    public static void WriteSummary(TextWriter writer, WatchOutcome[] outcomes)
    {
        var notFinished = outcomes.Count(outcome => !outcome.Finished);
        var withFailedDevices = outcomes.Count(outcome => outcome.Finished && outcome.ExitCode == ExitCodes.DevicesFailed);
        var clean = outcomes.Length - notFinished - withFailedDevices;
        writer.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"{Durations.Count(outcomes.Length, "batch", "batches")}: {clean} finished with no failed device, {withFailedDevices} with failed devices, {notFinished} not finished."));
        writer.WriteLine();

        var table = new TextTable("CUSTOMER", "BATCH", "OUTCOME", "POLLS", "OK", "FAILED", "PENDING");
        var unpolled = 0;
        foreach (var outcome in outcomes)
        {
            if (outcome.NeverPolled)
            {
                // Cancelled before its first poll: nothing is known of it but its ids, which the list holds.
                unpolled++;
                continue;
            }

            var details = outcome.Details;
            var (ok, failed, pending) = WatchProgress.DeviceCounts(details);
            table.AddRow(
                outcome.Batch.CustomerId.ToString("D"),
                outcome.Batch.BatchTrackingId.ToString("D"),
                outcome.Finished ? TerminalText.Status(details?.Status) : "not finished: " + outcome.ShortError,
                outcome.Polls.ToString(CultureInfo.InvariantCulture),
                ok,
                failed,
                pending);
        }

        table.Write(writer);
        if (unpolled > 0)
        {
            writer.WriteLine(string.Create(CultureInfo.InvariantCulture, $"and {Durations.Count(unpolled, "batch", "batches")} of the list not polled before the run was cancelled."));
        }

        var errors = outcomes.Where(outcome => outcome.Error is not null).ToArray();
        if (errors.Length > 0)
        {
            writer.WriteLine();
            writer.WriteLine("Batches not finished");
            foreach (var outcome in errors)
            {
                writer.WriteLine($"  {outcome.Batch.BatchTrackingId:D}: {outcome.Error}");
            }
        }

        var devices = outcomes
            .Where(outcome => outcome.Details is not null)
            .SelectMany(outcome => outcome.Details!.GetFailedDevices().Select(failed => (outcome.Batch, failed.Device)))
            .ToArray();
        if (devices.Length == 0)
        {
            return;
        }

        writer.WriteLine();
        writer.WriteLine("Failed devices");
        var deviceTable = new TextTable("BATCH", "SERIAL NUMBER", "PRODUCT KEY", "ERROR", "MEANING");
        foreach (var (batch, device) in devices)
        {
            deviceTable.AddRow(batch.BatchTrackingId.ToString("D"), device.SerialNumber, device.ProductKey, device.ErrorCode, BatchReport.Meaning(device));
        }

        deviceTable.Write(writer);
    }
}
