using System.CommandLine;
using PartnerCenter.BatchStatus.Cli.Connection;

namespace PartnerCenter.BatchStatus.Cli.Commands;

/// <summary>
/// The options every command has: the output form, the wait, the service and the sign-in, and how they combine with
/// the environment variables. Each command gives the words that differ; the rules are these, once.
/// </summary>
/// <param name="json">What <c>--json</c> writes in the command.</param>
/// <param name="interval">What <c>--interval</c> is in the command, before its default.</param>
/// <param name="timeout">What <c>--timeout</c> is in the command, before its default.</param>
/// <param name="demo">What <c>--demo</c> does in the command.</param>
internal sealed class CommonOptions(string json, string interval, string timeout, string demo)
{
    /// <summary>The longest pause between polls, unless <c>--interval</c> is longer.</summary>
    public static readonly TimeSpan MaxInterval = TimeSpan.FromSeconds(60);

    /// <summary>The default <c>--interval</c> of the demo, whose batch moves on at every poll: the demo takes seconds, not minutes.</summary>
    public static readonly TimeSpan DemoInterval = TimeSpan.FromMilliseconds(500);

    private const string NoSecretsOnTheCommandLine =
        "pcbatch takes no secret on the command line, where shell history and other processes could read it: "
        + "set the AZURE_CLIENT_SECRET environment variable, or use --certificate (with AZURE_CLIENT_CERTIFICATE_PASSWORD if the file has a password).";

    /// <summary>The longest <c>--interval</c> and <c>--timeout</c> (other than none).</summary>
    private static readonly TimeSpan Longest = TimeSpan.FromDays(1);

    /// <summary>Gets <c>--json</c>.</summary>
    public Option<bool> Json { get; } = new("--json") { Description = json };

    /// <summary>Gets <c>--interval</c>.</summary>
    public Option<string?> Interval { get; } = CommandLineValues.Option("--interval", "duration", interval + "; later pauses double, up to 60 s. Default: 5s (500ms with --demo).");

    /// <summary>Gets <c>--timeout</c>.</summary>
    public Option<string?> Timeout { get; } = CommandLineValues.Option("--timeout", "duration", timeout + ", or none. Default: 30m.");

    /// <summary>Gets <c>--demo</c>.</summary>
    public Option<bool> Demo { get; } = new("--demo") { Description = demo };

    private readonly Option<string?> _endpoint = CommandLineValues.Option("--endpoint", "global|china|url",
        "global (the default), china (the 21Vianet cloud: its endpoint, token scope and sign-in authority), or the https URL of an endpoint.");

    private readonly Option<string?> _tenant = CommandLineValues.Option("--tenant", "id",
        "The tenant to sign in to: the partner's tenant id or domain. Default: AZURE_TENANT_ID.");

    private readonly Option<string?> _clientId = CommandLineValues.Option("--client-id", "id",
        "The application (client) id of the app registration. Default: AZURE_CLIENT_ID.");

    private readonly Option<string?> _certificate = CommandLineValues.Option("--certificate", "path",
        "Sign in as the app with this certificate file (PFX, or PEM with its private key); its password, if any, "
            + "from AZURE_CLIENT_CERTIFICATE_PASSWORD. Default: AZURE_CLIENT_CERTIFICATE_PATH, when AZURE_CLIENT_SECRET is not set.");

    private readonly Option<bool> _deviceCode = new("--device-code")
    {
        Description = "Sign in as a user (app+user) with a code entered on another device; the prompt goes to the error stream. "
            + "Needs --client-id of an app that allows public client flows.",
    };

    private readonly Option<bool> _defaultCredential = new("--default-credential")
    {
        Description = "Sign in with the default Azure credential chain: environment, workload identity, managed identity, Azure CLI, and so on.",
    };

    private readonly Option<string?> _signInTimeout = CommandLineValues.Option("--sign-in-timeout", "duration",
        "How long signing in to Microsoft Entra ID may take before the tool gives up (exit code 5); Partner Center is only called once signed in. "
            + "Default: 30s (5m with --device-code).");

    private readonly Option<string?> _rate = CommandLineValues.Option("--rate", "requests/s",
        "How many requests per second the run sends at most, every poll and retry counted; with --redis, every process that shares the budget together. "
            + "0 for no limit; a throttled answer (429) pauses the run either way. Default: 5.");

