using System.CommandLine;
using System.Globalization;
using System.Text.RegularExpressions;
using PartnerCenter.BatchStatus.Cli.Output;

namespace PartnerCenter.BatchStatus.Cli.Commands;

/// <summary>Reads the values of the command line, with messages that say what was expected.</summary>
internal static partial class CommandLineValues
{
    /// <summary>How much of a rejected value a message quotes: enough to spot a typo, not a pasted wall of text.</summary>
    private const int MaxQuotedLength = 40;

    private const string ExampleGuid = "47021739-3426-40bf-9601-61b4b6d7c793";

    /// <summary>Declares an option that takes a value, as its help shows it.</summary>
    /// <param name="name">The option, such as <c>--interval</c>.</param>
    /// <param name="helpName">What the value is in the help, such as <c>duration</c>.</param>
    /// <param name="description">What the option does.</param>
    /// <returns>The option; its value is read as text and checked by the command, with a message that says what was expected.</returns>
    public static Option<string?> Option(string name, string helpName, string description) => new(name) { Description = description, HelpName = helpName };

    /// <summary>Reads a customer id or batch tracking id.</summary>
    /// <param name="text">The value as typed.</param>
    /// <param name="name">What the value is, such as <c>customer id</c>.</param>
    /// <returns>The id.</returns>
    /// <exception cref="CliException">The value is not a GUID, or is <see cref="Guid.Empty"/>.</exception>
    public static Guid ParseId(string text, string name)
    {
        if (!Guid.TryParse(text.Trim(), out var id))
        {
            throw new CliException($"The {name} {Quote(text)} is not a GUID such as {ExampleGuid}.");
        }

        return id != Guid.Empty ? id : throw new CliException($"The {name} must not be {Guid.Empty:D}.");
    }

    /// <summary>Reads a duration such as <c>500ms</c>, <c>5s</c>, <c>1.5m</c>, <c>2h</c>, <c>30</c> (seconds) or <c>00:05:00</c>.</summary>
    /// <param name="text">The value as typed.</param>
    /// <param name="option">The option, such as <c>--interval</c>, for the message.</param>
    /// <param name="allowInfinite">Whether <c>none</c> or <c>infinite</c> is accepted, for <see cref="Timeout.InfiniteTimeSpan"/>.</param>
    /// <returns>The duration, more than zero or infinite.</returns>
    /// <exception cref="CliException">The value is not such a duration, or is not more than zero.</exception>
    public static TimeSpan ParseDuration(string text, string option, bool allowInfinite)
    {
        var value = text.Trim();
        if (allowInfinite && (value.Equals("none", StringComparison.OrdinalIgnoreCase) || value.Equals("infinite", StringComparison.OrdinalIgnoreCase)))
        {
            return Timeout.InfiniteTimeSpan;
        }

        TimeSpan? duration = null;
        var match = DurationPattern().Match(value);
        if (match.Success)
        {
            var amount = double.Parse(match.Groups["amount"].Value, CultureInfo.InvariantCulture);
            var milliseconds = match.Groups["unit"].Value.ToUpperInvariant() switch
            {
                "MS" => amount,
                "M" => amount * 60_000,
                "H" => amount * 3_600_000,
                _ => amount * 1_000,
            };
            duration = milliseconds <= TimeSpan.MaxValue.TotalMilliseconds / 2 ? TimeSpan.FromMilliseconds(milliseconds) : TimeSpan.MaxValue;
        }
        else if (value.Contains(':', StringComparison.Ordinal) && TimeSpan.TryParse(value, CultureInfo.InvariantCulture, out var parsed))
        {
            duration = parsed;
        }

        if (duration is null)
        {
            var infinite = allowInfinite ? ", or none" : string.Empty;
            throw new CliException($"{option} {Quote(text)} is not a duration such as 500ms, 5s, 2m, 1h or 00:05:00{infinite}.");
        }

        return duration > TimeSpan.Zero ? duration.Value : throw new CliException($"{option} must be more than zero.");
    }

