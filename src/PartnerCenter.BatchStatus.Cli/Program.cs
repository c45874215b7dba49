using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Invocation;
using System.Runtime.InteropServices;
using PartnerCenter.BatchStatus.Cli.Commands;
using PartnerCenter.BatchStatus.Cli.Output;

namespace PartnerCenter.BatchStatus.Cli;

/// <summary>The <c>pcbatch</c> tool.</summary>
internal static class Program
{
    /// <summary>Runs the tool in this process, on the console.</summary>
    /// <param name="args">The command line.</param>
    /// <returns>The exit code, one of <see cref="ExitCodes"/>.</returns>
    public static async Task<int> Main(string[] args)
    {
        // Summaries use '×' and service text can be anything: never let the console's code page mangle them.
        try
        {
            Console.OutputEncoding = System.Text.Encoding.UTF8;
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            // No console to set it on (a service, a detached process, a closed stream): the streams keep their encoding.
        }

        using var cancellation = new CancellationTokenSource();

        // Ctrl+C through the signal itself, not Console.CancelKeyPress, which opens the standard output (and fails
        // when it is closed). The first ends the run cleanly, with its exit code; a second one ends the process at once,
        // without the export being written (its target keeps what it had).
        using var interrupt = Stop(PosixSignal.SIGINT, cancellation, static () => { });

        // SIGTERM (a service manager, a CI runner's timeout, kill) and SIGHUP (the terminal closed) end the run as the first
        // Ctrl+C does: cleanly, what was known so far written, the export being written left out; then it exits with
        // 128 + 15. A second signal ends the process at once, as a second Ctrl+C does.
        var terminated = false;
        using var terminate = Stop(PosixSignal.SIGTERM, cancellation, () => terminated = true);
        using var hangUp = Stop(PosixSignal.SIGHUP, cancellation, () => terminated = true);
        var exitCode = await RunAsync(args, CliEnvironment.FromConsole(), cancellation.Token).ConfigureAwait(false);
        return exitCode == ExitCodes.Cancelled && terminated ? ExitCodes.Terminated : exitCode;
    }

    /// <summary>Runs the tool with the given environment: what tests call.</summary>
    /// <param name="args">The command line.</param>
    /// <param name="environment">The output streams, environment variables, clock and client factory.</param>
    /// <param name="cancellationToken">Ends a running command, which then exits with <see cref="ExitCodes.Cancelled"/>.</param>
    /// <returns>The exit code, one of <see cref="ExitCodes"/>.</returns>
    public static async Task<int> RunAsync(string[] args, CliEnvironment environment, CancellationToken cancellationToken = default)
    {
        environment = environment.Redacting();
        try
        {
            return await ParseAndRunAsync(args, environment, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            environment.Out.Flush();
            environment.Error.Flush();
        }
    }

    private static PosixSignalRegistration? Stop(PosixSignal signal, CancellationTokenSource cancellation, Action signalled)
    {
        try
        {
            return PosixSignalRegistration.Create(signal, context =>
            {
                if (cancellation.IsCancellationRequested)
                {
                    Exports.ExportFile.AbandonAll();
                    return;
                }

                context.Cancel = true;
                signalled();
                cancellation.Cancel();
            });
        }
        catch (PlatformNotSupportedException)
        {
            return null;
        }
    }

    private static async Task<int> ParseAndRunAsync(string[] args, CliEnvironment environment, CancellationToken cancellationToken)
    {
        var root = CreateRootCommand(environment);
        var parse = root.Parse(HelpRequests(args));
        if (UnknownOptions.FindCommand(parse) is { } unknownCommand)
        {
            ErrorReport.WriteLine(environment.Error, unknownCommand + " Run 'pcbatch --help' for the commands.", environment);
            return ExitCodes.Usage;
        }

        if (UnknownOptions.Find(parse) is { } unknown)
        {
            ErrorReport.WriteLine(environment.Error, $"{unknown} {UsageHint(parse)}", environment);
            return ExitCodes.Usage;
        }

        if (parse.Action is ParseErrorAction)
        {
            // One line, not System.CommandLine's list of errors followed by the whole help.
            // An unknown word says more than the missing command it caused ("pcbatch stats").
            var first = parse.Errors.FirstOrDefault(error => parse.UnmatchedTokens.Any(token => error.Message.Contains($"'{token}'", StringComparison.Ordinal)))
                ?? parse.Errors.FirstOrDefault();
            ErrorReport.WriteLine(environment.Error, $"{first?.Message ?? "The command line could not be read."} {UsageHint(parse)}", environment);
            return ExitCodes.Usage;
        }

        var invocation = new InvocationConfiguration
        {
            Output = environment.Out,
            Error = environment.Error,
            EnableDefaultExceptionHandler = false,

            // Ctrl+C is handled by Main, so that tests running in-process never touch the process's signals.
            ProcessTerminationTimeout = null,
        };
        return await parse.InvokeAsync(invocation, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The command whose help a usage error points to: the one given, or <c>status</c> when none is.</summary>
    /// <param name="parse">The parsed command line.</param>
    /// <returns>The hint.</returns>
    private static string UsageHint(ParseResult parse) =>
        ErrorReport.UsageHint(parse.CommandResult.Command is RootCommand ? null : parse.CommandResult.Command.Name);

    /// <summary>Makes <c>pcbatch</c> alone and <c>pcbatch help [command]</c> ask for help, as <c>--help</c> does.</summary>
    /// <param name="args">The command line.</param>
    /// <returns>The command line to parse.</returns>
    internal static string[] HelpRequests(string[] args) => args switch
    {
        [] => ["--help"],
        ["help", .. var rest] => [.. rest, "--help"],
        _ => args,
    };

    /// <summary>Builds the command tree: <c>pcbatch status</c>, with exit codes at the end of every help.</summary>
    /// <param name="environment">The process environment the commands run in.</param>
    /// <returns>The root command.</returns>
    internal static RootCommand CreateRootCommand(CliEnvironment environment)
    {
        var root = new RootCommand(
            "pcbatch: the status of Partner Center device batch uploads (Windows Autopilot), for terminals and scripts. "
            + "Try it with no account: pcbatch status --demo --wait, or pcbatch watch --demo for many batches at once.");
        root.Add(new StatusCommand(environment).Command);
        root.Add(new WatchCommand(environment).Command);
        foreach (var help in root.Options.OfType<HelpOption>())
        {
            if (help.Action is HelpAction action)
            {
                help.Action = new ExitCodesHelpAction(action);
            }
        }

        return root;
    }
}
