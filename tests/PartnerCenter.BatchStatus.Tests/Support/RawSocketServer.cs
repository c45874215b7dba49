using System.IO.Compression;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace PartnerCenter.BatchStatus.Tests.Support;

/// <summary>
/// An HTTP/1.1 server on a raw loopback socket that answers each request with a scripted behaviour, byte for byte:
/// for the faults a real network produces and a fake service cannot (a body that breaks off, a connection dropped
/// after the headers, a body that stalls, a connection closed without a byte, a body far larger than anything the
/// server holds). Every answer closes its connection, so one connection is one request, except
/// <see cref="Answer.KeepAlive"/>, after which the connection serves the next request.
/// </summary>
internal sealed class RawSocketServer : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly Func<int, Answer> _script;
    private readonly CancellationTokenSource _stop = new();
    private readonly List<string> _requests = [];
    private readonly TaskCompletionSource _served = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Task _accepting;
    private int _connections;
    private long _mostBytesSent;

    public RawSocketServer(Func<int, Answer> script)
    {
        _script = script;
        _listener.Start();
        _accepting = AcceptAsync();
    }

    /// <summary>A server that gives every request the same answer, made once (a streamed one from its one buffer).</summary>
    public static RawSocketServer Always(Answer answer) => new(_ => answer);

    /// <summary>Gets the endpoint to give the client.</summary>
    public Uri Endpoint => new($"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}/");

    /// <summary>Gets how many connections were accepted.</summary>
    public int Connections => Volatile.Read(ref _connections);

    /// <summary>Gets the most bytes of a body that one connection took before the client let it go.</summary>
    public long MostBodyBytesSent => Interlocked.Read(ref _mostBytesSent);

    /// <summary>Gets a task that completes when the first answer is done (sent whole, or let go by the client).</summary>
    public Task FirstAnswerServed => _served.Task;

    /// <summary>Gets the head (request line and headers) of each request received, in order.</summary>
    public IReadOnlyList<string> Requests
    {
        get
        {
            lock (_requests)
            {
                return [.. _requests];
            }
        }
    }

    /// <summary>
    /// Waits (bounded) until <paramref name="count"/> requests have arrived, for a request the client sent
    /// just before giving up, and returns how many arrived.
    /// </summary>
    public async Task<int> WaitForRequestsAsync(int count)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (Requests.Count < count && DateTime.UtcNow < deadline)
        {
            await Task.Delay(10);
        }

        return Requests.Count;
    }

    public BatchStatusClientOptions Options(int maxRetries = 2) => new()
    {
        Endpoint = Endpoint,
        AllowInsecureLoopbackEndpoint = true,
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

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            var socket = await _listener.AcceptSocketAsync(_stop.Token);
            Interlocked.Increment(ref _connections);
            _ = Task.Run(() => ServeAsync(socket));
        }
    }

    private async Task ServeAsync(Socket socket)
    {
        using (socket)
        {
            var sent = new long[1];
            try
            {
                Answer answer;
                do
                {
                    var head = await ReadHeadAsync(socket);
                    if (head.Length == 0)
                    {
                        // The client closed a kept-alive connection.
                        return;
                    }

                    int index;
                    lock (_requests)
                    {
                        index = _requests.Count;
                        _requests.Add(head);
                    }

                    answer = _script(index);
                    sent[0] = 0;
                    await answer.WriteAsync(socket, sent, _stop.Token);
                }
                while (answer.KeepsConnection);
            }
            catch (Exception exception) when (exception is OperationCanceledException or SocketException or IOException)
            {
                // The client let the connection go.
            }
            finally
            {
                long most;
                do
                {
                    most = Interlocked.Read(ref _mostBytesSent);
                }
                while (sent[0] > most && Interlocked.CompareExchange(ref _mostBytesSent, sent[0], most) != most);
                _served.TrySetResult();
            }
        }
    }

    private async Task<string> ReadHeadAsync(Socket socket)
    {
        var received = new List<byte>();
        var buffer = new byte[4096];
        while (!EndsWithBlankLine(received))
        {
            var read = await socket.ReceiveAsync(buffer, _stop.Token);
            if (read == 0)
            {
                break;
            }

            received.AddRange(buffer.AsSpan(0, read));
        }

        return Encoding.ASCII.GetString([.. received]);
    }

    private static bool EndsWithBlankLine(List<byte> bytes) =>
        bytes.Count >= 4 && bytes[^4] == '\r' && bytes[^3] == '\n' && bytes[^2] == '\r' && bytes[^1] == '\n';

    /// <summary>What the server does with one request.</summary>
    public sealed class Answer
    {
        private static readonly Lazy<byte[]> SixtyFourMebibytesOfA = new(() => Gzip(Encoding.ASCII.GetBytes(new string('A', 64 * 1024)), 1024));

        private readonly string _head = string.Empty;
        private readonly byte[] _prefix = [];
        private readonly byte[] _part = [];
        private readonly int _repeats;
        private readonly byte[] _suffix = [];
        private readonly long _bytesSent;
        private readonly bool _stall;

        private Answer()
        {
        }

        private Answer(int status, byte[] prefix, byte[] part, int repeats, byte[] suffix, long? bytesSent = null, bool stall = false, string? extraHeaders = null, bool keepAlive = false, bool framed = true)
        {
            (_prefix, _part, _repeats, _suffix, _stall, KeepsConnection) = (prefix, part, repeats, suffix, stall, keepAlive);
            var length = prefix.Length + ((long)part.Length * repeats) + suffix.Length;
            _bytesSent = bytesSent ?? length;
            var contentLength = framed ? $"Content-Length: {length}\r\n" : string.Empty;
            var contentType = extraHeaders?.Contains("Content-Type:", StringComparison.OrdinalIgnoreCase) == true ? string.Empty : "Content-Type: application/json\r\n";
            _head = $"HTTP/1.1 {status} {(HttpStatusCode)status}\r\n{contentType}{contentLength}Connection: {(keepAlive ? "keep-alive" : "close")}\r\n{extraHeaders}\r\n";
        }

        private Answer(int status, string body, long? bytesSent = null, bool stall = false, string? extraHeaders = null, bool keepAlive = false)
            : this(status, Encoding.UTF8.GetBytes(body), [], 0, [], bytesSent, stall, extraHeaders, keepAlive)
        {
        }

        /// <summary>Gets a value indicating whether the connection serves another request after this answer.</summary>
        public bool KeepsConnection { get; }

        /// <summary>Closes the connection (FIN) once the request has arrived, without a byte of an answer.</summary>
        public static Answer CloseWithoutAnswer() => new();

        /// <summary>The whole answer, keeping the connection open for the next request.</summary>
        public static Answer KeepAlive(int status, string body) => new(status, body, keepAlive: true);

        /// <summary>The whole answer, with a body of any bytes (such as compressed ones).</summary>
        public static Answer Complete(int status, byte[] body, string? extraHeaders = null) => new(status, body, [], 0, [], extraHeaders: extraHeaders);

        /// <summary>The whole answer.</summary>
        public static Answer Complete(int status, string body, string? extraHeaders = null) => new(status, body, extraHeaders: extraHeaders);

        /// <summary>Announces the whole body, sends <paramref name="bytes"/> of it, then closes the connection.</summary>
        public static Answer BreakOff(int status, string body, int bytes) => new(status, body, bytes);

        /// <summary>Announces the whole body, sends <paramref name="bytes"/> of it, then sends nothing more and keeps the connection open.</summary>
        public static Answer Stall(int status, string body, int bytes) => new(status, body, bytes, stall: true);

        /// <summary>
        /// A gzip bomb: about 4 MB on the wire that inflate to 4 GiB of JSON (one string value that never ends), sent
        /// as gzip members one after another (RFC 1952 allows several) from one buffer, until the connection closes.
        /// </summary>
        public static Answer GzipBomb(int status) =>
            new(status, Gzip("{\"batchTrackingId\":\""u8.ToArray(), 1), SixtyFourMebibytesOfA.Value, 64, Gzip("\"}"u8.ToArray(), 1), extraHeaders: "Content-Encoding: gzip\r\n", framed: false);

        /// <summary>An error body of <paramref name="mebibytes"/> MiB, not compressed, announced by its Content-Length, sent from one buffer.</summary>
        public static Answer Large(int status, int mebibytes)
        {
            var part = new byte[1024 * 1024];
            Array.Fill(part, (byte)'x');
            return new(status, "{\"code\":\"500\",\"description\":\""u8.ToArray(), part, mebibytes, "\"}"u8.ToArray());
        }

        public async Task WriteAsync(Socket socket, long[] sent, CancellationToken stop)
        {
            if (_head.Length == 0)
            {
                socket.Shutdown(SocketShutdown.Both);
                return;
            }

            await socket.SendAsync(Encoding.ASCII.GetBytes(_head), stop);
            await SendAsync(socket, _prefix, sent, stop);
            for (var i = 0; i < _repeats; i++)
            {
                await SendAsync(socket, _part, sent, stop);
            }

            await SendAsync(socket, _suffix, sent, stop);
            if (_stall)
            {
                await Task.Delay(Timeout.InfiniteTimeSpan, stop);
            }

            if (_repeats > 0)
            {
                socket.Shutdown(SocketShutdown.Send);
            }
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

        private async Task SendAsync(Socket socket, byte[] bytes, long[] sent, CancellationToken stop)
        {
            var count = (int)Math.Min(bytes.Length, _bytesSent - sent[0]);
            if (count > 0)
            {
                await socket.SendAsync(bytes.AsMemory(0, count), stop);
                sent[0] += count;
            }
        }
    }
}
