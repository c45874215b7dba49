using System.Net.Sockets;

namespace PartnerCenter.BatchStatus.Tests.Support;

/// <summary>
/// Fails the first <paramref name="refusals"/> attempts as a refused connection does (what no fake service can
/// answer), passes the others to <paramref name="service"/>, and records what each attempt carried.
/// </summary>
internal sealed class RefusingHandler(HttpMessageHandler service, int refusals = int.MaxValue) : DelegatingHandler(service)
{
    private readonly List<(string? RequestId, string? Authorization)> _attempts = [];

    public IReadOnlyList<(string? RequestId, string? Authorization)> Attempts
    {
        get
        {
            lock (_attempts)
            {
                return [.. _attempts];
            }
        }
    }

    public static HttpRequestException ConnectionRefused() =>
        new(HttpRequestError.ConnectionError, "Connection refused (api.partnercenter.microsoft.com:443)", new SocketException((int)SocketError.ConnectionRefused));

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        int attempt;
        lock (_attempts)
        {
            attempt = _attempts.Count;
            _attempts.Add((request.Headers.TryGetValues(PartnerCenterHeaderNames.RequestId, out var ids) ? ids.Single() : null, request.Headers.Authorization?.ToString()));
        }

        return attempt < refusals ? Task.FromException<HttpResponseMessage>(ConnectionRefused()) : base.SendAsync(request, cancellationToken);
    }
}
