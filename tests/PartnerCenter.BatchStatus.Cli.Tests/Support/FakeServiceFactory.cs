using System.Net;
using System.Net.Sockets;
using PartnerCenter.BatchStatus.Cli.Connection;
using PartnerCenter.BatchStatus.Testing;

namespace PartnerCenter.BatchStatus.Cli.Tests.Support;

/// <summary>
/// Connects pcbatch to the kit's fake Partner Center in this process (no socket): the client is the real one, built by
/// the kit, so each run goes through the whole pipeline. It records the connection settings the command line asked for.
/// </summary>
internal sealed class FakeServiceFactory(Action<BatchStatusClientOptions>? configure = null, TimeProvider? clock = null) : IBatchClientFactory, IDisposable
{
    private bool _refuse;

    public FakePartnerCenterTransport Fake { get; } = new(clock);

    public List<ConnectionSettings> Requests { get; } = [];

    public ConnectionSettings Settings => Assert.Single(Requests);

    /// <summary>A fake that serves the documented sample: for tests of what the command line asks for.</summary>
    public static FakeServiceFactory WithSample()
    {
        var factory = new FakeServiceFactory();
        factory.Fake.AddDocumentedSample();
        return factory;
    }

    /// <summary>A factory that refuses to connect: for runs that must stop before any call.</summary>
    public static FakeServiceFactory Refusing() => new() { _refuse = true };

    public BatchClientConnection Create(ConnectionSettings settings, CliEnvironment environment)
    {
        Requests.Add(settings);
        return _refuse
            ? throw new InvalidOperationException("This test must not reach the service.")
            : new BatchClientConnection(Fake.CreateClient(configure)); // the fake disposes the clients it made
    }

    public void Dispose() => Fake.Dispose();
}

/// <summary>
/// The real pipeline to a loopback port, without retries: by default one where nothing listens (a wire fault), the
/// connections refused.
/// </summary>
internal sealed class LoopbackServiceFactory(int? port = null) : IBatchClientFactory
{
    // Bound for the whole run without listening: connections are refused, and no server of another test can take it.
    private static readonly Socket ReservedPort = ReservePort();

    public static Socket ReservePort()
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return socket;
    }

    public BatchClientConnection Create(ConnectionSettings settings, CliEnvironment environment)
    {
        var options = new BatchStatusClientOptions
        {
            Endpoint = new Uri($"http://127.0.0.1:{port ?? ((IPEndPoint)ReservedPort.LocalEndPoint!).Port}/"),
            AllowInsecureLoopbackEndpoint = true,
        };
        options.Retry.MaxRetries = 0;
        var client = new BatchStatusClient(new FakeTokenCredential(), options);
        return new BatchClientConnection(client, client);
    }
}
