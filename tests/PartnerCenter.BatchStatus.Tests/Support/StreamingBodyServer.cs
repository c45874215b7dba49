using System.IO.Compression;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace PartnerCenter.BatchStatus.Tests.Support;

/// <summary>
/// An HTTP/1.1 server on a raw loopback socket that answers every request with one status and a body far larger than
/// anything it holds: a part repeated many times from one buffer, so that the server itself allocates next to nothing
/// while the client's memory is measured. Each answer closes its connection; the server counts the requests and the
/// bytes it managed to send.
/// </summary>
internal sealed class StreamingBodyServer : IAsyncDisposable
{
    private static readonly Lazy<byte[]> SixtyFourMebibytesOfA = new(() => Gzip(Encoding.ASCII.GetBytes(new string('A', 64 * 1024)), 1024));

    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly Body _body;
    private readonly string _head;
    private readonly Task _accepting;
    private int _requests;
    private long _mostBytesSent;

    private StreamingBodyServer(int status, Body body, string extraHeaders)
    {
        _body = body;
        var length = body.Framed ? $"Content-Length: {body.Length}\r\n" : string.Empty;
        _head = $"HTTP/1.1 {status} {(HttpStatusCode)status}\r\nContent-Type: application/json\r\n{length}Connection: close\r\n{extraHeaders}\r\n";
        _listener.Start();
        _accepting = AcceptAsync();
    }

    public Uri Endpoint => new($"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}/");

    public int Requests => Volatile.Read(ref _requests);

    /// <summary>Gets the most bytes of a body that one connection took before the client let it go.</summary>
    public long MostBodyBytesSent => Interlocked.Read(ref _mostBytesSent);

    /// <summary>
    /// A gzip bomb: about 4 MB on the wire that inflate to 4 GiB of JSON (one string value that never ends), sent
    /// as gzip members one after another (RFC 1952 allows several), until the connection closes.
    /// </summary>
    public static StreamingBodyServer GzipBomb(int status, string extraHeaders = "")
    {
        var member = SixtyFourMebibytesOfA.Value;
        return new StreamingBodyServer(status, new Body(Gzip("{\"batchTrackingId\":\""u8.ToArray(), 1), member, 64, Gzip("\"}"u8.ToArray(), 1), Framed: false), "Content-Encoding: gzip\r\n" + extraHeaders);
    }

    /// <summary>A body of <paramref name="mebibytes"/> MiB, not compressed, announced by its Content-Length.</summary>
    public static StreamingBodyServer Large(int status, int mebibytes)
    {
        var part = new byte[1024 * 1024];
        Array.Fill(part, (byte)'x');
        return new StreamingBodyServer(status, new Body("{\"code\":\"500\",\"description\":\""u8.ToArray(), part, mebibytes, "\"}"u8.ToArray(), Framed: true), string.Empty);
    }

    public BatchStatusClientOptions Options(int maxRetries) => new()
    {
        Endpoint = Endpoint,
        AllowInsecureLoopbackEndpoint = true,
        MaxRequestsPerSecond = 0,
        Retry = { MaxRetries = maxRetries, BaseDelay = TimeSpan.FromMilliseconds(1), MaxDelay = TimeSpan.FromMilliseconds(5) },
    };

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        try
        {
            await _accepting;
        }
        catch (Exception exception) when (exception is OperationCanceledException or SocketException or ObjectDisposedException)
        {
        }

        _stop.Dispose();
    }

    private static byte[] Gzip(byte[] part, int repeats)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.SmallestSize, leaveOpen: true))
        {
            for (var i = 0; i < repeats; i++)
            {
                gzip.Write(part);
            }
        }

        return output.ToArray();
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            var socket = await _listener.AcceptSocketAsync(_stop.Token);
            _ = Task.Run(() => ServeAsync(socket));
        }
    }

    private async Task ServeAsync(Socket socket)
    {
        using (socket)
        {
            long sent = 0;
            try
            {
                await ReadHeadAsync(socket);
                Interlocked.Increment(ref _requests);
                await socket.SendAsync(Encoding.ASCII.GetBytes(_head), _stop.Token);
                sent += await SendAsync(socket, _body.Prefix);
                for (var i = 0; i < _body.Repeats; i++)
                {
                    sent += await SendAsync(socket, _body.Part);
                }

                sent += await SendAsync(socket, _body.Suffix);
                socket.Shutdown(SocketShutdown.Send);
            }
            catch (Exception exception) when (exception is OperationCanceledException or SocketException or IOException)
            {
                // The client let the connection go.
            }

            long most;
            do
            {
                most = Interlocked.Read(ref _mostBytesSent);
            }
            while (sent > most && Interlocked.CompareExchange(ref _mostBytesSent, sent, most) != most);
        }
    }

    private async Task<long> SendAsync(Socket socket, byte[] bytes)
    {
        await socket.SendAsync(bytes, _stop.Token);
        return bytes.Length;
    }

    private async Task ReadHeadAsync(Socket socket)
    {
        var buffer = new byte[8192];
        var received = 0;
        while (received < 4 || !buffer.AsSpan(0, received).EndsWith("\r\n\r\n"u8))
        {
            var read = await socket.ReceiveAsync(buffer.AsMemory(received), _stop.Token);
            if (read == 0)
            {
                throw new IOException("The client closed the connection before its request was complete.");
            }

            received += read;
        }
    }

    private sealed record Body(byte[] Prefix, byte[] Part, int Repeats, byte[] Suffix, bool Framed)
    {
        public long Length => Prefix.Length + ((long)Part.Length * Repeats) + Suffix.Length;
    }
}
