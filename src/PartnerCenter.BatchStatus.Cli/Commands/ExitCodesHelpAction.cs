using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Invocation;
using System.Globalization;

namespace PartnerCenter.BatchStatus.Cli.Commands;

/// <summary>
/// Writes the usual help, then the environment variables that feed each setting (the secret included) and the exit
/// codes, so that script authors find them where they look first.
/// </summary>
internal sealed class ExitCodesHelpAction : SynchronousCommandLineAction
{
    private readonly HelpAction _help;

    /// <summary>Initializes a new instance of the <see cref="ExitCodesHelpAction"/> class.</summary>
    /// <param name="help">The help action of System.CommandLine.</param>
    public ExitCodesHelpAction(HelpAction help) => _help = help;

    /// <inheritdoc/>
    public override bool ClearsParseErrors => true;

    /// <inheritdoc/>
    public override int Invoke(ParseResult parseResult)
    {
        var result = _help.Invoke(parseResult);
        var output = parseResult.InvocationConfiguration.Output;
        output.WriteLine("Environment variables (an option, where there is one, wins):");
        foreach (var (name, meaning) in Connection.EnvironmentVariables.Table)
        {
            output.WriteLine($"  {name,-34}  {meaning}");
        }

        output.WriteLine();
        output.WriteLine("Exit codes:");
        foreach (var (code, meaning) in ExitCodes.Table)
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {code,3}  {meaning}"));
        }

        output.WriteLine();
        return result;
    }
}
