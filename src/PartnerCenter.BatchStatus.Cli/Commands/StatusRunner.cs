using PartnerCenter.BatchStatus.Cli.Exports;
using PartnerCenter.BatchStatus.Cli.Output;

namespace PartnerCenter.BatchStatus.Cli.Commands;

/// <summary>Runs <c>pcbatch status</c>: reads the batch once or waits for it, writes it, and says how it went in the exit code.</summary>
internal static class StatusRunner
{
    /// <summary>Runs the command.</summary>
    /// <param name="read">Reads and checks the command line; throws <see cref="UsageException"/> when it is wrong.</param>
    /// <param name="environment">The process environment.</param>
    /// <param name="cancellationToken">Cancelled by Ctrl+C.</param>
    /// <returns>The exit code, one of <see cref="ExitCodes"/>.</returns>
    public static async Task<int> RunAsync(Func<StatusRequest> read, CliEnvironment environment, CancellationToken cancellationToken)
    {
        StatusRequest? request = null;
        WaitProgress? progress = null;
        try
        {
            request = read();

            // Before anything is sent: a folder that cannot be written to is a usage error now, not after the wait.
            using var files = ExportWriter.Reserve(request.Exports);
            using var connection = environment.ClientFactory.Create(request.Connection, environment);
            if (connection.SignIn is { } signIn)
            {
                await signIn(cancellationToken).ConfigureAwait(false);
            }

            using var correlation = request.CorrelationId is { } correlationId ? PartnerCenterCorrelation.BeginScope(correlationId) : null;
            BatchUploadDetails details;
            if (request.Wait is { } wait)
            {
                progress = new WaitProgress(environment.Error, live: !environment.IsErrorRedirected, environment.TerminalWidth, environment.TimeProvider);
                details = await connection.Client.WaitForCompletionAsync(request.Batch, wait.ToOptions(environment.TimeProvider), progress, cancellationToken).ConfigureAwait(false);
                progress.Finish();
            }
            else
            {
                details = await connection.Client.GetBatchJobStatusAsync(request.Batch.CustomerId, request.Batch.BatchTrackingId, cancellationToken).ConfigureAwait(false);
            }

            Write(environment.Out, details, request, waitEnded: false);
            BatchReport.WriteUnreadWarning(environment.Error, details);
            var exitCode = ExitCodeOf(details);
            try
            {
                // With --json the output stays one JSON document: the lines about the exports go with the progress.
                ExportWriter.Write(request.Json ? environment.Error : environment.Out, details, request.Exports, files, environment.Redactor, cancellationToken);
            }
            catch (UsageException failed)
            {
                // A write that fails after the report: the batch's own outcome wins when it is not a success
                // (devices failed, not finished), so that it is never hidden; otherwise the run is not a success either.
                ErrorReport.WriteLine(environment.Error, failed.Message, environment);
                return exitCode == ExitCodes.Success ? ExitCodes.Usage : exitCode;
            }

            return exitCode;
        }
#pragma warning disable CA1031 // Every failure becomes one line and an exit code: the tool never shows a stack trace.
        catch (Exception exception)
#pragma warning restore CA1031
        {
            progress?.Finish();
            if (exception is BatchWaitTimeoutException { LastDetails: { } last } && request is not null)
            {
                // Where the batch stood when the wait gave up is still worth showing, and scripts can read it.
                Write(environment.Out, last, request, waitEnded: true);
                BatchReport.WriteUnreadWarning(environment.Error, last);
            }

            var (exitCode, message) = ErrorReport.Describe(exception, cancellationToken.IsCancellationRequested);
            ErrorReport.WriteLine(environment.Error, message, environment);
            return exitCode;
        }
    }

    /// <summary>Tells how a batch went, as an exit code.</summary>
    /// <param name="details">The batch.</param>
    /// <returns><see cref="ExitCodes.NotFinished"/>, <see cref="ExitCodes.DevicesFailed"/> or <see cref="ExitCodes.Success"/>.</returns>
    public static int ExitCodeOf(BatchUploadDetails details)
    {
        if (!details.IsCompleted())
        {
            return ExitCodes.NotFinished;
        }

        return details.Status == DeviceUploadStatus.FinishedWithErrors || details.GetFailedDevices().Count > 0
            ? ExitCodes.DevicesFailed
            : ExitCodes.Success;
    }

    private static void Write(TextWriter writer, BatchUploadDetails details, StatusRequest request, bool waitEnded)
    {
        if (request.Json)
        {
            JsonReport.Write(writer, details, request.Batch);
        }
        else
        {
            BatchReport.Write(writer, details, request.Batch, waitEnded);
        }

        writer.Flush();
    }
}
