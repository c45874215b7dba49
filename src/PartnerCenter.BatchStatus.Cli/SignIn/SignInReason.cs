using System.Net.Sockets;
using System.Security.Authentication;
using System.Text.RegularExpressions;
using Azure.Identity;
using PartnerCenter.BatchStatus.Cli.Output;

namespace PartnerCenter.BatchStatus.Cli.SignIn;

/// <summary>
/// Finds the reason of a sign-in failure in Azure.Identity's exceptions, whose own message often stops at
/// "authentication failed:" or "see inner exception", carries Azure SDK retry advice, or repeats one cause per retry:
/// the identity platform's AADSTS code and text, the TLS or network cause, or each credential of a chain.
/// </summary>
internal static partial class SignInReason
{
    /// <summary>How much of each credential's reason a chain's failure keeps.</summary>
    private const int MaxChainItemLength = 110;

    /// <summary>Describes the reason in one line.</summary>
    /// <param name="exception">The credential's failure.</param>
    /// <returns>The reason.</returns>
    public static string Describe(Exception exception)
    {
        var chain = Flatten(exception).ToList();

        // The identity platform's answer: "AADSTS7000215: Invalid client secret provided. ... Trace ID: ... Correlation ID: ...".
        foreach (var error in chain)
        {
            var match = AadstsPattern().Match(error.Message);
            if (match.Success)
            {
                var text = TerminalText.OneLine(error.Message[match.Index..]);
                text = TimestampPattern().Replace(text, string.Empty).Trim();
                return text + Hint(match.Groups["code"].Value);
            }
        }

        if (chain.OfType<AuthenticationException>().LastOrDefault() is { } tls)
        {
            return "the TLS connection to the sign-in authority failed: " + TerminalText.OneLine(tls.Message);
        }

        var network = chain.OfType<SocketException>().Select(socket => TerminalText.OneLine(socket.Message))
            .Concat(chain.OfType<HttpRequestException>().Where(http => http.InnerException is null).Select(http => TerminalText.OneLine(http.Message)))
            .Where(text => text.Length > 0)
            .Distinct(StringComparer.Ordinal)
            .ToList();
        if (network.Count > 0)
        {
            return "the sign-in authority could not be reached: " + string.Join("; ", network);
        }

        if (exception is CredentialUnavailableException && exception.Message.Contains("\n- ", StringComparison.Ordinal))
        {
            return Chain(exception.Message);
        }

        var innermost = chain.LastOrDefault(error => Meaningful(error.Message)) ?? exception;
        return Clean(innermost.Message);
    }

    private static IEnumerable<Exception> Flatten(Exception exception)
    {
        yield return exception;
        var inner = exception is AggregateException aggregate ? aggregate.InnerExceptions : (IEnumerable<Exception>)(exception.InnerException is { } one ? [one] : []);
        foreach (var child in inner.SelectMany(Flatten))
        {
            yield return child;
        }
    }

    /// <summary>A chain's failure: one short reason per credential that was tried.</summary>
    private static string Chain(string message)
    {
        var lines = message.Split('\n').Select(line => line.Trim()).ToList();
        var items = lines.Where(line => line.StartsWith("- ", StringComparison.Ordinal))
            .Select(line => TerminalText.Shorten(Clean(line[2..]), MaxChainItemLength));
        return "no credential of the chain could sign in: " + string.Join(" | ", items);
    }

    private static bool Meaningful(string message) =>
        !string.IsNullOrWhiteSpace(message)
        && !message.Contains("see inner exception", StringComparison.OrdinalIgnoreCase)
        && !message.TrimEnd().EndsWith(':');

    private static string Clean(string message) =>
        TerminalText.OneLine(RetryAdvicePattern().Replace(TroubleshootingPattern().Replace(message, string.Empty), string.Empty));

    private static string Hint(string code) => code switch
    {
        "7000215" or "7000222" => " Check AZURE_CLIENT_SECRET: the secret's value (not its id), and that it has not expired.",
        "700016" => " Check the application (client) id (--client-id or AZURE_CLIENT_ID) and the tenant the app is registered in.",
        "90002" or "900023" => " Check the tenant (--tenant or AZURE_TENANT_ID).",
        "700027" or "700024" => " Check the certificate: the one registered on the app, not expired, and the machine's clock.",
        _ => string.Empty,
    };

    [GeneratedRegex(@"AADSTS(?<code>\d+)", RegexOptions.CultureInvariant)]
    private static partial Regex AadstsPattern();

    [GeneratedRegex(@"\s*Timestamp: [0-9: .Z-]+", RegexOptions.CultureInvariant)]
    private static partial Regex TimestampPattern();

    [GeneratedRegex(@"Retry failed after \d+ tries\. Retry settings can be adjusted in ClientOptions\.Retry or by configuring a custom retry policy in ClientOptions\.RetryPolicy\.\s*", RegexOptions.CultureInvariant)]
    private static partial Regex RetryAdvicePattern();

    [GeneratedRegex(@"\s*To mitigate this issue, please refer to the troubleshooting guidelines here at \S+\s*", RegexOptions.CultureInvariant)]
    private static partial Regex TroubleshootingPattern();
}