    private readonly Option<string?> _redis = CommandLineValues.Option("--redis", "configuration",
        "Share the request budget, and the pause of every throttled answer, with every process that uses this Redis server for the same partner: "
            + "a StackExchange.Redis configuration such as 'cache.example.com:6380,ssl=true'. Its password only from PCBATCH_REDIS_PASSWORD. "
            + "While Redis cannot be reached, the run goes on under a budget of --rate of its own, with a warning. Default: PCBATCH_REDIS.");

    private readonly Option<string?> _redisScope = CommandLineValues.Option("--redis-scope", "partner|customer",
        "What the shared budget counts: every request of the partner (the default), or those of each customer apart.");

    // Hidden: options that would take a secret only ever explain why not.
    private readonly Option<string?>[] _secretTraps =
    [
        new("--client-secret") { Hidden = true, Arity = ArgumentArity.ZeroOrOne },
        new("--certificate-password") { Hidden = true, Arity = ArgumentArity.ZeroOrOne },
    ];

    /// <summary>Adds the options to a command, after its own.</summary>
    /// <param name="command">The command.</param>
    /// <param name="withOutput">Whether to add <c>--json</c>, <c>--interval</c> and <c>--timeout</c> here (a command may add them among its own).</param>
    public void AddTo(Command command, bool withOutput)
    {
        Option[] output = withOutput ? [Json, Interval, Timeout] : [];
        foreach (var option in output.Concat([Demo, _endpoint, _tenant, _clientId, _certificate, _deviceCode, _defaultCredential, _signInTimeout, _rate, _redis, _redisScope, .. _secretTraps]))
        {
            command.Add(option);
        }
    }

    /// <summary>Refuses a secret given on the command line, before anything else is read, and without repeating it.</summary>
    /// <param name="parse">The parsed command line.</param>
    /// <exception cref="CliException">A secret was given.</exception>
    public void RejectSecrets(ParseResult parse)
    {
        if (_secretTraps.Any(trap => parse.GetResult(trap) is not null))
        {
            throw new CliException(NoSecretsOnTheCommandLine);
        }
    }

    /// <summary>Reads <c>--interval</c> and <c>--timeout</c> into the client's wait options, with the defaults of a real run or of the demo.</summary>
    /// <param name="parse">The parsed command line.</param>
    /// <param name="time">The clock of the wait.</param>
    /// <returns>The wait options.</returns>
    /// <exception cref="CliException">A value is not a duration, or is out of range.</exception>
    public BatchWaitOptions ReadWait(ParseResult parse, TimeProvider time)
    {
        var defaults = new BatchWaitOptions();
        var interval = parse.GetValue(Interval) is { } intervalText
            ? CommandLineValues.ParseDuration(intervalText, "--interval", allowInfinite: false)
            : parse.GetValue(Demo) ? DemoInterval : defaults.FirstDelay;
        var timeout = parse.GetValue(Timeout) is { } timeoutText
            ? CommandLineValues.ParseDuration(timeoutText, "--timeout", allowInfinite: true)
            : defaults.MaxTotalWait;
        if (interval > Longest)
        {
            throw new CliException("--interval must be at most one day.");
        }

        if (timeout != System.Threading.Timeout.InfiniteTimeSpan && timeout > Longest)
        {
            throw new CliException("--timeout must be at most one day, or none.");
        }

        return new BatchWaitOptions { FirstDelay = interval, MaxInterval = interval > MaxInterval ? interval : MaxInterval, MaxTotalWait = timeout, TimeProvider = time };
    }

