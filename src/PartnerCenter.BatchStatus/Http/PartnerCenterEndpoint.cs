namespace PartnerCenter.BatchStatus.Http;

/// <summary>
/// The endpoint rule, in one place: where the client may send its token. Checked when options are validated and, by
/// <see cref="PartnerCenterEndpointGuardHandler"/>, on every request.
/// </summary>
internal static class PartnerCenterEndpoint
{
    private const string Name = nameof(BatchStatusClientOptions) + "." + nameof(BatchStatusClientOptions.Endpoint);
    private const string Insecure = nameof(BatchStatusClientOptions.AllowInsecureLoopbackEndpoint);
    private static readonly string[] LoopbackHosts = ["127.0.0.1", "localhost", "[::1]"];

    /// <summary>Explains what is wrong with <paramref name="endpoint"/>, or returns <see langword="null"/> when it is usable.</summary>
    public static string? Problem(Uri? endpoint, bool allowInsecureLoopback)
    {
        if (endpoint is null)
        {
            return $"{Name} must not be null.";
        }

        if (!endpoint.IsAbsoluteUri)
        {
            return $"{Name} must be an absolute URI such as {PartnerCenterCloud.Global.Endpoint}.";
        }

        if (!string.IsNullOrEmpty(endpoint.UserInfo) || !string.IsNullOrEmpty(endpoint.Query) || !string.IsNullOrEmpty(endpoint.Fragment))
        {
            return $"{Name} must not carry user information, a query or a fragment.";
        }

        if (HasApiVersion(endpoint))
        {
            // The operation's path starts with /v1/; an endpoint ending in it would call /v1/v1/... and get a 404.
            return $"{Name} '{endpoint.GetLeftPart(UriPartial.Path)}' must not include the API version: give the service's root, such as {endpoint.GetLeftPart(UriPartial.Authority)}/; the client adds /v1/ itself.";
        }

        // Uri.Scheme is always lower case.
        return endpoint.Scheme switch
        {
            "https" => null,
            not "http" => $"{Name} must use https; '{endpoint.Scheme}' is not supported.",
            _ when !IsLoopbackHost(endpoint.Host) => $"{Name} must use https: the client never sends its token over plain http. Only an endpoint on this machine (127.0.0.1, localhost or [::1]) may use http, and only when {Insecure} is true.",
            _ => allowInsecureLoopback ? null : $"{Name} '{endpoint.GetLeftPart(UriPartial.Authority)}' uses plain http: set {Insecure} to true to call a test server on this machine.",
        };
    }

    /// <summary>Explains why a request to <paramref name="uri"/> must not be sent, or returns <see langword="null"/>.</summary>
    public static string? RequestProblem(Uri? uri, Uri endpoint, bool allowInsecureLoopback)
    {
        if (uri is null || !uri.IsAbsoluteUri)
        {
            return "The request has no absolute URI: the HttpClient needs the Partner Center endpoint as its BaseAddress.";
        }

        var origin = uri.GetLeftPart(UriPartial.Authority);
        if (!(uri.Scheme == Uri.UriSchemeHttps || (allowInsecureLoopback && uri.Scheme == Uri.UriSchemeHttp && IsLoopbackHost(uri.Host))))
        {
            return $"The request to {origin} was not sent: the client sends its token only over https (or plain http to this machine when {nameof(BatchStatusClientOptions)}.{Insecure} is true).";
        }

        return IsSameOrigin(uri, endpoint)
            ? null
            : $"The request to {origin} was not sent: the client sends its token only to {endpoint.GetLeftPart(UriPartial.Authority)}, the {Name}. Set the Endpoint option instead of changing the HttpClient's BaseAddress.";
    }

    /// <summary>Gets the endpoint as an HttpClient base address: it must end with a slash.</summary>
    public static Uri BaseAddress(Uri endpoint) =>
        endpoint.AbsolutePath.EndsWith('/') ? endpoint : new Uri(endpoint.GetLeftPart(UriPartial.Path) + "/");

    public static bool IsSameOrigin(Uri uri, Uri endpoint) =>
        string.Equals(uri.Scheme, endpoint.Scheme, StringComparison.OrdinalIgnoreCase)
        && string.Equals(uri.Host, endpoint.Host, StringComparison.OrdinalIgnoreCase)
        && uri.Port == endpoint.Port;

    private static bool IsLoopbackHost(string host) => LoopbackHosts.Contains(host, StringComparer.OrdinalIgnoreCase);

    private static bool HasApiVersion(Uri endpoint) =>
        endpoint.AbsolutePath.Split('/', StringSplitOptions.RemoveEmptyEntries).Any(segment => string.Equals(segment, "v1", StringComparison.OrdinalIgnoreCase));
}
