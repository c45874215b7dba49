using System.Net;
using System.Net.Sockets;
using Garnet;

namespace PartnerCenter.BatchStatus.Redis.Tests.Support;

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
        _server = new GarnetServer(
        [
            "--port", Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--bind", "127.0.0.1",
            "--lua", "--lua-transaction-mode",
            "--logger-level", "Warning",
        ]);
        _server.Start();
    }

    public int Port { get; }

    public string Endpoint => $"127.0.0.1:{Port}";

    /// <summary>A loopback port free now (and, for a closed-port test, nothing listens on it).</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public void Dispose() => _server.Dispose();
}