    /// <summary>Reads a Location value of an upload (its user information, which says nothing about the batch, never quoted back).</summary>
    /// <param name="text">The value as typed.</param>
    /// <param name="before">What the message starts with, such as <c>--location: </c>.</param>
    /// <param name="after">What the message ends with.</param>
    /// <returns>The batch.</returns>
    /// <exception cref="CliException">The value is no Location of a batch; the client's message says what is expected and quotes at most 80 characters, never a query string.</exception>
    public static BatchTrackingLocation ParseLocation(string text, string before, string after)
    {
        try
        {
            return BatchTrackingLocation.Parse(WithoutUserInfo(text));
        }
        catch (FormatException error)
        {
            throw new CliException(before + error.Message + after, error);
        }
    }

    /// <summary>Reads a sign-in authority: an https URL of a host, such as <c>https://login.microsoftonline.com/</c>.</summary>
    /// <param name="text">The value.</param>
    /// <param name="source">Where it came from, such as <c>AZURE_AUTHORITY_HOST</c>, for the message.</param>
    /// <returns>The authority.</returns>
    /// <exception cref="CliException">The value is not an https URL of a host, or carries user information, a query or a fragment.</exception>
    public static Uri ParseAuthorityHost(string text, string source)
    {
        const string Expected = "the https URL of a sign-in authority, such as https://login.microsoftonline.com/";
        if (!Uri.TryCreate(text.Trim(), UriKind.Absolute, out var url) || url.Scheme != Uri.UriSchemeHttps)
        {
            // Quoted: an authority is not a secret, unless it carries user information (refused unquoted below).
            throw new CliException(Uri.TryCreate(text.Trim(), UriKind.Absolute, out var other) && other.UserInfo.Length > 0
                ? $"{source} must be {Expected}, without user information."
                : $"{source} {Quote(text)} is not {Expected}: the client secret is only ever sent over https.");
        }

        if (url.UserInfo.Length > 0 || url.Query.Length > 0 || url.Fragment.Length > 0)
        {
            throw new CliException($"{source} must be {Expected}, without user information, query or fragment.");
        }

        return url;
    }

    /// <summary>Checks a tenant: a GUID or a domain name such as <c>contoso.onmicrosoft.com</c>.</summary>
    /// <param name="text">The value, from the command line or the environment.</param>
    /// <param name="source">Where it came from, such as <c>--tenant</c>, for the message.</param>
    /// <returns>The tenant, trimmed.</returns>
    /// <exception cref="CliException">The value cannot be a tenant.</exception>
    public static string CheckTenant(string text, string source)
    {
        var value = text.Trim();
        return TenantPattern().IsMatch(value)
            ? value
            : throw new CliException($"{source} {Quote(text)} is not a tenant: use the tenant (directory) id, a GUID, or a domain such as contoso.onmicrosoft.com.");
    }

    /// <summary>Checks an application (client) id: a GUID.</summary>
    /// <param name="text">The value, from the command line or the environment.</param>
    /// <param name="source">Where it came from, such as <c>--client-id</c>, for the message.</param>
    /// <returns>The id, trimmed.</returns>
    /// <exception cref="CliException">The value is not a GUID.</exception>
    public static string CheckClientId(string text, string source)
    {
        var value = text.Trim();
        return Guid.TryParse(value, out var id) && id != Guid.Empty
            ? value
            : throw new CliException($"{source} {Quote(text)} is not an application (client) id: use the GUID of the app registration.");
    }

    /// <summary>Quotes a value for a message: at most 40 characters, control characters replaced.</summary>
    /// <param name="text">The value.</param>
    /// <returns>The quoted value, such as <c>'abc'</c>.</returns>
    public static string Quote(string text)
    {
        var value = TerminalText.OneLine(text.Trim());
        return "'" + (value.Length <= MaxQuotedLength ? value : value[..MaxQuotedLength] + "…") + "'";
    }

    /// <summary>Removes the user information of a URL (<c>https://user:password@host/…</c>, up to the URL's last <c>@</c>: a password may hold <c>/</c>), wherever the text holds one.</summary>
    /// <param name="text">The value as typed.</param>
    /// <returns>The value without user information.</returns>
    public static string WithoutUserInfo(string text) => Redactor.UserInfo().Replace(text, string.Empty);

    [GeneratedRegex(@"^(?<amount>\d+(\.\d+)?)\s*(?<unit>ms|s|m|h)?$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex DurationPattern();

    // The characters Azure.Identity accepts in a tenant id.
    [GeneratedRegex(@"^[A-Za-z0-9][A-Za-z0-9.\-]{0,253}$", RegexOptions.CultureInvariant)]
    private static partial Regex TenantPattern();
}
