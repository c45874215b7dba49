using System.Net;
using System.Net.Sockets;
using PartnerCenter.BatchStatus.Cli;
using PartnerCenter.BatchStatus.Cli.Connection;
using PartnerCenter.BatchStatus.Testing;

namespace PartnerCenter.BatchStatus.Cli.Tests.Support;

/// <summary>Connects pcbatch to a loopback port where nothing listens, through the real pipeline, without retries.</summary>
internal sealed class UnreachableServiceFactory : IBatchClientFactory
{
    // A loopback port bound for the whole test run without listening: connections to it are refused, and no fake
    // server started by a test running in parallel can take it.
    private static readonly Socket ReservedPort = ReservePort();

    public BatchClientConnection Create(ConnectionSettings settings, CliEnvironment environment)
    {
        var port = ((IPEndPoint)ReservedPort.LocalEndPoint!).Port;
        var options = new BatchStatusClientOptions { Endpoint = new Uri($"http://127.0.0.1:{port}/"), AllowInsecureLoopbackEndpoint = true };
        options.Retry.MaxRetries = 0;
        var client = new BatchStatusClient(new FakeTokenCredential(), options);
        return new BatchClientConnection(client, client);
    }

    private static Socket ReservePort()
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return socket;
    }
}
