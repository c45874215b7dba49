namespace PartnerCenter.BatchStatus.Http;

/// <summary>
/// Sits just outside the handler that adds the token, and refuses any request that is not for the endpoint's origin
/// (scheme, host and port) or that would travel over plain http to anything but an allowed loopback endpoint.
/// </summary>
/// <remarks>
/// Kiota's allowed-hosts check compares host names only and silently sends no token to other hosts; this handler
/// also compares the port and the scheme, and tells the caller why nothing was sent.
/// </remarks>
internal sealed class PartnerCenterEndpointGuardHandler : DelegatingHandler
{
    private readonly BatchStatusClientOptions _options;
    private readonly Uri _endpoint;

    public PartnerCenterEndpointGuardHandler(BatchStatusClientOptions options)
    {
        _options = options;
        _endpoint = options.Endpoint;
    }

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var uri = request.RequestUri;
        if (uri is null || !uri.IsAbsoluteUri)
        {
            throw new InvalidOperationException("The request has no absolute URI: the HttpClient needs the Partner Center endpoint as its BaseAddress.");
        }

        if (!_options.IsSchemeAllowed(uri))
        {
            throw new InvalidOperationException(
                $"The request to {uri.GetLeftPart(UriPartial.Authority)} was not sent: the client sends its token only over https " +
                $"(or plain http to this machine when {nameof(BatchStatusClientOptions)}.{nameof(BatchStatusClientOptions.AllowInsecureLoopbackEndpoint)} is true).");
        }

        if (!IsSameOrigin(uri, _endpoint))
        {
            throw new InvalidOperationException(
                $"The request to {uri.GetLeftPart(UriPartial.Authority)} was not sent: the client sends its token only to " +
                $"{_endpoint.GetLeftPart(UriPartial.Authority)}, the {nameof(BatchStatusClientOptions)}.{nameof(BatchStatusClientOptions.Endpoint)}. " +
                "Set the Endpoint option instead of changing the HttpClient's BaseAddress.");
        }

        return base.SendAsync(request, cancellationToken);
    }

    internal static bool IsSameOrigin(Uri uri, Uri endpoint) =>
        string.Equals(uri.Scheme, endpoint.Scheme, StringComparison.OrdinalIgnoreCase)
        && string.Equals(uri.Host, endpoint.Host, StringComparison.OrdinalIgnoreCase)
        && uri.Port == endpoint.Port;
}
