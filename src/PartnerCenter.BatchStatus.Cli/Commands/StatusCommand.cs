using System.CommandLine;
using PartnerCenter.BatchStatus.Cli.Connection;
using PartnerCenter.BatchStatus.Cli.Demo;
using PartnerCenter.BatchStatus.Cli.Exports;
using PartnerCenter.BatchStatus.Cli.Output;

namespace PartnerCenter.BatchStatus.Cli.Commands;

/// <summary>
/// <c>pcbatch status</c>: reads the batch once or waits for it, writes it (and the exports), and says how it went in
/// the exit code.
/// </summary>
internal sealed class StatusCommand
{
    private readonly CommonOptions _common = new(
        json: "Write one JSON document for scripts, the same shape every time: the ids asked for, the request and correlation ids "
            + "of the answer, and the batch's details as the client read them (a status as sent, fields the contract does not list kept, times in UTC).",
        interval: "With --wait: the pause before the second poll",
        timeout: "With --wait: how long to wait at most",
        demo: "Run against an embedded fake Partner Center, with no account: it serves the documented sample "
            + "(the default ids) and, with --wait and no ids, a batch that goes from queued to processing to finished_with_errors.");

    private readonly ExportOptions _exports = new();

    private readonly Argument<string?> _customerId = new("customer-id")
    {
        Description = "The customer's tenant id (the Microsoft ID on the customer's account page).",
        Arity = ArgumentArity.ZeroOrOne,
    };

    private readonly Argument<string?> _batchTrackingId = new("batch-tracking-id")
    {
        Description = "The batch tracking id, from the Location header of the device batch upload.",
        Arity = ArgumentArity.ZeroOrOne,
    };

    private readonly Option<string?> _location = CommandLineValues.Option("--location", "value",
        "The Location header of the upload instead of the two ids, as pasted: "
            + "/customers/{customer-id}/batchJobStatus/{batchtracking-id}, with or without /v1, as a URL, or the whole 'Location: ...' line.");

    private readonly Option<bool> _wait = new("--wait") { Description = "Wait until the batch is finished, showing each poll on the error stream." };

    private readonly Option<string?> _correlationId = CommandLineValues.Option("--correlation-id", "guid",
        "The MS-CorrelationId that every call sends, to find them in Partner Center's logs. Default: a new id.");

    /// <summary>Initializes a new instance of the <see cref="StatusCommand"/> class.</summary>
    /// <param name="environment">The process environment the command runs in.</param>
    public StatusCommand(CliEnvironment environment)
    {
        Command = new Command("status", "Show the status of a device batch upload: the batch, a summary, and each device with its error and what it means.")
        {
            _customerId, _batchTrackingId, _location, _common.Json, _wait, _common.Interval, _common.Timeout, _correlationId,
        };
        _exports.AddTo(Command);
        _common.AddTo(Command, withOutput: false);
        Command.SetAction((parse, cancellationToken) => RunAsync(parse, environment, cancellationToken));
    }

    /// <summary>Gets the command.</summary>
    public Command Command { get; }

    /// <summary>Tells how a batch went, as an exit code.</summary>
    /// <param name="details">The batch.</param>
    /// <returns><see cref="ExitCodes.NotFinished"/>, <see cref="ExitCodes.DevicesFailed"/> or <see cref="ExitCodes.Success"/>.</returns>
    public static int ExitCodeOf(BatchUploadDetails details) =>
        !details.IsCompleted() ? ExitCodes.NotFinished
        : details.Status == DeviceUploadStatus.FinishedWithErrors || details.GetFailedDevices().Count > 0 ? ExitCodes.DevicesFailed
        : ExitCodes.Success;

