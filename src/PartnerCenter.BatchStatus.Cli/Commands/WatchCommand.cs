using System.CommandLine;
using PartnerCenter.BatchStatus.Cli.Demo;
using PartnerCenter.BatchStatus.Cli.Input;

namespace PartnerCenter.BatchStatus.Cli.Commands;

/// <summary><c>pcbatch watch</c>: the symbols of the command and how they are read into a <see cref="WatchRequest"/>.</summary>
internal sealed class WatchCommand
{
    private readonly ConnectionOptions _connection = new(
        "Run against an embedded fake Partner Center, with no account. With no file, watch the demo's own list: a batch that goes "
        + "from queued to processing to finished_with_errors, the documented sample, and a batch the demo does not know (404).");

    private readonly Argument<string?> _file = new("file")
    {
        Description = "The list of batches, one a line: a Location value of an upload (path, URL or the whole 'Location: ...' line) "
            + "or customer-id,batch-tracking-id; empty lines and lines starting with # are skipped. "
            + "Default, or '-': standard input; with --demo and no file, the demo's own list.",
        Arity = ArgumentArity.ZeroOrOne,
    };

    private readonly Option<bool> _json = new("--json")
    {
        Description = "Write one JSON line per batch as it finishes (the envelope of 'status --json', with an error field for a batch that failed), for scripts.",
    };

    private readonly Option<string?> _interval = new("--interval")
    {
        Description = "The pause before each batch's second poll; later pauses double, up to 60 s. Default: 5s (500ms with --demo).",
        HelpName = "duration",
    };

    private readonly Option<string?> _timeout = new("--timeout")
    {
        Description = "How long to wait for each batch at most, or none. Default: 30m.",
        HelpName = "duration",
    };

    /// <summary>Initializes a new instance of the <see cref="WatchCommand"/> class.</summary>
    /// <param name="environment">The process environment the command runs in.</param>
    public WatchCommand(CliEnvironment environment)
    {
        Command = new Command(
            "watch",
            "Wait for many device batch uploads at once, under one request budget: a live table on a terminal (plain lines when redirected), "
            + "then a summary of every batch and every failed device with its meaning. The exit code is the worst outcome.");
        Command.Add(_file);
        Command.Add(_json);
        Command.Add(_interval);
        Command.Add(_timeout);
        _connection.AddTo(Command);
        Command.SetAction((parse, cancellationToken) => WatchRunner.RunAsync(() => Read(parse, environment), environment, cancellationToken));
    }

    /// <summary>Gets the command.</summary>
    public Command Command { get; }

    /// <summary>Reads and checks the command line, then the list of batches.</summary>
    /// <param name="parse">The parsed command line.</param>
    /// <param name="environment">Where environment variables and standard input are read.</param>
    /// <returns>The request.</returns>
    /// <exception cref="UsageException">The command line or a line of the list is wrong.</exception>
    public WatchRequest Read(ParseResult parse, CliEnvironment environment)
    {
        _connection.RejectSecrets(parse);
        var demo = parse.GetValue(_connection.Demo);
        var wait = WaitSettings.Parse(parse.GetValue(_interval), parse.GetValue(_timeout), demo);

        var connection = _connection.Read(parse, environment);
        return new WatchRequest
        {
            Batches = ReadBatches(parse.GetValue(_file), demo, environment),
            Json = parse.GetValue(_json),
            Wait = wait,
            Connection = connection,
        };
    }

    private static IReadOnlyList<BatchTrackingLocation> ReadBatches(string? file, bool demo, CliEnvironment environment)
    {
        if (file is null && demo)
        {
            using var list = new StringReader(DemoIds.WatchList);
            return WatchList.Read(list, "the demo's list");
        }

        if (file is null or "-")
        {
            if (!environment.IsInputRedirected)
            {
                // A list typed at the terminal: say so, or the tool would seem to hang.
                environment.Error.WriteLine("pcbatch: reading batches from the terminal, one a line; end with Ctrl+D (Ctrl+Z then Enter on Windows).");
            }

            return WatchList.Read(environment.In, "standard input");
        }

        TextReader reader;
        try
        {
            reader = TextInput.OpenFile(file);
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw new UsageException($"The list {CommandLineValues.Quote(file)} cannot be read: {error.Message}", error);
        }

        using (reader)
        {
            return WatchList.Read(reader, $"the list {CommandLineValues.Quote(file)}");
        }
    }
}
