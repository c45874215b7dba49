using System.CommandLine;
using PartnerCenter.BatchStatus.Cli.Connection;

namespace PartnerCenter.BatchStatus.Cli.Commands;

/// <summary>The options that choose the service and the sign-in, and how they combine with the environment variables.</summary>
internal sealed class ConnectionOptions
{
    private const string NoSecretsOnTheCommandLine =
        "pcbatch takes no secret on the command line, where shell history and other processes could read it: "
        + "set the AZURE_CLIENT_SECRET environment variable, or use --certificate (with AZURE_CLIENT_CERTIFICATE_PASSWORD if the file has a password).";

    private const string TryTheDemo = " To try the tool without an account, run: pcbatch status --demo --wait.";

    /// <summary>Initializes a new instance of the <see cref="ConnectionOptions"/> class.</summary>
    /// <param name="demoDescription">What <c>--demo</c> does in the command, or <see langword="null"/> for <c>pcbatch status</c>'s.</param>
    public ConnectionOptions(string? demoDescription = null)
    {
        Demo = new("--demo")
        {
            Description = demoDescription
                ?? "Run against an embedded fake Partner Center, with no account: it serves the documented sample "
                + "(the default ids) and, with --wait and no ids, a batch that goes from queued to processing to finished_with_errors.",
        };
    }

    /// <summary>Gets <c>--demo</c>.</summary>
    public Option<bool> Demo { get; }

    /// <summary>Gets <c>--endpoint</c>.</summary>
    public Option<string?> Endpoint { get; } = new("--endpoint")
    {
        Description = "global (the default), china (the 21Vianet cloud: its endpoint, token scope and sign-in authority), or the https URL of an endpoint.",
        HelpName = "global|china|url",
    };

    /// <summary>Gets <c>--tenant</c>.</summary>
    public Option<string?> Tenant { get; } = new("--tenant")
    {
        Description = "The tenant to sign in to: the partner's tenant id or domain. Default: AZURE_TENANT_ID.",
        HelpName = "id",
    };

    /// <summary>Gets <c>--client-id</c>.</summary>
    public Option<string?> ClientId { get; } = new("--client-id")
    {
        Description = "The application (client) id of the app registration. Default: AZURE_CLIENT_ID.",
        HelpName = "id",
    };

    /// <summary>Gets <c>--certificate</c>.</summary>
    public Option<string?> Certificate { get; } = new("--certificate")
    {
        Description = "Sign in as the app with this certificate file (PFX, or PEM with its private key); its password, if any, "
            + "from AZURE_CLIENT_CERTIFICATE_PASSWORD. Default: AZURE_CLIENT_CERTIFICATE_PATH, when AZURE_CLIENT_SECRET is not set.",
        HelpName = "path",
    };

    /// <summary>Gets <c>--device-code</c>.</summary>
    public Option<bool> DeviceCode { get; } = new("--device-code")
    {
        Description = "Sign in as a user (app+user) with a code entered on another device; the prompt goes to the error stream. "
            + "Needs --client-id of an app that allows public client flows.",
    };

    /// <summary>Gets <c>--default-credential</c>.</summary>
    public Option<bool> DefaultCredential { get; } = new("--default-credential")
    {
        Description = "Sign in with the default Azure credential chain: environment, workload identity, managed identity, Azure CLI, and so on.",
    };

    /// <summary>Gets <c>--sign-in-timeout</c>.</summary>
    public Option<string?> SignInTimeout { get; } = new("--sign-in-timeout")
    {
        Description = "How long signing in to Microsoft Entra ID may take before the tool gives up (exit code 5); Partner Center is only called once signed in. "
            + "Default: 30s (5m with --device-code).",
        HelpName = "duration",
    };

