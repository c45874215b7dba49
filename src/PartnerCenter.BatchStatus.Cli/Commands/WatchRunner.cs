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
    /// <param name="cancellationToken">Cancelled by Ctrl+C.</param>
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

            // A terminal that cannot move the cursor (TERM=dumb, such as an editor's output pane) gets the plain lines.
            var live = !environment.IsErrorRedirected && !string.Equals(environment.GetEnvironmentVariable("TERM"), "dumb", StringComparison.Ordinal);
            progress = new WatchProgress(environment.Error, request.Batches, live, environment.TerminalWidth, environment.TimeProvider);
            progress.Start();
            var outcomes = new List<Outcome>();
            var options = request.Wait.ToOptions(environment.TimeProvider);
            await foreach (var result in connection.Client.WaitForAllAsync(request.Batches, options, progress, cancellationToken).ConfigureAwait(false))
            {
                var outcome = Outcome.Of(result, cancellationToken.IsCancellationRequested);
                outcomes.Add(outcome);
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

            progress.Finish();
            var ordered = request.Batches.Distinct().Select(batch => outcomes.Single(outcome => outcome.Result.Batch == batch)).ToArray();
            if (!request.Json)
            {
                WriteSummary(environment.Out, ordered);
            }

            environment.Out.Flush();
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
    }

    private static void WriteSummary(TextWriter writer, Outcome[] outcomes)
    {
        var failedBatches = outcomes.Count(outcome => outcome.Error is not null);
        var withFailedDevices = outcomes.Count(outcome => outcome.Error is null && outcome.ExitCode == ExitCodes.DevicesFailed);
        var clean = outcomes.Length - failedBatches - withFailedDevices;
        writer.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"{Count(outcomes.Length, "batch", "batches")}: {clean} finished with no failed device, {withFailedDevices} with failed devices, {failedBatches} not finished."));
        writer.WriteLine();

        var table = new TextTable("CUSTOMER", "BATCH", "OUTCOME", "POLLS", "OK", "FAILED", "PENDING");
        foreach (var outcome in outcomes)
        {
            var details = outcome.Result.Details;
            var (ok, failed, pending) = WatchProgress.DeviceCounts(details);
            table.AddRow(
                outcome.Result.Batch.CustomerId.ToString("D"),
                outcome.Result.Batch.BatchTrackingId.ToString("D"),
                outcome.Error is null ? TerminalText.Shorten(details?.RawStatus ?? "(none)", 40) : "not finished: " + outcome.ShortError,
                outcome.Result.Polls.ToString(CultureInfo.InvariantCulture),
                ok,
                failed,
                pending);
        }

        table.Write(writer);

        var errors = outcomes.Where(outcome => outcome.Error is not null).ToArray();
        if (errors.Length > 0)
        {
            writer.WriteLine();
            writer.WriteLine("Batches not finished");
            foreach (var outcome in errors)
            {
                writer.WriteLine($"  {outcome.Result.Batch.BatchTrackingId:D}: {outcome.Error}");
            }
        }

        var devices = outcomes
            .Where(outcome => outcome.Result.Details is not null)
            .SelectMany(outcome => outcome.Result.Details!.GetFailedDevices().Select(failed => (outcome.Result.Batch, failed.Device)))
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

    /// <summary>How one batch went: its exit code and, when it did not finish, why.</summary>
    private sealed record Outcome(BatchWaitResult Result, int ExitCode, string? Error, string ShortError, string? RequestId)
    {
        public static Outcome Of(BatchWaitResult result, bool cancelled)
        {
            if (result.Exception is not { } exception)
            {
                return new Outcome(result, StatusRunner.ExitCodeOf(result.Details!), null, string.Empty, result.Details?.Response?.RequestId);
            }

            var (exitCode, message) = ErrorReport.Describe(exception, cancelled);
            var shortError = exception switch
            {
                PartnerCenterApiException api => string.Create(CultureInfo.InvariantCulture, $"error {api.StatusCode}"),
                BatchWaitTimeoutException => "timed out",
                _ => "error",
            };
            var requestId = (exception as PartnerCenterApiException)?.RequestId ?? result.Details?.Response?.RequestId;
            return new Outcome(result, exitCode, TerminalText.OneLine(message), shortError, requestId);
        }
    }
}
