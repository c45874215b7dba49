namespace PartnerCenter.BatchStatus.Cli.Connection;

/// <summary>Makes the real client: the demo's embedded fake service, or Partner Center with an Azure.Identity credential.</summary>
internal sealed class PartnerCenterClientFactory : IBatchClientFactory
{
    /// <summary>The <c>MS-PartnerCenter-Application</c> the tool sends.</summary>
    public const string ApplicationName = "pcbatch";

    /// <inheritdoc/>
    public BatchClientConnection Create(ConnectionSettings settings, CliEnvironment environment) =>
        settings.Demo ? Demo.DemoService.Start(environment) : CreateSignedIn(settings, environment);

    /// <summary>Makes the client of the real service, with its sign-in step.</summary>
    /// <remarks>
    /// A method of its own, never inlined: the demo then never loads Azure.Identity and the identity libraries, whose
    /// loading is a good part of a short run's start-up.
    /// </remarks>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private static BatchClientConnection CreateSignedIn(ConnectionSettings settings, CliEnvironment environment)
    {
        var cloud = settings.EndpointKind == EndpointKind.China ? PartnerCenterCloud.China : PartnerCenterCloud.Global;
        var options = CreateOptions(settings, cloud, environment);
        var shared = settings.Redis is null ? null : SharedBudget.Connect(settings, environment);
        options.RequestBudget = shared?.Budget;
        var credential = new SignIn.SignedInCredential(CredentialFactory.Create(settings, cloud, environment), options.Scopes, environment.Redactor);
        var client = new BatchStatusClient(credential, options);
        var authority = CredentialFactory.AuthorityOf(settings, cloud, environment);
        IDisposable[] owned = shared is null ? [client] : [client, shared];
        return new BatchClientConnection(client, owned) { SignIn = cancellationToken => credential.SignInAsync(settings.SignInTimeout, authority, cancellationToken) };
    }

    /// <summary>Makes the client's options: the cloud's endpoint and scope, or a custom endpoint with the global scope.</summary>
    /// <param name="settings">The checked settings.</param>
    /// <param name="cloud">The cloud of the endpoint.</param>
    /// <param name="environment">The clock of retries.</param>
    /// <returns>The options.</returns>
    internal static BatchStatusClientOptions CreateOptions(ConnectionSettings settings, PartnerCenterCloud cloud, CliEnvironment environment)
    {
        var options = new BatchStatusClientOptions
        {
            ApplicationName = ApplicationName,
            TimeProvider = environment.TimeProvider,
            MaxRequestsPerSecond = settings.RequestsPerSecond,
        }.UseCloud(cloud);
        if (settings.EndpointKind == EndpointKind.Custom && settings.CustomEndpoint is { } url)
        {
            // A proxy in front of Partner Center still takes Partner Center's tokens; plain http only ever reaches this machine.
            options.Endpoint = url;
            options.AllowInsecureLoopbackEndpoint = url.Scheme == Uri.UriSchemeHttp && url.IsLoopback;
        }

        return options;
    }
}
