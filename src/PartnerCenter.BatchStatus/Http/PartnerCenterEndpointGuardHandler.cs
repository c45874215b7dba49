namespace PartnerCenter.BatchStatus.Http;

/// <summary>
/// Sits just outside the handler that adds the token and refuses any request that breaks the endpoint rule
/// (<see cref="PartnerCenterEndpoint"/>): another origin (scheme, host and port), or plain http to anything but an
/// allowed loopback endpoint. Kiota's allowed-hosts check compares host names only and silently sends no token to
/// other hosts; this handler tells the caller why nothing was sent.
/// </summary>
internal sealed class PartnerCenterEndpointGuardHandler : DelegatingHandler
{
    private readonly Uri _endpoint;
    private readonly bool _allowInsecureLoopback;

    public PartnerCenterEndpointGuardHandler(BatchStatusClientOptions options)
    {
        _endpoint = options.Endpoint;
        _allowInsecureLoopback = options.AllowInsecureLoopbackEndpoint;
    }

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
        PartnerCenterEndpoint.RequestProblem(request.RequestUri, _endpoint, _allowInsecureLoopback) is { } problem
            ? throw new InvalidOperationException(problem)
            : base.SendAsync(request, cancellationToken);
}
