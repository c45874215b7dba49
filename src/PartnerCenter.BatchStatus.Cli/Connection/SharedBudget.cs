using PartnerCenter.BatchStatus.Cli.Commands;
using PartnerCenter.BatchStatus.Cli.Output;
using PartnerCenter.BatchStatus.Redis;
using StackExchange.Redis;

namespace PartnerCenter.BatchStatus.Cli.Connection;

/// <summary>The request budget shared through Redis with every process of the same partner (<c>--redis</c>).</summary>
/// <remarks>
/// A class of its own, reached only with <c>--redis</c>: a run without it never loads the Redis client.
/// </remarks>
internal sealed class SharedBudget : IDisposable
{
    /// <summary>How long the tool waits for Redis at start before it goes on under its own budget, unless the configuration says.</summary>
    private const int ConnectTimeoutMilliseconds = 2000;

    private readonly ConnectionMultiplexer _redis;

    private SharedBudget(ConnectionMultiplexer redis, RedisRequestBudget budget)
    {
        _redis = redis;
        Budget = budget;
    }

    /// <summary>Gets the budget.</summary>
    public RedisRequestBudget Budget { get; }

    /// <summary>
    /// Connects to the Redis server of <paramref name="settings"/>, with the password of <c>PCBATCH_REDIS_PASSWORD</c>.
    /// A server that cannot be reached does not stop the run: the budget then decides in-process, with a warning,
    /// and reconnects by itself.
    /// </summary>
    /// <param name="settings">The checked settings, with <see cref="ConnectionSettings.Redis"/> and the tenant set.</param>
    /// <param name="environment">The error stream of the warnings, the clock and the environment variables.</param>
    /// <returns>The budget, which owns its connection.</returns>
    /// <exception cref="CliException">The configuration is not one StackExchange.Redis reads.</exception>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    public static SharedBudget Connect(ConnectionSettings settings, CliEnvironment environment)
    {
        ConfigurationOptions configuration;
        try
        {
            configuration = ConfigurationOptions.Parse(settings.Redis!);
        }
        catch (ArgumentException error)
        {
            // StackExchange.Redis names the keyword it does not know, never a value.
            throw new CliException($"The Redis configuration (--redis or {EnvironmentVariables.Redis}) cannot be read: {error.Message}", error);
        }

        if (configuration.EndPoints.Count == 0)
        {
            throw new CliException($"The Redis configuration (--redis or {EnvironmentVariables.Redis}) names no server: give host:port, such as 'localhost:6379'.");
        }

        if (environment.GetEnvironmentVariable(EnvironmentVariables.RedisPassword) is { Length: > 0 } password)
        {
            configuration.Password = password;
        }

        // As RedisRequestBudget.Connect does: it keeps trying by itself, and a decision made while it is disconnected is
        // taken in the process at once instead of waiting in the connection's backlog.
        configuration.AbortOnConnectFail = false;
        configuration.BacklogPolicy = BacklogPolicy.FailFast;
        configuration.ClientName ??= PartnerCenterClientFactory.ApplicationName;
        if (!settings.Redis!.Contains("connectTimeout", StringComparison.OrdinalIgnoreCase))
        {
            configuration.ConnectTimeout = ConnectTimeoutMilliseconds;
        }

        var redis = ConnectionMultiplexer.Connect(configuration);
        var budget = new RedisRequestBudget(redis, new RedisRequestBudgetOptions
        {
            PartnerTenant = settings.TenantId!,
            RequestsPerSecond = settings.RequestsPerSecond,
            Scope = settings.RedisPerCustomer ? RedisBudgetScope.PartnerAndCustomer : RedisBudgetScope.Partner,
            LoggerFactory = new ErrorStreamLoggerFactory(environment.Error),
            TimeProvider = environment.TimeProvider,
        });
        return new SharedBudget(redis, budget);
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        Budget.Dispose();
        _redis.Dispose();
    }
}
