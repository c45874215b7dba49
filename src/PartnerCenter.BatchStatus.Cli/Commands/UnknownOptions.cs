using System.CommandLine;
using System.CommandLine.Parsing;

namespace PartnerCenter.BatchStatus.Cli.Commands;

/// <summary>
/// Finds words that look like options but are none, such as <c>--jsn</c>. System.CommandLine binds such a word to an
/// optional argument (here, the ids), so that a typo would otherwise be reported as a bad customer id.
/// </summary>
internal static class UnknownOptions
{
    /// <summary>Finds a first word that is no command, such as <c>pcbatch stauts</c>, and names the closest command.</summary>
    /// <param name="parse">The parsed command line.</param>
    /// <returns>The message, or <see langword="null"/> when the first word is a command (or an option).</returns>
    public static string? FindCommand(ParseResult parse)
    {
        if (parse.CommandResult.Command is not RootCommand root || parse.Tokens.Count == 0
            || parse.Tokens[0] is not { Type: TokenType.Argument } first || !parse.UnmatchedTokens.Contains(first.Value))
        {
            return null;
        }

        var commands = root.Subcommands.Where(command => !command.Hidden).Select(command => command.Name).ToArray();
        var quoted = CommandLineValues.Quote(first.Value);
        return Closest(first.Value, commands) is { } closest
            ? $"pcbatch has no command {quoted}: did you mean '{closest}'?"
            : $"pcbatch has no command {quoted}: the commands are {string.Join(" and ", commands.Select(command => $"'{command}'"))}.";
    }

    /// <summary>Finds the first word given as an option that the command does not have.</summary>
    /// <param name="parse">The parsed command line.</param>
    /// <returns>The message naming the word and the closest option, or <see langword="null"/> when there is none.</returns>
    public static string? Find(ParseResult parse)
    {
        var command = parse.CommandResult.Command;
        var candidates = parse.CommandResult.Children.OfType<ArgumentResult>()
            .SelectMany(argument => argument.Tokens)
            .Concat(parse.UnmatchedTokens.Select(token => new Token(token, TokenType.Argument, null!)))
            .Select(token => token.Value)
            .Where(word => word.Length > 1 && word[0] == '-' && !char.IsAsciiDigit(word[1]));
        var word = candidates.FirstOrDefault();
        if (word is null)
        {
            return null;
        }

        var name = word.Split('=', 2)[0];
        var quoted = CommandLineValues.Quote(name);
        var options = command.Options.Where(option => !option.Hidden)
            .SelectMany(option => option.Aliases.Prepend(option.Name))
            .Where(alias => alias.StartsWith("--", StringComparison.Ordinal))
            .Distinct(StringComparer.Ordinal);
        var where = command is RootCommand ? "pcbatch" : $"'pcbatch {command.Name}'";
        return Closest(name, options) is { } closest
            ? $"{where} has no option {quoted}: did you mean {closest}?"
            : $"{where} has no option {quoted}.";
    }

    /// <summary>The name closest to a word, when it is close enough to be what was meant.</summary>
    private static string? Closest(string word, IEnumerable<string> names)
    {
        var best = names
            .Select(name => (Name: name, Distance: Distance(word.ToLowerInvariant(), name)))
            .OrderBy(candidate => candidate.Distance)
            .FirstOrDefault();
        return best.Name is not null && best.Distance <= Math.Max(2, best.Name.Length / 3) ? best.Name : null;
    }

    /// <summary>The Levenshtein distance: how many letters to add, remove or change.</summary>
    private static int Distance(string a, string b)
    {
        var previous = Enumerable.Range(0, b.Length + 1).ToArray();
        for (var i = 1; i <= a.Length; i++)
        {
            var current = new int[b.Length + 1];
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var change = a[i - 1] == b[j - 1] ? 0 : 1;
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + change);
            }

            previous = current;
        }

        return previous[b.Length];
    }
}