    /// <summary>Gets the hidden options that would take a secret: they only ever explain why not.</summary>
    public IReadOnlyList<Option<string?>> SecretTraps { get; } =
    [
        new("--client-secret") { Hidden = true, Arity = ArgumentArity.ZeroOrOne },
        new("--certificate-password") { Hidden = true, Arity = ArgumentArity.ZeroOrOne },
    ];

    /// <summary>Adds the options to a command.</summary>
    /// <param name="command">The command.</param>
    public void AddTo(Command command)
    {
        command.Add(Demo);
        command.Add(Endpoint);
        command.Add(Tenant);
        command.Add(ClientId);
        command.Add(Certificate);
        command.Add(DeviceCode);
        command.Add(DefaultCredential);
        command.Add(SignInTimeout);
        foreach (var trap in SecretTraps)
        {
            command.Add(trap);
        }
    }

    /// <summary>Reads the options, falling back to the environment variables.</summary>
    /// <param name="parse">The parsed command line.</param>
    /// <param name="environment">Where environment variables are read.</param>
    /// <returns>The settings.</returns>
    /// <exception cref="UsageException">The options conflict, or the sign-in settings are incomplete.</exception>
    public ConnectionSettings Read(ParseResult parse, CliEnvironment environment)
    {
        RejectSecrets(parse);
        var endpointText = parse.GetValue(Endpoint);
        var tenantText = parse.GetValue(Tenant);
        var clientIdText = parse.GetValue(ClientId);
        var certificate = parse.GetValue(Certificate);
        var deviceCode = parse.GetValue(DeviceCode);
        var defaultCredential = parse.GetValue(DefaultCredential);
        var signInTimeoutText = parse.GetValue(SignInTimeout);

        if (parse.GetValue(Demo))
        {
            if (endpointText is not null || tenantText is not null || clientIdText is not null || certificate is not null || deviceCode || defaultCredential || signInTimeoutText is not null)
            {
                throw new UsageException("--demo calls an embedded fake Partner Center and needs no account: it takes no --endpoint, --tenant, --client-id, --certificate, --device-code, --default-credential or --sign-in-timeout.");
            }

            return new ConnectionSettings { Demo = true };
        }

        var (kind, url) = endpointText is null ? (EndpointKind.Global, null) : CommandLineValues.ParseEndpoint(endpointText);
        CheckWithTheClientsRules(new ConnectionSettings { EndpointKind = kind, CustomEndpoint = url }, environment);

        if (deviceCode && defaultCredential)
        {
            throw new UsageException("Choose one way to sign in: --device-code or --default-credential, not both.");
        }

        if (certificate is not null && (deviceCode || defaultCredential))
        {
            throw new UsageException("--certificate signs in as the app: it cannot be combined with --device-code or --default-credential.");
        }

        var tenant = Optional(tenantText, "--tenant", EnvironmentVariables.TenantId, environment, CommandLineValues.CheckTenant);
        var clientId = Optional(clientIdText, "--client-id", EnvironmentVariables.ClientId, environment, CommandLineValues.CheckClientId);
        var signInTimeout = signInTimeoutText is null
            ? (deviceCode ? ConnectionSettings.DefaultDeviceCodeSignInTimeout : ConnectionSettings.DefaultSignInTimeout)
            : CommandLineValues.ParseDuration(signInTimeoutText, "--sign-in-timeout", allowInfinite: false);
        if (signInTimeout > TimeSpan.FromHours(1))
        {
            throw new UsageException("--sign-in-timeout must be at most one hour.");
        }

        var authority = NonEmpty(environment.GetEnvironmentVariable(EnvironmentVariables.AuthorityHost)) is { } authorityText
            ? CommandLineValues.ParseAuthorityHost(authorityText, EnvironmentVariables.AuthorityHost)
            : null;
        var settings = new ConnectionSettings { EndpointKind = kind, CustomEndpoint = url, TenantId = tenant, ClientId = clientId, SignInTimeout = signInTimeout, AuthorityHost = authority };

        if (defaultCredential)
        {
            return settings with { Authentication = AuthenticationMode.DefaultChain };
        }

        if (deviceCode)
        {
            return clientId is null
                ? throw new UsageException("--device-code needs the application (client) id of an app registration that allows public client flows: give --client-id or set AZURE_CLIENT_ID.")
                : settings with { Authentication = AuthenticationMode.DeviceCode };
        }

        // As in Azure.Identity's environment credential: a secret in the environment wins over a certificate path there;
        // --certificate on the command line wins over both.
        var secret = NonEmpty(environment.GetEnvironmentVariable(EnvironmentVariables.ClientSecret));
        if (certificate is null && secret is null)
        {
            certificate = NonEmpty(environment.GetEnvironmentVariable(EnvironmentVariables.CertificatePath));
        }

        // Every missing setting at once, each with what sets it: one try to learn them all.
        var missing = new List<string>();
        if (tenant is null)
        {
            missing.Add($"the tenant (--tenant or {EnvironmentVariables.TenantId})");
        }

        if (clientId is null)
        {
            missing.Add($"the application (client) id (--client-id or {EnvironmentVariables.ClientId})");
        }

        if (certificate is null && secret is null)
        {
            missing.Add($"a client secret (the {EnvironmentVariables.ClientSecret} environment variable; never an option) or a certificate (--certificate or {EnvironmentVariables.CertificatePath})");
        }

        if (missing.Count > 0)
        {
            throw new UsageException(
                $"Signing in as an app needs {Join(missing)}; "
                + "or sign in as a user with --device-code, or use --default-credential." + TryTheDemo);
        }

        if (certificate is not null)
        {
            return File.Exists(certificate)
                ? settings with { Authentication = AuthenticationMode.ClientCertificate, CertificatePath = Path.GetFullPath(certificate) }
                : throw new UsageException($"The certificate file {CommandLineValues.Quote(certificate)} does not exist.");
        }

        return settings with { Authentication = AuthenticationMode.ClientSecret };
    }

