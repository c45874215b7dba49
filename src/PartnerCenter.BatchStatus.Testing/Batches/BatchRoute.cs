using System.Text.RegularExpressions;

namespace PartnerCenter.BatchStatus.Testing;

/// <summary>
/// The operation's path. Partner Center's documentation spells it both <c>batchJobStatus</c> and
/// <c>batchjobstatus</c>, so the fake answers either; the request log keeps the path as sent.
/// </summary>
internal static partial class BatchRoute
{
    public static bool TryParse(string? path, out Guid customerId, out Guid batchTrackingId)
    {
        customerId = Guid.Empty;
        batchTrackingId = Guid.Empty;
        if (path is null)
        {
            return false;
        }

        var match = Pattern().Match(path);
        return match.Success
            && Guid.TryParse(match.Groups["customer"].ValueSpan, out customerId)
            && Guid.TryParse(match.Groups["batch"].ValueSpan, out batchTrackingId);
    }

    public static bool IsOperation(string? path) => path is not null && Pattern().IsMatch(path);

    [GeneratedRegex("^/v1/customers/(?<customer>[^/]+)/batchjobstatus/(?<batch>[^/]+)$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
