namespace PartnerCenter.BatchStatus.Cli.Connection;

/// <summary>The environment variables <c>pcbatch</c> reads: the names Azure.Identity's own environment credential uses.</summary>
internal static class EnvironmentVariables
{
    /// <summary>The tenant (directory) id, when <c>--tenant</c> is not given.</summary>
    public const string TenantId = "AZURE_TENANT_ID";

    /// <summary>The application (client) id, when <c>--client-id</c> is not given.</summary>
    public const string ClientId = "AZURE_CLIENT_ID";

    /// <summary>The client secret: read only from the environment, never from the command line.</summary>
    public const string ClientSecret = "AZURE_CLIENT_SECRET";

    /// <summary>The certificate file, when <c>--certificate</c> is not given.</summary>
    public const string CertificatePath = "AZURE_CLIENT_CERTIFICATE_PATH";

    /// <summary>The password of the certificate file, if it has one.</summary>
    public const string CertificatePassword = "AZURE_CLIENT_CERTIFICATE_PASSWORD";

    /// <summary>The sign-in authority, when it is not the cloud's own (Azure.Identity reads the same variable).</summary>
    public const string AuthorityHost = "AZURE_AUTHORITY_HOST";

    /// <summary>The Redis server of a request budget shared between processes, when <c>--redis</c> is not given.</summary>
    public const string Redis = "PCBATCH_REDIS";

    /// <summary>The password of the Redis server: read only from the environment, never from the command line.</summary>
    public const string RedisPassword = "PCBATCH_REDIS_PASSWORD";

    /// <summary>Gets each variable with the setting it feeds, as <c>--help</c> shows them.</summary>
    public static IReadOnlyList<(string Name, string Meaning)> Table { get; } =
    [
        (TenantId, "the tenant to sign in to (--tenant)"),
        (ClientId, "the application (client) id (--client-id)"),
        (ClientSecret, "the client secret: read only from here, never from an option"),
        (CertificatePath, "the certificate file, when AZURE_CLIENT_SECRET is not set (--certificate)"),
        (CertificatePassword, "the certificate file's password, if it has one: only from here"),
        (AuthorityHost, "the sign-in authority, an https URL, when it is not the cloud's own (such as a private cloud's)"),
        (Redis, "the Redis server of a request budget shared with other processes (--redis)"),
        (RedisPassword, "the Redis server's password, if it has one: only from here"),
    ];

    /// <summary>Gets the names of the variables that hold secrets, whose values never appear in any output.</summary>
    public static IReadOnlyList<string> Secrets { get; } = [ClientSecret, CertificatePassword, RedisPassword];
}
