using System.Globalization;
using PartnerCenter.BatchStatus.Cli;
using PartnerCenter.BatchStatus.Cli.Connection;

namespace PartnerCenter.BatchStatus.Cli.Tests.Support;

/// <summary>Runs pcbatch in this process, with captured output streams and a chosen environment.</summary>
internal sealed class CliRun
{
    private CliRun(int exitCode, string output, string error)
    {
        ExitCode = exitCode;
        Output = output;
        Error = error;
    }

    public int ExitCode { get; }

    public string Output { get; }

    public string Error { get; }

    public string[] ErrorLines => Lines(Error);

    public string[] OutputLines => Lines(Output);

    /// <summary>Gets everything the tool wrote, to look for what must never appear.</summary>
    public string All => Output + Error;

    public static Task<CliRun> RunAsync(IBatchClientFactory? factory, IReadOnlyDictionary<string, string>? variables, params string[] args) =>
        RunAsync(factory, variables, args, isErrorRedirected: true, CancellationToken.None);

    /// <summary>Runs the real tool against a fake sign-in authority, with the credential's transport the test gives.</summary>
    public static Task<CliRun> RunWithAuthorityAsync(Uri authorityHost, Azure.Core.Pipeline.HttpPipelineTransport? identityTransport, IReadOnlyDictionary<string, string> variables, params string[] args) =>
        RunAsync(null, variables, args, isErrorRedirected: true, CancellationToken.None, authorityHost, identityTransport);

    public static async Task<CliRun> RunAsync(
        IBatchClientFactory? factory,
        IReadOnlyDictionary<string, string>? variables,
        string[] args,
        bool isErrorRedirected,
        CancellationToken cancellationToken,
        Uri? authorityHost = null,
        Azure.Core.Pipeline.HttpPipelineTransport? identityTransport = null,
        string? input = null,
        bool isInputRedirected = true)
    {
        using var output = new StringWriter(CultureInfo.InvariantCulture);
        using var error = new StringWriter(CultureInfo.InvariantCulture);
        var environment = new CliEnvironment
        {
            In = new StringReader(input ?? string.Empty),
            IsInputRedirected = isInputRedirected,
            Out = output,
            Error = error,
            // A terminal says what it is, as a user's does: a test that wants none gives TERM itself.
            GetEnvironmentVariable = name => variables is not null && variables.TryGetValue(name, out var value) ? value
                : name == "TERM" && !isErrorRedirected ? "xterm-256color" : null,
            IsErrorRedirected = isErrorRedirected,
            TerminalWidth = isErrorRedirected ? null : 300,
            ClientFactory = factory ?? new PartnerCenterClientFactory(),
            AuthorityHostOverride = authorityHost,
            IdentityTransport = identityTransport,
        };

        var exitCode = await Program.RunAsync(args, environment, cancellationToken);
        return new CliRun(exitCode, output.ToString(), error.ToString());
    }

    /// <summary>Runs the tool with <paramref name="input"/> as its standard input.</summary>
    public static Task<CliRun> RunWithInputAsync(IBatchClientFactory? factory, string input, bool isErrorRedirected, params string[] args) =>
        RunAsync(factory, TestIds.AppOnlyVariables(), args, isErrorRedirected, CancellationToken.None, input: input);

    /// <summary>What a run of the tool in a process of its own ended with.</summary>
    public static CliRun FromProcess(int exitCode, string output, string error) => new(exitCode, output, error);

    public override string ToString() => $"exit {ExitCode}\n--- out ---\n{Output}\n--- err ---\n{Error}";

    private static string[] Lines(string text) => text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => line.TrimEnd('\r')).ToArray();
}
