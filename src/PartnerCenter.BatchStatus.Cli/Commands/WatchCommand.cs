using System.CommandLine;
using System.Globalization;
using PartnerCenter.BatchStatus.Cli.Connection;
using PartnerCenter.BatchStatus.Cli.Demo;
using PartnerCenter.BatchStatus.Cli.Exports;
using PartnerCenter.BatchStatus.Cli.Output;

namespace PartnerCenter.BatchStatus.Cli.Commands;

/// <summary>
/// <c>pcbatch watch</c>: waits for every batch of a list under the client's one request budget, shows the polls, then
/// writes a summary (or one JSON line per batch) and says how the worst batch went in the exit code.
/// </summary>
internal sealed class WatchCommand
{
    /// <summary>The exit codes of a batch, from the best outcome to the worst: the run exits with the worst.</summary>
    private static readonly int[] Severity =
    [
        ExitCodes.Success, ExitCodes.DevicesFailed, ExitCodes.NotFinished, ExitCodes.Timeout,
        ExitCodes.ServiceError, ExitCodes.SignInFailed, ExitCodes.InternalError, ExitCodes.Cancelled,
    ];

    private readonly CommonOptions _common = new(
        json: "Write one JSON line per batch as it finishes (the envelope of 'status --json', with an error field for a batch that failed), for scripts.",
        interval: "The pause before each batch's second poll",
        timeout: "How long to wait for each batch at most",
        demo: "Run against an embedded fake Partner Center, with no account. With no file, watch the demo's own list: a batch that goes "
            + "from queued to processing to finished_with_errors, the documented sample, and a batch the demo does not know (404).");

    private readonly ExportOptions _exports = new(manyBatches: true);

    private readonly Argument<string?> _file = new("file")
    {
        Description = "The list of batches, one a line: a Location value of an upload (path, URL or the whole 'Location: ...' line) "
            + "or customer-id,batch-tracking-id; empty lines and lines starting with # are skipped. "
            + "Default, or '-': standard input; with --demo and no file, the demo's own list.",
        Arity = ArgumentArity.ZeroOrOne,
    };

    /// <summary>Initializes a new instance of the <see cref="WatchCommand"/> class.</summary>
    /// <param name="environment">The process environment the command runs in.</param>
    public WatchCommand(CliEnvironment environment)
    {
        Command = new Command(
            "watch",
            "Wait for many device batch uploads at once, under one request budget: a live table on a terminal (plain lines when redirected), "
            + "then a summary of every batch and every failed device with its meaning. The exit code is the worst outcome.")
        {
            _file,
        };
        _exports.AddTo(Command);
        _common.AddTo(Command, withOutput: true);
        Command.SetAction((parse, cancellationToken) => RunAsync(parse, environment, cancellationToken));
    }

    /// <summary>The most characters a list may have: about 150,000 Location lines.</summary>
    public const int MaxListCharacters = 16 * 1024 * 1024;

    /// <summary>Gets the command.</summary>
    public Command Command { get; }

    /// <summary>
    /// Reads the list of batches: one a line, as a Location value (a path, a URL or the whole <c>Location: ...</c> line)
    /// or as <c>customer-id,batch-tracking-id</c>; empty lines and lines that start with <c>#</c> are skipped. Every
    /// line is read before any call, so that a bad line stops the run before it starts; a list longer than
    /// <see cref="MaxListCharacters"/> (<c>/dev/zero</c>, a file that is no list) stops it too, before it fills the memory.
    /// </summary>
    /// <param name="reader">The file or the standard input.</param>
    /// <param name="source">What is read, for the messages: a quoted file name or <c>standard input</c>.</param>
    /// <returns>The batches, in the order of the lines.</returns>
    /// <exception cref="CliException">A line is neither form, there is no batch at all, or the list is too long.</exception>
    public static IReadOnlyList<BatchTrackingLocation> ReadList(TextReader reader, string source)
    {
        var batches = new List<BatchTrackingLocation>();
        var number = 0;
        source = char.ToUpperInvariant(source[0]) + source[1..];
        var all = new System.Text.StringBuilder();
        var block = new char[64 * 1024];
        for (int read; (read = reader.Read(block)) > 0; all.Append(block, 0, read))
        {
            if (all.Length + read > MaxListCharacters)
            {
                throw new CliException($"{source} is longer than {MaxListCharacters / 1024 / 1024} Mi characters: it is not a list of batches.");
            }
        }

        using var lines = new StringReader(all.ToString());
        while (lines.ReadLine() is { } line)
        {
            number++;
            var text = line.Trim();
            if (text.Length == 0 || text.StartsWith('#'))
            {
                continue;
            }

            var where = string.Create(CultureInfo.InvariantCulture, $"{source}, line {number}: ");
            var parts = text.Split(',');
            try
            {
                batches.Add(parts.Length == 2
                    ? new BatchTrackingLocation(CommandLineValues.ParseId(parts[0], "customer id"), CommandLineValues.ParseId(parts[1], "batch tracking id"))
                    : CommandLineValues.ParseLocation(text, where, " Or give 'customer-id,batch-tracking-id'."));
            }
            catch (CliException error) when (parts.Length == 2)
            {
                throw new CliException(where + error.Message, error);
            }
        }

        return batches.Count > 0
            ? batches
            : throw new CliException($"{source} lists no batch: give one Location value, or 'customer-id,batch-tracking-id', a line.");
    }

