using System.CommandLine;
using PartnerCenter.BatchStatus.Cli.Demo;

namespace PartnerCenter.BatchStatus.Cli.Commands;

/// <summary><c>pcbatch status</c>: the symbols of the command and how they are read into a <see cref="StatusRequest"/>.</summary>
internal sealed class StatusCommand
{
    private readonly ConnectionOptions _connection = new();

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

    private readonly Option<string?> _location = new("--location")
    {
        Description = "The Location header of the upload instead of the two ids, as pasted: "
            + "/customers/{customer-id}/batchJobStatus/{batchtracking-id}, with or without /v1, as a URL, or the whole 'Location: ...' line.",
        HelpName = "value",
    };

    private readonly Option<bool> _json = new("--json")
    {
        Description = "Write one JSON document for scripts, the same shape every time: the ids asked for, the request and correlation ids "
            + "of the answer, and the batch's details as the client read them (a status as sent, fields the contract does not list kept, times in UTC).",
    };

    private readonly Option<bool> _wait = new("--wait")
    {
        Description = "Wait until the batch is finished, showing each poll on the error stream.",
    };

    private readonly Option<string?> _interval = new("--interval")
    {
        Description = "With --wait: the pause before the second poll; later pauses double, up to 60 s. Default: 5s (500ms with --demo).",
        HelpName = "duration",
    };

    private readonly Option<string?> _timeout = new("--timeout")
    {
        Description = "With --wait: how long to wait at most, or none. Default: 30m.",
        HelpName = "duration",
    };

    private readonly Option<string?> _correlationId = new("--correlation-id")
    {
        Description = "The MS-CorrelationId that every call sends, to find them in Partner Center's logs. Default: a new id.",
        HelpName = "guid",
    };

    /// <summary>Initializes a new instance of the <see cref="StatusCommand"/> class.</summary>
    /// <param name="environment">The process environment the command runs in.</param>
    public StatusCommand(CliEnvironment environment)
    {
        Command = new Command("status", "Show the status of a device batch upload: the batch, a summary, and each device with its error and what it means.");
        Command.Add(_customerId);
        Command.Add(_batchTrackingId);
        Command.Add(_location);
        Command.Add(_json);
        Command.Add(_wait);
        Command.Add(_interval);
        Command.Add(_timeout);
        Command.Add(_correlationId);
        _exports.AddTo(Command);
        _connection.AddTo(Command);
        Command.SetAction((parse, cancellationToken) => StatusRunner.RunAsync(() => Read(parse, environment), environment, cancellationToken));
    }

    /// <summary>Gets the command.</summary>
    public Command Command { get; }

    /// <summary>Reads and checks the command line.</summary>
    /// <param name="parse">The parsed command line.</param>
    /// <param name="environment">Where environment variables are read.</param>
    /// <returns>The request.</returns>
    /// <exception cref="UsageException">The command line is wrong.</exception>
    public StatusRequest Read(ParseResult parse, CliEnvironment environment)
    {
        // The secret check first, so that no other message could ever quote one; the ids next, as they are the likeliest mistake.
        _connection.RejectSecrets(parse);
        var demo = parse.GetValue(_connection.Demo);
        var batch = ReadBatch(parse, demo, parse.GetValue(_wait));
        var wait = ReadWait(parse, demo);
        var correlationText = parse.GetValue(_correlationId);
        var correlationId = correlationText is null ? (Guid?)null : CommandLineValues.ParseId(correlationText, "--correlation-id");
        var connection = _connection.Read(parse, environment);
        var exports = _exports.Read(parse, ("--certificate", connection.CertificatePath));
        return new StatusRequest
        {
            Exports = exports,
            Batch = batch,
            Json = parse.GetValue(_json),
            Wait = wait,
            CorrelationId = correlationId,
            Connection = connection,
        };
    }

    private WaitSettings? ReadWait(ParseResult parse, bool demo)
    {
        var intervalText = parse.GetValue(_interval);
        var timeoutText = parse.GetValue(_timeout);
        if (!parse.GetValue(_wait))
        {
            return intervalText is null && timeoutText is null
                ? null
                : throw new UsageException("--interval and --timeout only apply with --wait.");
        }

        return WaitSettings.Parse(intervalText, timeoutText, demo);
    }

    private BatchTrackingLocation ReadBatch(ParseResult parse, bool demo, bool wait)
    {
        var customerText = parse.GetValue(_customerId);
        var batchText = parse.GetValue(_batchTrackingId);
        var locationText = parse.GetValue(_location);
        if (locationText is not null)
        {
            if (customerText is not null)
            {
                throw new UsageException("Give either --location or the two ids, not both.");
            }

            try
            {
                // A URL's user information says nothing about the batch, and is never quoted back.
                return BatchTrackingLocation.Parse(CommandLineValues.WithoutUserInfo(locationText));
            }
            catch (FormatException error)
            {
                // The client's message says what is expected and quotes at most 80 characters, never a query string.
                throw new UsageException("--location: " + error.Message, error);
            }
        }

        if (customerText is null && demo)
        {
            // With --wait, the batch that moves on shows the wait; otherwise the documented sample.
            return new BatchTrackingLocation(DemoIds.CustomerId, wait ? DemoIds.MovingBatchTrackingId : DemoIds.DocumentedBatchTrackingId);
        }

        if (customerText is null || batchText is null)
        {
            throw new UsageException(customerText is null
                ? "Give the customer id and the batch tracking id, or --location with the upload's Location header (or --demo to try the tool without an account)."
                : "Give the batch tracking id after the customer id, or use --location with the upload's Location header.");
        }

        return new BatchTrackingLocation(
            CommandLineValues.ParseId(customerText, "customer id"),
            CommandLineValues.ParseId(batchText, "batch tracking id"));
    }
}