    /// <summary>
    /// Builds the client's options for the endpoint and lets the client's own rules judge them (such as an endpoint
    /// that holds the API version), so that the tool keeps no second copy of them.
    /// </summary>
    private static void CheckWithTheClientsRules(ConnectionSettings endpoint, CliEnvironment environment)
    {
        var cloud = endpoint.EndpointKind == EndpointKind.China ? PartnerCenterCloud.China : PartnerCenterCloud.Global;
        try
        {
            PartnerCenterClientFactory.CreateOptions(endpoint, cloud, environment).Validate();
        }
        catch (ArgumentException error)
        {
            var name = nameof(BatchStatusClientOptions) + "." + nameof(BatchStatusClientOptions.Endpoint);
            var message = error.ParamName is { } parameter ? error.Message.Replace($" (Parameter '{parameter}')", string.Empty, StringComparison.Ordinal) : error.Message;
            throw new UsageException(message.Replace(name, "--endpoint", StringComparison.Ordinal), error);
        }
    }

    private static string Join(List<string> items) =>
        items.Count == 1 ? items[0] : string.Join(", ", items.Take(items.Count - 1)) + " and " + items[^1];

    /// <summary>Refuses a secret given on the command line, before anything else is read, and without repeating it.</summary>
    /// <param name="parse">The parsed command line.</param>
    /// <exception cref="UsageException">A secret was given.</exception>
    public void RejectSecrets(ParseResult parse)
    {
        if (SecretTraps.Any(trap => parse.GetResult(trap) is not null))
        {
            throw new UsageException(NoSecretsOnTheCommandLine);
        }
    }

    private static string? Optional(string? option, string optionName, string variable, CliEnvironment environment, Func<string, string, string> check)
    {
        if (option is not null)
        {
            return check(option, optionName);
        }

        return NonEmpty(environment.GetEnvironmentVariable(variable)) is { } value ? check(value, variable) : null;
    }

    private static string? NonEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
