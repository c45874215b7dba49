namespace PartnerCenter.BatchStatus.Cli.Connection;

/// <summary>Makes the client a command uses; the one seam through which tests replace the service.</summary>
internal interface IBatchClientFactory
{
    /// <summary>Creates the client, once the command line was read and checked.</summary>
    /// <param name="settings">The endpoint and credentials the command line asked for.</param>
    /// <param name="environment">The process environment: environment variables, the error stream for sign-in prompts, the clock.</param>
    /// <returns>The client and what it depends on; dispose it when done.</returns>
    BatchClientConnection Create(ConnectionSettings settings, CliEnvironment environment);
}
