namespace PartnerCenter.BatchStatus.Cli.Connection;

/// <summary>A client and whatever must live as long as it does (its pipeline, the demo's fake service).</summary>
/// <param name="client">The client.</param>
/// <param name="owned">What to dispose with it, in this order.</param>
internal sealed class BatchClientConnection(IBatchStatusClient client, params IDisposable[] owned) : IDisposable
{

    /// <summary>
    /// Gets the sign-in to run before the first call, or <see langword="null"/> when there is none to run (the demo):
    /// it throws <see cref="Commands.CliException"/> when it fails or times out.
    /// </summary>
    public Func<CancellationToken, Task>? SignIn { get; init; }

    /// <summary>Gets the client.</summary>
    public IBatchStatusClient Client => client;

    /// <inheritdoc/>
    public void Dispose()
    {
        foreach (var item in owned)
        {
            item.Dispose();
        }
    }

    /// <summary>Makes the client with the factory and signs in, before any call to Partner Center.</summary>
    /// <param name="factory">The factory.</param>
    /// <param name="settings">The endpoint and sign-in.</param>
    /// <param name="environment">The process environment.</param>
    /// <param name="cancellationToken">Cancels the sign-in.</param>
    /// <returns>The signed-in connection; the caller disposes it.</returns>
    public static async Task<BatchClientConnection> OpenAsync(IBatchClientFactory factory, ConnectionSettings settings, CliEnvironment environment, CancellationToken cancellationToken)
    {
        var connection = factory.Create(settings, environment);
        try
        {
            if (connection.SignIn is { } signIn)
            {
                await signIn(cancellationToken).ConfigureAwait(false);
            }

            return connection;
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }
}