    /// <summary>Reads the service and sign-in options, falling back to the environment variables.</summary>
    /// <param name="parse">The parsed command line.</param>
    /// <param name="environment">Where environment variables are read.</param>
    /// <returns>The settings.</returns>
    /// <exception cref="CliException">The options conflict, or the sign-in settings are incomplete.</exception>
    public ConnectionSettings ReadConnection(ParseResult parse, CliEnvironment environment)
    {
        RejectSecrets(parse);
        var endpointText = parse.GetValue(_endpoint);
        var tenantText = parse.GetValue(_tenant);
        var clientIdText = parse.GetValue(_clientId);
        var certificate = parse.GetValue(_certificate);
        var deviceCode = parse.GetValue(_deviceCode);
        var defaultCredential = parse.GetValue(_defaultCredential);
        var signInTimeoutText = parse.GetValue(_signInTimeout);
        var (rate, redis, perCustomer) = ReadBudget(parse, environment);
        if (parse.GetValue(Demo))
        {
            return endpointText is null && tenantText is null && clientIdText is null && certificate is null && !deviceCode && !defaultCredential && signInTimeoutText is null
                    && parse.GetValue(_redis) is null && parse.GetValue(_redisScope) is null
                ? new ConnectionSettings { Demo = true }
                : throw new CliException("--demo calls an embedded fake Partner Center and needs no account: it takes no --endpoint, --tenant, --client-id, --certificate, --device-code, --default-credential, --sign-in-timeout, --redis or --redis-scope.");
        }

        var (kind, url) = endpointText is null ? (EndpointKind.Global, null) : ReadEndpoint(endpointText, environment);
        if (deviceCode && defaultCredential)
        {
            throw new CliException("Choose one way to sign in: --device-code or --default-credential, not both.");
        }

        if (certificate is not null && (deviceCode || defaultCredential))
        {
            throw new CliException("--certificate signs in as the app: it cannot be combined with --device-code or --default-credential.");
        }

        var tenant = Optional(tenantText, "--tenant", EnvironmentVariables.TenantId, environment, CommandLineValues.CheckTenant);
        var clientId = Optional(clientIdText, "--client-id", EnvironmentVariables.ClientId, environment, CommandLineValues.CheckClientId);
        var signInTimeout = signInTimeoutText is null
            ? (deviceCode ? ConnectionSettings.DefaultDeviceCodeSignInTimeout : ConnectionSettings.DefaultSignInTimeout)
            : CommandLineValues.ParseDuration(signInTimeoutText, "--sign-in-timeout", allowInfinite: false);
        if (signInTimeout > TimeSpan.FromHours(1))
        {
            throw new CliException("--sign-in-timeout must be at most one hour.");
        }

        var authority = NonEmpty(environment.GetEnvironmentVariable(EnvironmentVariables.AuthorityHost)) is { } authorityText
            ? CommandLineValues.ParseAuthorityHost(authorityText, EnvironmentVariables.AuthorityHost)
            : null;
        if (redis is not null && tenant is null)
        {
            throw new CliException($"--redis shares the budget of one partner, named by its tenant: give --tenant or set {EnvironmentVariables.TenantId}.");
        }

        var settings = new ConnectionSettings
        {
            EndpointKind = kind, CustomEndpoint = url, TenantId = tenant, ClientId = clientId, SignInTimeout = signInTimeout, AuthorityHost = authority,
            RequestsPerSecond = rate, Redis = redis, RedisPerCustomer = perCustomer,
        };
        if (defaultCredential)
        {
            return settings with { Authentication = AuthenticationMode.DefaultChain };
        }

        if (deviceCode)
        {
            return clientId is null
                ? throw new CliException("--device-code needs the application (client) id of an app registration that allows public client flows: give --client-id or set AZURE_CLIENT_ID.")
                : settings with { Authentication = AuthenticationMode.DeviceCode };
        }

        // As in Azure.Identity's environment credential: a secret in the environment wins over a certificate path there;
        // --certificate on the command line wins over both.
        var secret = NonEmpty(environment.GetEnvironmentVariable(EnvironmentVariables.ClientSecret));
        certificate ??= secret is null ? NonEmpty(environment.GetEnvironmentVariable(EnvironmentVariables.CertificatePath)) : null;

        // Every missing setting at once, each with what sets it: one try to learn them all.
        string[] missing =
        [
            .. tenant is null ? [$"the tenant (--tenant or {EnvironmentVariables.TenantId})"] : Array.Empty<string>(),
            .. clientId is null ? [$"the application (client) id (--client-id or {EnvironmentVariables.ClientId})"] : Array.Empty<string>(),
            .. certificate is null && secret is null
                ? [$"a client secret (the {EnvironmentVariables.ClientSecret} environment variable; never an option) or a certificate (--certificate or {EnvironmentVariables.CertificatePath})"]
                : Array.Empty<string>(),
        ];
        if (missing.Length > 0)
        {
            var list = missing.Length == 1 ? missing[0] : string.Join(", ", missing[..^1]) + " and " + missing[^1];
            throw new CliException($"Signing in as an app needs {list}; or sign in as a user with --device-code, or use --default-credential. "
                + "To try the tool without an account, run: pcbatch status --demo --wait.");
        }

        if (certificate is null)
        {
            return settings with { Authentication = AuthenticationMode.ClientSecret };
        }

        return File.Exists(certificate)
            ? settings with { Authentication = AuthenticationMode.ClientCertificate, CertificatePath = Path.GetFullPath(certificate) }
            : throw new CliException($"The certificate file {CommandLineValues.Quote(certificate)} does not exist.");
    }

