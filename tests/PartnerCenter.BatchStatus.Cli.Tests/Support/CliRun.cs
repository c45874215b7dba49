using System.Globalization;
using Azure.Core.Pipeline;
using PartnerCenter.BatchStatus.Cli.Connection;

namespace PartnerCenter.BatchStatus.Cli.Tests.Support;

/// <summary>What a run of pcbatch ended with; <see cref="RunAsync(IBatchClientFactory?, IReadOnlyDictionary{string, string}?, string[])"/> runs it in this process.</summary>
internal sealed record CliRun(int ExitCode, string Output, string Error)
{
    public string[] ErrorLines => Lines(Error);

    public string[] OutputLines => Lines(Output);

    /// <summary>Gets everything the tool wrote, to look for what must never appear.</summary>
    public string All => Output + Error;

    public static Task<CliRun> RunAsync(IBatchClientFactory? factory, IReadOnlyDictionary<string, string>? variables, params string[] args) =>
        RunAsync(factory, variables, args, isErrorRedirected: true, CancellationToken.None);

    /// <summary>Runs the real tool against a fake sign-in authority, with the credential's transport the test gives.</summary>
    public static Task<CliRun> RunWithAuthorityAsync(Uri authorityHost, HttpPipelineTransport? identityTransport, IReadOnlyDictionary<string, string> variables, params string[] args) =>
        RunAsync(null, variables, args, isErrorRedirected: true, CancellationToken.None, authorityHost, identityTransport);

    /// <summary>Runs the tool with <paramref name="input"/> as its standard input.</summary>
    public static Task<CliRun> RunWithInputAsync(IBatchClientFactory? factory, string input, bool isErrorRedirected, params string[] args) =>
        RunAsync(factory, TestIds.AppOnlyVariables(), args, isErrorRedirected, CancellationToken.None, input: input);

    /// <summary>
    /// The one way to run pcbatch in this process: captured streams, only the environment variables given (a terminal,
    /// when the error stream is not redirected, says it is one through <c>TERM</c>), and the client factory given (the
    /// tool's own when <see langword="null"/>).
    /// </summary>
    public static async Task<CliRun> RunAsync(
        IBatchClientFactory? factory,
        IReadOnlyDictionary<string, string>? variables,
        string[] args,
        bool isErrorRedirected,
        CancellationToken cancellationToken,
        Uri? authorityHost = null,
        HttpPipelineTransport? identityTransport = null,
        string? input = null,
        bool isInputRedirected = true,
        TimeProvider? clock = null)
    {
        using var output = new StringWriter(CultureInfo.InvariantCulture);
        using var error = new StringWriter(CultureInfo.InvariantCulture);
        var environment = new CliEnvironment
        {
            In = new StringReader(input ?? string.Empty),
            IsInputRedirected = isInputRedirected,
            Out = output,
            Error = error,
            GetEnvironmentVariable = name => variables is not null && variables.TryGetValue(name, out var value) ? value
                : name == "TERM" && !isErrorRedirected ? "xterm-256color" : null,
            IsErrorRedirected = isErrorRedirected,
            TerminalWidth = isErrorRedirected ? null : 300,
            ClientFactory = factory ?? new PartnerCenterClientFactory(),
            AuthorityHostOverride = authorityHost,
            IdentityTransport = identityTransport,
            TimeProvider = clock ?? TimeProvider.System,
        };

        var exitCode = await HangGuard.Within(Program.RunAsync(args, environment, cancellationToken), "pcbatch " + string.Join(' ', args));
        return new CliRun(exitCode, output.ToString(), error.ToString());
    }

    public override string ToString() => $"exit {ExitCode}\n--- out ---\n{Output}\n--- err ---\n{Error}";

    private static string[] Lines(string text) => [.. text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => line.TrimEnd('\r'))];
}
