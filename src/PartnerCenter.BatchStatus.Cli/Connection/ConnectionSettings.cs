namespace PartnerCenter.BatchStatus.Cli.Connection;

/// <summary>
/// What the command line says about the service and the sign-in, checked. Never holds a secret: the client secret
/// and the certificate password are read from the environment only when the credential is made.
/// </summary>
internal sealed record ConnectionSettings
{
    /// <summary>Gets a value indicating whether the demo's embedded fake Partner Center is called, with no account.</summary>
    public bool Demo { get; init; }

    /// <summary>Gets how many requests per second the run sends at most; with <see cref="Redis"/>, every process of the budget together.</summary>
    public double RequestsPerSecond { get; init; } = DefaultRequestsPerSecond;

    /// <summary>The default <c>--rate</c>: the client's own default budget.</summary>
    public const double DefaultRequestsPerSecond = 5;

    /// <summary>
    /// Gets the configuration of the Redis server whose budget the run shares (without a password, which is read from
    /// <c>PCBATCH_REDIS_PASSWORD</c> when the budget is made), or <see langword="null"/> for a budget of its own.
    /// </summary>
    public string? Redis { get; init; }

    /// <summary>Gets a value indicating whether the shared budget is counted per partner and customer rather than per partner.</summary>
    public bool RedisPerCustomer { get; init; }

    /// <summary>Gets which endpoint is called.</summary>
    public EndpointKind EndpointKind { get; init; }

    /// <summary>Gets the URL of a <see cref="EndpointKind.Custom"/> endpoint, ending with <c>/</c>.</summary>
    public Uri? CustomEndpoint { get; init; }

    /// <summary>
    /// Gets the sign-in authority from <c>AZURE_AUTHORITY_HOST</c>, or <see langword="null"/> for the cloud's own.
    /// </summary>
    public Uri? AuthorityHost { get; init; }

    /// <summary>Gets how to sign in.</summary>
    public AuthenticationMode Authentication { get; init; }

    /// <summary>Gets the tenant to sign in to, from <c>--tenant</c> or <c>AZURE_TENANT_ID</c>.</summary>
    public string? TenantId { get; init; }

    /// <summary>Gets the application (client) id, from <c>--client-id</c> or <c>AZURE_CLIENT_ID</c>.</summary>
    public string? ClientId { get; init; }

    /// <summary>Gets how long the sign-in may take (<c>--sign-in-timeout</c>).</summary>
    public TimeSpan SignInTimeout { get; init; } = DefaultSignInTimeout;

    /// <summary>The default <c>--sign-in-timeout</c> of an app's sign-in.</summary>
    public static readonly TimeSpan DefaultSignInTimeout = TimeSpan.FromSeconds(30);

    /// <summary>The default <c>--sign-in-timeout</c> with <c>--device-code</c>: a person enters the code on another device.</summary>
    public static readonly TimeSpan DefaultDeviceCodeSignInTimeout = TimeSpan.FromMinutes(5);

    /// <summary>Gets the path of the certificate file (PFX or PEM with its private key), for <see cref="AuthenticationMode.ClientCertificate"/>.</summary>
    public string? CertificatePath { get; init; }
}
