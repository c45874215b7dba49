using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Garnet;

namespace PartnerCenter.BatchStatus.TestSupport;

/// <summary>
/// The RESP server of the shared budget's tests: the one named by <c>PCBATCH_TEST_REDIS</c> (host:port, such as a
/// <c>redis-server</c> that CI starts), or else an <see cref="EmbeddedGarnet"/> started for the tests.
/// </summary>
public sealed class RespServer : IDisposable
{
    public const string EnvironmentVariable = "PCBATCH_TEST_REDIS";

    private readonly EmbeddedGarnet? _garnet;

    public RespServer()
    {
        var named = Environment.GetEnvironmentVariable(EnvironmentVariable);
        _garnet = string.IsNullOrWhiteSpace(named) ? new EmbeddedGarnet() : null;
        Endpoint = _garnet?.Endpoint ?? named!.Trim();
    }

    /// <summary>Gets the server's host:port.</summary>
    public string Endpoint { get; }

    public void Dispose() => _garnet?.Dispose();
}

/// <summary>
/// A Garnet server in this process on a loopback port, with Lua in transaction mode: without it Garnet runs a
/// script's commands one by one, not atomically.
/// </summary>
public sealed class EmbeddedGarnet : IDisposable
{
    private readonly GarnetServer _server;

    public EmbeddedGarnet(int? port = null)
    {
        Port = port ?? FreePort();
        _server = new GarnetServer(["--port", Port.ToString(CultureInfo.InvariantCulture), "--bind", "127.0.0.1", "--lua", "--lua-transaction-mode", "--logger-level", "Warning"]);
        _server.Start();
    }

    public int Port { get; }

    public string Endpoint => "127.0.0.1:" + Port.ToString(CultureInfo.InvariantCulture);

    /// <summary>A loopback port free now (and, for a closed-port test, nothing listens on it).</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public void Dispose() => _server.Dispose();
}

/// <summary>
/// A TCP relay on loopback in front of a server, whatever the server is: <see cref="Stall"/> holds back the server's
/// answers (the connection stays open and the requests arrive, as from a server that is slow rather than down), and
/// <see cref="Stop"/> is the server gone for its clients (open connections dropped, new ones refused).
/// </summary>
public sealed class TcpRelay : IDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly string _host;
    private readonly int _port;
    private readonly List<TcpClient> _open = [];
    private readonly CancellationTokenSource _stop = new();
    private TaskCompletionSource _flowing = Gate(open: true);

    public TcpRelay(string target)
    {
        _host = target[..target.LastIndexOf(':')];
        _port = int.Parse(target[(target.LastIndexOf(':') + 1)..], CultureInfo.InvariantCulture);
        _listener.Start();
        _ = AcceptAsync();
    }

    /// <summary>Gets the relay's host:port.</summary>
    public string Endpoint => "127.0.0.1:" + ((IPEndPoint)_listener.LocalEndpoint).Port.ToString(CultureInfo.InvariantCulture);

    public void Stall() => Interlocked.Exchange(ref _flowing, Gate(open: false));

    public void Resume() => Volatile.Read(ref _flowing).TrySetResult();

    /// <summary>Drops every connection and refuses new ones.</summary>
    public void Stop()
    {
        _stop.Cancel();
        _listener.Stop();
        Resume();
        lock (_open)
        {
            _open.ForEach(client => client.Dispose());
            _open.Clear();
        }
    }

    public void Dispose() => Stop();

    private static TaskCompletionSource Gate(bool open)
    {
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        if (open)
        {
            gate.SetResult();
        }

        return gate;
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient inbound;
            try
            {
                inbound = await _listener.AcceptTcpClientAsync(_stop.Token);
            }
            catch (Exception exception) when (exception is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }

            var outbound = new TcpClient();
            lock (_open)
            {
                _open.Add(inbound);
                _open.Add(outbound);
            }

            _ = RelayAsync(inbound, outbound);
        }
    }

    private async Task RelayAsync(TcpClient inbound, TcpClient outbound)
    {
        try
        {
            await outbound.ConnectAsync(_host, _port, _stop.Token);
            await Task.WhenAny(PumpAsync(inbound.GetStream(), outbound.GetStream(), gated: false), PumpAsync(outbound.GetStream(), inbound.GetStream(), gated: true));
        }
        catch (Exception exception) when (exception is OperationCanceledException or IOException or SocketException or ObjectDisposedException)
        {
        }
        finally
        {
            inbound.Dispose();
            outbound.Dispose();
        }
    }

    private async Task PumpAsync(NetworkStream from, NetworkStream to, bool gated)
    {
        var buffer = new byte[16 * 1024];
        try
        {
            int read;
            while ((read = await from.ReadAsync(buffer, _stop.Token)) > 0)
            {
                if (gated)
                {
                    await Volatile.Read(ref _flowing).Task;
                }

                await to.WriteAsync(buffer.AsMemory(0, read), _stop.Token);
            }
        }
        catch (Exception exception) when (exception is OperationCanceledException or IOException or SocketException or ObjectDisposedException)
        {
        }
    }
}
