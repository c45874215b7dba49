using System.Net.Sockets;
using System.Runtime.CompilerServices;

namespace PartnerCenter.BatchStatus.Http;

/// <summary>
/// The connect step of the client's own <see cref="SocketsHttpHandler"/>: it opens at most one new connection per
/// request message, so that each attempt reaches the wire once and every retry goes through the call's retries and the
/// request budget.
/// </summary>
/// <remarks>
/// When a server closes a connection before any byte of its answer, <see cref="SocketsHttpHandler"/> sends the same
/// request again by itself, on a new connection, up to three more times within one <c>SendAsync</c>: nothing public
/// turns that off. Each attempt sends a new request message, so a second connection asked for the same message is such
/// a re-send. Refusing it ends the attempt at once with the <see cref="HttpRequestException"/> of a connection failure,
/// and the call's retries decide what comes next. A connection opened for one request and then used by another (the
/// pool hands connections to whichever request waits) is counted for the request that asked for it, which only ever
/// refuses that request's own second connection. The callback does not see a request sent on a kept-alive
/// connection, so an attempt whose kept-alive connection the server closes as it is sent may still be sent again
/// by the handler. Connections are connected as the handler's default does (a dual-mode socket, without Nagle's delay).
/// </remarks>
internal static class OneConnectionPerAttempt
{
    private static readonly ConditionalWeakTable<HttpRequestMessage, object> Connected = new();
    private static readonly object Seen = new();

    public static async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        if (!Connected.TryAdd(context.InitialRequestMessage, Seen))
        {
            throw new HttpRequestException(
                HttpRequestError.ConnectionError,
                $"The connection to {context.DnsEndPoint.Host}:{context.DnsEndPoint.Port} closed before any answer; the transport does not send the request again on another connection, the client's retries do.");
        }

        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(context.DnsEndPoint, cancellationToken).ConfigureAwait(false);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }
}
