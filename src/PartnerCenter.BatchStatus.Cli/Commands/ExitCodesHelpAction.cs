using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Invocation;
using System.Globalization;

namespace PartnerCenter.BatchStatus.Cli.Commands;

/// <summary>
/// Writes the usual help, then the environment variables that feed each setting (the secret included) and the exit
/// codes, so that script authors find them where they look first.
/// </summary>
/// <param name="help">The help action of System.CommandLine.</param>
internal sealed class ExitCodesHelpAction(HelpAction help) : SynchronousCommandLineAction
{

    /// <inheritdoc/>
    public override bool ClearsParseErrors => true;

    /// <inheritdoc/>
    public override int Invoke(ParseResult parseResult)
    {
        var configuration = parseResult.InvocationConfiguration;
        var output = configuration.Output;
        using var written = new StringWriter(CultureInfo.InvariantCulture);
        configuration.Output = written;
        int result;
        try
        {
            result = help.Invoke(parseResult);
        }
        finally
        {
            configuration.Output = output;
        }

        output.Write(MarkOptionalArguments(written.ToString(), parseResult.CommandResult.Command));
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

    /// <summary>
    /// Shows an argument that may be left out as <c>[&lt;file&gt;]</c> in the Arguments section too, as the usage line
    /// does (System.CommandLine writes <c>&lt;file&gt;</c> there whatever its arity).
    /// </summary>
    /// <param name="help">The help as System.CommandLine wrote it.</param>
    /// <param name="command">The command whose help it is.</param>
    /// <returns>The help.</returns>
    internal static string MarkOptionalArguments(string help, Command command)
    {
        var optional = command.Arguments.Where(argument => !argument.Hidden && argument.Arity.MinimumNumberOfValues == 0)
            .Select(argument => "<" + (argument.HelpName ?? argument.Name) + ">")
            .ToHashSet(StringComparer.Ordinal);
        if (optional.Count == 0)
        {
            return help;
        }

        var lines = help.Split('\n');
        var inArguments = false;
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i];
            if (line.TrimEnd('\r') == "Arguments:")
            {
                inArguments = true;
                continue;
            }

            if (!inArguments)
            {
                continue;
            }

            if (line.TrimEnd('\r').Length == 0)
            {
                break;
            }

            // Every line of the section moves two columns right, so that the descriptions stay aligned.
            var label = line.StartsWith("  <", StringComparison.Ordinal) ? line[2..(line.IndexOf('>', StringComparison.Ordinal) + 1)] : null;
            lines[i] = label is not null && optional.Contains(label)
                ? "  [" + label + "]" + line[(2 + label.Length)..]
                : label is not null ? "  " + label + "  " + line[(2 + label.Length)..] : "  " + line;
        }

        return string.Join('\n', lines);
    }
}