    private async Task<int> RunAsync(ParseResult parse, CliEnvironment environment, CancellationToken cancellationToken)
    {
        WatchProgress? progress = null;
        try
        {
            _common.RejectSecrets(parse);
            var wait = _common.ReadWait(parse, environment.TimeProvider);
            var settings = _common.ReadConnection(parse, environment);
            var json = parse.GetValue(_common.Json);

            // The exports before the list, which may be typed at the terminal; both before anything is sent.
            var file = parse.GetValue(_file);
            var demo = parse.GetValue(_common.Demo);
            var listFile = file is null or "-" ? null : file;
            var exports = _exports.Read(
                parse, readsStandardInput: listFile is null && !(demo && file is null), ("the list of batches", listFile), ("the file of --certificate", settings.CertificatePath));

            // Each batch once, in the order of the list: the rows of the view and of the summary.
            var batches = ReadBatches(file, demo, environment).Distinct().ToArray();
            using var files = ExportWriter.Reserve(exports);
            using var connection = await BatchClientConnection.OpenAsync(environment.ClientFactory, settings, environment, cancellationToken).ConfigureAwait(false);
            var rows = batches.Index().ToDictionary(pair => pair.Item, pair => pair.Index);

            // A terminal that cannot move the cursor (TERM=dumb, such as an editor's output pane) or that names no
            // type at all (TERM unset, as under cron or some service managers) gets the plain lines.
            var terminalType = environment.GetEnvironmentVariable("TERM");
            var live = !environment.IsErrorRedirected && !string.IsNullOrWhiteSpace(terminalType) && terminalType != "dumb";
            progress = new WatchProgress(environment.Error, batches, live, environment.TerminalWidth, environment.TerminalHeight, environment.TimeProvider);
            progress.Start();
            var outcomes = new WatchOutcome?[batches.Length];
            var cancelled = false;
            try
            {
                await foreach (var result in connection.Client.WaitForAllAsync(batches, wait, progress, cancellationToken).ConfigureAwait(false))
                {
                    var outcome = WatchOutcome.Of(result, cancellationToken.IsCancellationRequested, environment.TimeProvider.GetUtcNow());
                    outcomes[rows[result.Batch]] = outcome;
                    if (outcome.Error is not null)
                    {
                        progress.Failed(result.Batch, outcome.ShortError);
                    }

                    if (json)
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
            var ordered = batches.Select((batch, i) => outcomes[i] ?? WatchOutcome.Cancelled(batch, progress.Seen(batch))).ToArray();

            // After the live view, which these lines would break: what the client could not read is never silent.
            foreach (var outcome in ordered.Where(outcome => outcome.Details is not null))
            {
                BatchReport.WriteUnreadWarning(environment.Error, outcome.Details!, outcome.Batch);
            }

            if (!json)
            {
                WatchOutcome.WriteSummary(environment.Out, ordered);
            }

            environment.Out.Flush();
            var exitCode = cancelled ? ExitCodes.Cancelled : ordered.Select(outcome => outcome.ExitCode).MaxBy(code => Array.IndexOf(Severity, code));
            try
            {
                // Every batch's details known, final or last seen, as the summary shows them. After Ctrl+C the files
                // still get what is known (a second Ctrl+C leaves them as they were); with --json the lines about them
                // go with the progress, so that the output stays JSON lines.
                var known = ordered.Where(outcome => outcome.Details is not null).Select(outcome => (outcome.Batch, outcome.Details!)).ToArray();
                ExportWriter.Write(json ? environment.Error : environment.Out, known, exports, files, environment.Redactor, cancelled ? CancellationToken.None : cancellationToken);
            }
            catch (CliException failed)
            {
                // As for status: the batches' own outcome wins unless it is a success.
                ErrorReport.WriteLine(environment.Error, failed.Message, environment);
                return exitCode == ExitCodes.Success ? ExitCodes.Usage : exitCode;
            }

            if (cancelled)
            {
                ErrorReport.WriteLine(environment.Error, "Cancelled.", environment);
            }

            return exitCode;
        }
#pragma warning disable CA1031 // Every failure becomes one line and an exit code: the tool never shows a stack trace.
        catch (Exception exception)
#pragma warning restore CA1031
        {
            progress?.Finish();
            return ErrorReport.Fail(environment, exception, "watch", cancellationToken);
        }
        finally
        {
            progress?.Dispose();
        }
    }

    private static IReadOnlyList<BatchTrackingLocation> ReadBatches(string? file, bool demo, CliEnvironment environment)
    {
        if (file is null && demo)
        {
            return ReadList(new StringReader(DemoIds.WatchList), "the demo's list");
        }

        if (file is null or "-")
        {
            if (!environment.IsInputRedirected)
            {
                // A list typed at the terminal: say so, or the tool would seem to hang.
                environment.Error.WriteLine("pcbatch: reading batches from the terminal, one a line; end with Ctrl+D (Ctrl+Z then Enter on Windows).");
            }

            return ReadList(environment.In, "standard input");
        }

        if (Directory.Exists(file))
        {
            throw new CliException($"The list {CommandLineValues.Quote(file)} is a folder: name the file that lists the batches.");
        }

        TextReader reader;
        try
        {
            reader = CliEnvironment.OpenText(File.OpenRead(file));
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw new CliException($"The list {CommandLineValues.Quote(file)} cannot be read: {error.Message}", error);
        }

        using (reader)
        {
            return ReadList(reader, $"the list {CommandLineValues.Quote(file)}");
        }
    }
}
