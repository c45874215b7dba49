namespace PartnerCenter.BatchStatus;

/// <summary>The names of the HTTP headers Partner Center reads and sends.</summary>
internal static class PartnerCenterHeaderNames
{
    /// <summary><c>MS-RequestId</c>: identifies one logical call; every retry of it sends the same value.</summary>
    public const string RequestId = "MS-RequestId";

    /// <summary><c>MS-CorrelationId</c>: traces a chain of calls in the service's logs.</summary>
    public const string CorrelationId = "MS-CorrelationId";

    /// <summary><c>X-Locale</c>: the language of returned text.</summary>
    public const string Locale = "X-Locale";

    /// <summary><c>MS-PartnerCenter-Application</c>: the name of the calling application.</summary>
    public const string Application = "MS-PartnerCenter-Application";

    /// <summary><c>MS-CV</c>: the service's correlation vector, on responses.</summary>
    public const string CorrelationVector = "MS-CV";

    /// <summary><c>MS-ServerId</c>: the server that answered, on responses.</summary>
    public const string ServerId = "MS-ServerId";
}
