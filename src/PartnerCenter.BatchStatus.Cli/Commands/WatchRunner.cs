using System.Globalization;
using PartnerCenter.BatchStatus.Cli.Output;

namespace PartnerCenter.BatchStatus.Cli.Commands;

/// <summary>
/// Runs <c>pcbatch watch</c>: waits for every batch of the list under the client's one request budget, shows the
/// polls, then writes a summary (or one JSON line per batch) and says how the worst batch went in the exit code.
/// </summary>
internal static class WatchRunner
{
    /// <summary>The exit codes of a batch, from the best outcome to the worst: the run exits with the worst.</summary>
    private static readonly int[] Severity =
    [
        ExitCodes.Success,
        ExitCodes.DevicesFailed,
        ExitCodes.NotFinished,
        ExitCodes.Timeout,
        ExitCodes.ServiceError,
        ExitCodes.SignInFailed,
        ExitCodes.InternalError,
        ExitCodes.Cancelled,
    ];

    /// <summary>Runs the command.</summary>
    /// <param name="read">Reads and checks the command line and the list; throws <see cref="UsageException"/> when it is wrong.</param>
    /// <param name="environment">The process environment.</param>
    /// <param name="cancellationToken">Cancelled by Ctrl+C (or SIGTERM): the run then writes what it knows so far and exits with <see cref="ExitCodes.Cancelled"/>.</param>
    /// <returns>The exit code, one of <see cref="ExitCodes"/>: the worst of the batches'.</returns>
    public static async Task<int> RunAsync(Func<WatchRequest> read, CliEnvironment environment, CancellationToken cancellationToken)
    {
        WatchProgress? progress = null;
        try
        {
            var request = read();
            using var connection = environment.ClientFactory.Create(request.Connection, environment);
            if (connection.SignIn is { } signIn)
            {
                await signIn(cancellationToken).ConfigureAwait(false);
            }

            // Each batch once, in the order of the list: the rows of the view and of the summary.
            var batches = request.Batches.Distinct().ToArray();
            var rows = new Dictionary<BatchTrackingLocation, int>(batches.Length);
            for (var i = 0; i < batches.Length; i++)
            {
                rows.Add(batches[i], i);
            }

            // A terminal that cannot move the cursor (TERM=dumb, such as an editor's output pane) or that names no
            // type at all (TERM unset, as under cron or some service managers) gets the plain lines.
            var terminalType = environment.GetEnvironmentVariable("TERM");
            var live = !environment.IsErrorRedirected && !string.IsNullOrWhiteSpace(terminalType) && !string.Equals(terminalType, "dumb", StringComparison.Ordinal);
            progress = new WatchProgress(environment.Error, batches, live, environment.TerminalWidth, environment.TerminalHeight, environment.TimeProvider);
            progress.Start();
            var outcomes = new WatchOutcome?[batches.Length];
            var options = request.Wait.ToOptions(environment.TimeProvider);
            var cancelled = false;
            try
            {
                await foreach (var result in connection.Client.WaitForAllAsync(batches, options, progress, cancellationToken).ConfigureAwait(false))
                {
                    var outcome = WatchOutcome.Of(result, cancellationToken.IsCancellationRequested, environment.TimeProvider.GetUtcNow());
                    outcomes[rows[result.Batch]] = outcome;
                    if (outcome.Error is not null)
                    {
                        progress.Failed(result.Batch, outcome.ShortError);
                    }

                    if (request.Json)
                    {
                        JsonReport.WriteLine(environment.Out, result.Batch, result.Details, outcome.RequestId, result.CorrelationId.ToString("D"), outcome.Error);
                        environment.Out.Flush();
                    }
                }
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                // Ctrl+C: what is known so far is still worth a summary.
                cancelled = true;
            }

            progress.Finish();
            var ordered = new WatchOutcome[batches.Length];
            for (var i = 0; i < batches.Length; i++)
            {
                var (polls, details) = progress.Seen(batches[i]);
                ordered[i] = outcomes[i] ?? WatchOutcome.Cancelled(batches[i], polls, details);
            }

            // After the live view, which these lines would break: what the client could not read is never silent.
            foreach (var outcome in ordered)
            {
                if (outcome.Details is { } details)
                {
                    BatchReport.WriteUnreadWarning(environment.Error, details, outcome.Batch);
                }
            }

            if (!request.Json)
            {
                using var summary = new ChunkedWriter(environment.Out);
                WriteSummary(summary, ordered);
            }

            environment.Out.Flush();
            if (cancelled)
            {
                ErrorReport.WriteLine(environment.Error, "Cancelled.", environment);
                return ExitCodes.Cancelled;
            }

            return ordered.Select(outcome => outcome.ExitCode).MaxBy(code => Array.IndexOf(Severity, code));
        }
#pragma warning disable CA1031 // Every failure becomes one line and an exit code: the tool never shows a stack trace.
        catch (Exception exception)
#pragma warning restore CA1031
        {
            progress?.Finish();
            var (exitCode, message) = ErrorReport.Describe(exception, cancellationToken.IsCancellationRequested);
            ErrorReport.WriteLine(environment.Error, message.Replace("'pcbatch status --help'", "'pcbatch watch --help'", StringComparison.Ordinal), environment);
            return exitCode;
        }
        finally
        {
            progress?.Dispose();
        }
    }

    private static void WriteSummary(TextWriter writer, WatchOutcome[] outcomes)
    {
        var notFinished = outcomes.Count(outcome => !outcome.Finished);
        var withFailedDevices = outcomes.Count(outcome => outcome.Finished && outcome.ExitCode == ExitCodes.DevicesFailed);
        var clean = outcomes.Length - notFinished - withFailedDevices;
        writer.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"{Count(outcomes.Length, "batch", "batches")}: {clean} finished with no failed device, {withFailedDevices} with failed devices, {notFinished} not finished."));
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
                outcome.Finished ? TerminalText.Shorten(details?.Status ?? "(none)", 40) : "not finished: " + outcome.ShortError,
                outcome.Polls.ToString(CultureInfo.InvariantCulture),
                ok,
                failed,
                pending);
        }

        table.Write(writer);
        if (unpolled > 0)
        {
            writer.WriteLine(string.Create(CultureInfo.InvariantCulture, $"and {Count(unpolled, "batch", "batches")} of the list not polled before the run was cancelled."));
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

    private static string Count(int count, string one, string many) =>
        count == 1 ? "1 " + one : count.ToString(CultureInfo.InvariantCulture) + " " + many;
}
