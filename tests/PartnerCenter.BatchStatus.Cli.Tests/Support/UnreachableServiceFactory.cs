using System.Net;
using System.Net.Sockets;
using PartnerCenter.BatchStatus.Cli;
using PartnerCenter.BatchStatus.Cli.Connection;
using PartnerCenter.BatchStatus.Testing;

namespace PartnerCenter.BatchStatus.Cli.Tests.Support;

/// <summary>Connects pcbatch to a loopback port where nothing listens, through the real pipeline, without retries.</summary>
internal sealed class UnreachableServiceFactory : IBatchClientFactory
{
    public BatchClientConnection Create(ConnectionSettings settings, CliEnvironment environment)
    {
        var options = new BatchStatusClientOptions { Endpoint = new Uri($"http://127.0.0.1:{FreePort()}/"), AllowInsecureLoopbackEndpoint = true };
        options.Retry.MaxRetries = 0;
        var client = new BatchStatusClient(new FakeTokenCredential(), options);
        return new BatchClientConnection(client, client);
    }

    private static int FreePort()
    {
        // A port that was free a moment ago: nothing listens there once the listener is stopped.
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
