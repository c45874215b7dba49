namespace PartnerCenter.BatchStatus.Cli.Connection;

/// <summary>Makes the real client: the demo's fake service, or Partner Center with an Azure.Identity credential.</summary>
internal sealed class PartnerCenterClientFactory : IBatchClientFactory
{
    /// <inheritdoc/>
    public BatchClientConnection Create(ConnectionSettings settings, CliEnvironment environment) =>
        throw new NotSupportedException("Calling Partner Center needs the client's credential constructor, which this build does not have yet.");
}