    /// <summary>
    /// Reads <c>--rate</c>, <c>--redis</c> (or <c>PCBATCH_REDIS</c>) and <c>--redis-scope</c>. A password in the
    /// configuration is refused without being repeated: it is read only from <c>PCBATCH_REDIS_PASSWORD</c>.
    /// </summary>
    private (double Rate, string? Redis, bool PerCustomer) ReadBudget(ParseResult parse, CliEnvironment environment)
    {
        var rate = ConnectionSettings.DefaultRequestsPerSecond;
        if (parse.GetValue(_rate) is { } rateText)
        {
            if (!double.TryParse(rateText.Trim(), System.Globalization.NumberStyles.AllowDecimalPoint, System.Globalization.CultureInfo.InvariantCulture, out rate)
                || double.IsNaN(rate) || rate > 1000 || (rate > 0 && rate < 0.001))
            {
                throw new CliException($"--rate {CommandLineValues.Quote(rateText)} is not a number of requests per second: 0 (no limit), or from 0.001 to 1000, such as 2.5.");
            }
        }

        var (redis, source) = parse.GetValue(_redis) is { } option
            ? (option, "--redis")
            : (NonEmpty(environment.GetEnvironmentVariable(EnvironmentVariables.Redis)), EnvironmentVariables.Redis);
        if (redis is not null)
        {
            redis = redis.Trim();
            if (redis.Length == 0)
            {
                throw new CliException("--redis needs the configuration of a Redis server, such as 'localhost:6379'.");
            }

            if (redis.Split(',').Any(part => part.Trim().StartsWith("password", StringComparison.OrdinalIgnoreCase) && part.Contains('=', StringComparison.Ordinal))
                || redis.Contains('@', StringComparison.Ordinal))
            {
                throw new CliException($"{source} must not hold a password, where shell history and other processes could read it: set {EnvironmentVariables.RedisPassword} instead.");
            }
        }

        var perCustomer = parse.GetValue(_redisScope) switch
        {
            null => false,
            { } scope when scope.Trim().Equals("partner", StringComparison.OrdinalIgnoreCase) => false,
            { } scope when scope.Trim().Equals("customer", StringComparison.OrdinalIgnoreCase) => true,
            { } scope => throw new CliException($"--redis-scope {CommandLineValues.Quote(scope)} is not partner or customer."),
        };
        if (perCustomer && redis is null)
        {
            throw new CliException("--redis-scope goes with --redis (or PCBATCH_REDIS): the scope of a shared budget.");
        }

        return (rate, redis, perCustomer);
    }

    /// <summary>
    /// Reads <c>--endpoint</c>: a cloud by name (or by its own root URL), or a URL that the client's own endpoint rule
    /// judges, its message given as it comes after the option's name.
    /// </summary>
    private static (EndpointKind Kind, Uri? Url) ReadEndpoint(string text, CliEnvironment environment)
    {
        var value = text.Trim();
        foreach (var (name, kind, cloud) in new[] { ("global", EndpointKind.Global, PartnerCenterCloud.Global), ("china", EndpointKind.China, PartnerCenterCloud.China) })
        {
            if (value.Equals(name, StringComparison.OrdinalIgnoreCase) || (Uri.TryCreate(value, UriKind.Absolute, out var root) && root == cloud.Endpoint && root.UserInfo.Length == 0))
            {
                return (kind, null);
            }
        }

        if (!Uri.TryCreate(value, UriKind.Absolute, out var url) || (url.Scheme != Uri.UriSchemeHttps && url.Scheme != Uri.UriSchemeHttp))
        {
            throw new CliException($"--endpoint {CommandLineValues.Quote(text)} is not global, china, or the https URL of a Partner Center endpoint.");
        }

        var settings = new ConnectionSettings { EndpointKind = EndpointKind.Custom, CustomEndpoint = url };
        try
        {
            PartnerCenterClientFactory.CreateOptions(settings, PartnerCenterCloud.Global, environment).Validate();
        }
        catch (ArgumentException error)
        {
            // The client's own rule and words; .NET's "(Parameter '…')" says nothing to the user of a flag.
            var message = error.ParamName is { } parameter ? error.Message.Replace($" (Parameter '{parameter}')", string.Empty, StringComparison.Ordinal) : error.Message;
            throw new CliException("--endpoint: " + message, error);
        }

        return (EndpointKind.Custom, url.AbsolutePath.EndsWith('/') ? url : new Uri(url.GetLeftPart(UriPartial.Path) + "/"));
    }

    private static string? Optional(string? option, string optionName, string variable, CliEnvironment environment, Func<string, string, string> check) =>
        option is not null ? check(option, optionName)
        : NonEmpty(environment.GetEnvironmentVariable(variable)) is { } value ? check(value, variable) : null;

    private static string? NonEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
