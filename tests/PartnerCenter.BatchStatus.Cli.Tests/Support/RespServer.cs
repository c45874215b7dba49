using System.Net;
using System.Net.Sockets;
using Garnet;

namespace PartnerCenter.BatchStatus.Cli.Tests.Support;

/// <summary>
/// The Redis server of the shared budget's tests: the one named by <c>PCBATCH_TEST_REDIS</c> (host:port, such as a
/// <c>redis-server</c> that CI starts), or else an embedded Garnet server on a free loopback port, with Lua scripts
/// run as transactions (without that mode Garnet runs a script's commands one by one, not atomically).
/// </summary>
internal sealed class RespServer : IDisposable
{
    public const string ExternalVariable = "PCBATCH_TEST_REDIS";

    private readonly GarnetServer? _garnet;

    private RespServer(string endpoint, GarnetServer? garnet)
    {
        Endpoint = endpoint;
        _garnet = garnet;
    }

    /// <summary>Gets the server's host:port.</summary>
    public string Endpoint { get; }

    /// <summary>Gets what serves: Garnet, or the server of <c>PCBATCH_TEST_REDIS</c>.</summary>
    public string Engine => _garnet is null ? "the server of " + ExternalVariable : "embedded Garnet";

    public static RespServer Start()
    {
        if (Environment.GetEnvironmentVariable(ExternalVariable) is { Length: > 0 } external)
        {
            return new RespServer(external, null);
        }

        var port = FreePort();
        var garnet = new GarnetServer(["--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--bind", "127.0.0.1", "--lua", "--lua-transaction-mode", "--logger-level", "Warning"]);
        garnet.Start();
        return new RespServer("127.0.0.1:" + port.ToString(System.Globalization.CultureInfo.InvariantCulture), garnet);
    }

    public void Dispose() => _garnet?.Dispose();

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

/// <summary>
/// A TCP relay on loopback in front of a server: stopping it is the server gone for its clients (open connections
/// dropped, new ones refused), whatever the server is.
/// </summary>
internal sealed class TcpRelay : IDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly string _target;
    private readonly List<TcpClient> _open = [];
    private readonly CancellationTokenSource _stop = new();

    public TcpRelay(string target)
    {
        _target = target;
        _listener.Start();
        _ = AcceptAsync();
    }

    /// <summary>Gets the relay's host:port.</summary>
    public string Endpoint => "127.0.0.1:" + ((IPEndPoint)_listener.LocalEndpoint).Port.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Drops every connection and refuses new ones.</summary>
    public void Stop()
    {
        _stop.Cancel();
        _listener.Stop();
        lock (_open)
        {
            foreach (var client in _open)
            {
                client.Dispose();
            }

            _open.Clear();
        }
    }

    public void Dispose() => Stop();

    private async Task AcceptAsync()
    {
        var (host, port) = (_target[.._target.LastIndexOf(':')], int.Parse(_target[(_target.LastIndexOf(':') + 1)..], System.Globalization.CultureInfo.InvariantCulture));
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

            _ = RelayAsync(inbound, outbound, host, port);
        }
    }

    private async Task RelayAsync(TcpClient inbound, TcpClient outbound, string host, int port)
    {
        try
        {
            await outbound.ConnectAsync(host, port, _stop.Token);
            var up = inbound.GetStream().CopyToAsync(outbound.GetStream(), _stop.Token);
            var down = outbound.GetStream().CopyToAsync(inbound.GetStream(), _stop.Token);
            await Task.WhenAny(up, down);
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
}
