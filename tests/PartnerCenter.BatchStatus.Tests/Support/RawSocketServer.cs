using System.Net;
using System.Net.Sockets;
using System.Text;

namespace PartnerCenter.BatchStatus.Tests.Support;

/// <summary>
/// An HTTP/1.1 server on a raw loopback socket that answers each connection with a scripted behaviour, byte for byte:
/// for the faults a real network produces and a mock server cannot (a body that breaks off, a connection dropped after
/// the headers, a body that stalls, a connection closed without a byte). Every answer closes its connection, so one
/// connection is one request, except <see cref="Answer.KeepAlive"/>, after which the connection serves the next request.
/// </summary>
internal sealed class RawSocketServer : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly Func<int, Answer> _script;
    private readonly CancellationTokenSource _stop = new();
    private readonly List<string> _requests = [];
    private readonly Task _accepting;
    private int _connections;

    public RawSocketServer(Func<int, Answer> script)
    {
        _script = script;
        _listener.Start();
        _accepting = AcceptAsync();
    }

    /// <summary>Gets the endpoint to give the client.</summary>
    public Uri Endpoint => new($"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}/");

    /// <summary>Gets how many connections were accepted.</summary>
    public int Connections => Volatile.Read(ref _connections);

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
    /// Waits (in real time, bounded) until <paramref name="count"/> requests have arrived, for a request the client sent
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
                    await answer.WriteAsync(socket, _stop.Token);
                }
                while (answer.KeepsConnection);
            }
            catch (Exception exception) when (exception is OperationCanceledException or SocketException or IOException)
            {
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
        private readonly string _head;
        private readonly byte[] _body;
        private readonly int _bytesSent;
        private readonly bool _stall;

        private Answer(int status, string body, int? bytesSent, bool stall, string? extraHeaders = null, bool keepAlive = false)
        {
            _body = Encoding.UTF8.GetBytes(body);
            _bytesSent = bytesSent ?? _body.Length;
            _stall = stall;
            KeepsConnection = keepAlive;
            _head = $"HTTP/1.1 {status} {(HttpStatusCode)status}\r\nContent-Type: application/json\r\nContent-Length: {_body.Length}\r\nConnection: {(keepAlive ? "keep-alive" : "close")}\r\n{extraHeaders}\r\n";
        }

        private Answer()
        {
            _head = string.Empty;
            _body = [];
        }

        /// <summary>Gets a value indicating whether the connection serves another request after this answer.</summary>
        public bool KeepsConnection { get; }

        /// <summary>Closes the connection (FIN) once the request has arrived, without a byte of an answer.</summary>
        public static Answer CloseWithoutAnswer() => new();

        /// <summary>The whole answer, keeping the connection open for the next request.</summary>
        public static Answer KeepAlive(int status, string body) => new(status, body, null, stall: false, keepAlive: true);

        /// <summary>The whole answer.</summary>
        public static Answer Complete(int status, string body, string? extraHeaders = null) => new(status, body, null, stall: false, extraHeaders);

        /// <summary>Announces the whole body, sends <paramref name="bytes"/> of it, then closes the connection.</summary>
        public static Answer BreakOff(int status, string body, int bytes) => new(status, body, bytes, stall: false);

        /// <summary>Announces the whole body, sends <paramref name="bytes"/> of it, then sends nothing more and keeps the connection open.</summary>
        public static Answer Stall(int status, string body, int bytes) => new(status, body, bytes, stall: true);

        public async Task WriteAsync(Socket socket, CancellationToken stop)
        {
            if (_head.Length == 0)
            {
                socket.Shutdown(SocketShutdown.Both);
                return;
            }

            await socket.SendAsync(Encoding.ASCII.GetBytes(_head), stop);
            if (_bytesSent > 0)
            {
                await socket.SendAsync(_body.AsMemory(0, _bytesSent), stop);
            }

            if (_stall)
            {
                await Task.Delay(Timeout.InfiniteTimeSpan, stop);
            }
        }
    }
}