    private async Task<int> RunAsync(ParseResult parse, CliEnvironment environment, CancellationToken cancellationToken)
    {
        Request? request = null;
        WaitProgress? progress = null;
        try
        {
            request = Read(parse, environment);

            // Before anything is sent: a folder that cannot be written to is a usage error now, not after the wait.
            using var files = ExportWriter.Reserve(request.Exports);
            using var connection = await BatchClientConnection.OpenAsync(environment.ClientFactory, request.Connection, environment, cancellationToken).ConfigureAwait(false);
            using var correlation = request.CorrelationId is { } correlationId ? PartnerCenterCorrelation.BeginScope(correlationId) : null;
            BatchUploadDetails details;
            if (request.Wait is { } wait)
            {
                progress = new WaitProgress(environment.Error, live: !environment.IsErrorRedirected, environment.TerminalWidth, environment.TimeProvider);
                details = await connection.Client.WaitForCompletionAsync(request.Batch.CustomerId, request.Batch.BatchTrackingId, wait, progress, cancellationToken).ConfigureAwait(false);
                progress.Finish();
            }
            else
            {
                details = await connection.Client.GetBatchJobStatusAsync(request.Batch.CustomerId, request.Batch.BatchTrackingId, cancellationToken).ConfigureAwait(false);
            }

            Write(environment, details, request, waitEnded: false);
            var exitCode = ExitCodeOf(details);
            try
            {
                // With --json the output stays one JSON document: the lines about the exports go with the progress.
                ExportWriter.Write(request.Json ? environment.Error : environment.Out, [(request.Batch, details)], request.Exports, files, environment.Redactor, cancellationToken);
            }
            catch (CliException failed)
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
                Write(environment, last, request, waitEnded: true);
            }

            return ErrorReport.Fail(environment, exception, "status", cancellationToken);
        }
    }

    private static void Write(CliEnvironment environment, BatchUploadDetails details, Request request, bool waitEnded)
    {
        if (request.Json)
        {
            JsonReport.Write(environment.Out, details, request.Batch);
        }
        else
        {
            BatchReport.Write(environment.Out, details, request.Batch, waitEnded);
        }

        environment.Out.Flush();
        BatchReport.WriteUnreadWarning(environment.Error, details);
    }

    private Request Read(ParseResult parse, CliEnvironment environment)
    {
        // The secret check first, so that no other message could ever quote one; the ids next, as they are the likeliest mistake.
        _common.RejectSecrets(parse);
        var wait = parse.GetValue(_wait);
        var batch = ReadBatch(parse, parse.GetValue(_common.Demo), wait);
        if (!wait && (parse.GetValue(_common.Interval) is not null || parse.GetValue(_common.Timeout) is not null))
        {
            throw new CliException("--interval and --timeout only apply with --wait.");
        }

        var waitOptions = wait ? _common.ReadWait(parse, environment.TimeProvider) : null;
        var correlationId = parse.GetValue(_correlationId) is { } correlationText ? CommandLineValues.ParseId(correlationText, "--correlation-id") : (Guid?)null;
        var connection = _common.ReadConnection(parse, environment);
        var exports = _exports.Read(parse, readsStandardInput: false, ("the file of --certificate", connection.CertificatePath));
        return new Request(batch, waitOptions, parse.GetValue(_common.Json), correlationId, exports, connection);
    }

    private BatchTrackingLocation ReadBatch(ParseResult parse, bool demo, bool wait)
    {
        var customerText = parse.GetValue(_customerId);
        var batchText = parse.GetValue(_batchTrackingId);
        if (parse.GetValue(_location) is { } locationText)
        {
            return customerText is null
                ? CommandLineValues.ParseLocation(locationText, "--location: ", string.Empty)
                : throw new CliException("Give either --location or the two ids, not both.");
        }

        if (customerText is null && demo)
        {
            // With --wait, the batch that moves on shows the wait; otherwise the documented sample.
            return new BatchTrackingLocation(DemoIds.CustomerId, wait ? DemoIds.MovingBatchTrackingId : DemoIds.DocumentedBatchTrackingId);
        }

        if (customerText is null || batchText is null)
        {
            throw new CliException(customerText is null
                ? "Give the customer id and the batch tracking id, or --location with the upload's Location header (or --demo to try the tool without an account)."
                : "Give the batch tracking id after the customer id, or use --location with the upload's Location header.");
        }

        return new BatchTrackingLocation(CommandLineValues.ParseId(customerText, "customer id"), CommandLineValues.ParseId(batchText, "batch tracking id"));
    }

    /// <summary>What the command was asked to do, checked.</summary>
    private sealed record Request(BatchTrackingLocation Batch, BatchWaitOptions? Wait, bool Json, Guid? CorrelationId, ExportSettings Exports, ConnectionSettings Connection);
}
