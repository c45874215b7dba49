using PartnerCenter.BatchStatus.Cli.Connection;

namespace PartnerCenter.BatchStatus.Cli.Demo;

/// <summary>The demo's embedded fake Partner Center.</summary>
internal static class DemoService
{
    /// <summary>Starts the fake service and makes a client for it.</summary>
    /// <param name="environment">The process environment.</param>
    /// <returns>The client, owning the fake service.</returns>
    public static BatchClientConnection Start(CliEnvironment environment) =>
        throw new NotSupportedException("The demo needs the testing kit's fake Partner Center.");
}
