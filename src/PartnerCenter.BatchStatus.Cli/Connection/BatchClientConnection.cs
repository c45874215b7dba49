namespace PartnerCenter.BatchStatus.Cli.Connection;

/// <summary>A client and whatever must live as long as it does (its pipeline, the demo's fake service).</summary>
internal sealed class BatchClientConnection : IDisposable
{
    private readonly IDisposable[] _owned;

    /// <summary>Initializes a new instance of the <see cref="BatchClientConnection"/> class.</summary>
    /// <param name="client">The client.</param>
    /// <param name="owned">What to dispose with it, in this order.</param>
    public BatchClientConnection(IBatchStatusClient client, params IDisposable[] owned)
    {
        Client = client;
        _owned = owned;
    }

    /// <summary>
    /// Gets the sign-in to run before the first call, or <see langword="null"/> when there is none to run (the demo):
    /// it throws <see cref="SignIn.SignInException"/> when it fails or times out.
    /// </summary>
    public Func<CancellationToken, Task>? SignIn { get; init; }

    /// <summary>Gets the client.</summary>
    public IBatchStatusClient Client { get; }

    /// <inheritdoc/>
    public void Dispose()
    {
        foreach (var owned in _owned)
        {
            owned.Dispose();
        }
    }
}
