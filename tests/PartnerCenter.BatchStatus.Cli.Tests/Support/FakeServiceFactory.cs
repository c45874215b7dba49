using PartnerCenter.BatchStatus.Cli;
using PartnerCenter.BatchStatus.Cli.Connection;
using PartnerCenter.BatchStatus.Testing;

namespace PartnerCenter.BatchStatus.Cli.Tests.Support;

/// <summary>
/// Connects pcbatch to a fake Partner Center that the test declares batches on: the client is the real one, built
/// by the kit with a credential, so each run goes through the whole pipeline over loopback.
/// </summary>
internal sealed class FakeServiceFactory : IBatchClientFactory, IDisposable
{
    private readonly Action<BatchStatusClientOptions>? _configure;

    public FakeServiceFactory(Action<BatchStatusClientOptions>? configure = null)
    {
        _configure = configure;
        Fake = FakePartnerCenter.Start();
    }

    public FakePartnerCenter Fake { get; }

    public List<ConnectionSettings> Requests { get; } = [];

    public BatchClientConnection Create(ConnectionSettings settings, CliEnvironment environment)
    {
        Requests.Add(settings);

        // The fake disposes the clients it made; the test disposes the fake.
        return new BatchClientConnection(Fake.CreateClient(_configure));
    }

    public void Dispose() => Fake.Dispose();
}
