using PartnerCenter.BatchStatus.Cli;
using PartnerCenter.BatchStatus.Cli.Connection;

namespace PartnerCenter.BatchStatus.Cli.Tests.Support;

/// <summary>A client factory that records the settings it was asked for and refuses to connect: for runs that must stop before any call.</summary>
internal sealed class RefusingClientFactory : IBatchClientFactory
{
    public List<ConnectionSettings> Requests { get; } = [];

    public BatchClientConnection Create(ConnectionSettings settings, CliEnvironment environment)
    {
        Requests.Add(settings);
        throw new InvalidOperationException("This test must not reach the service.");
    }
}
