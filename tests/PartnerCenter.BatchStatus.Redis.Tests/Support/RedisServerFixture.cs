using StackExchange.Redis;

namespace PartnerCenter.BatchStatus.Redis.Tests.Support;

/// <summary>
/// The RESP server of the tests: the one named by <c>PCBATCH_TEST_REDIS</c> (such as <c>127.0.0.1:6390</c>, a
/// redis-server), or else an embedded Garnet started for the run.
/// </summary>
public sealed class RedisServerFixture : IDisposable
{
    public const string EnvironmentVariable = "PCBATCH_TEST_REDIS";

    private readonly EmbeddedGarnet? _garnet;

    public RedisServerFixture()
    {
        var named = Environment.GetEnvironmentVariable(EnvironmentVariable);
        if (string.IsNullOrWhiteSpace(named))
        {
            _garnet = new EmbeddedGarnet();
            Endpoint = _garnet.Endpoint;
        }
        else
        {
            Endpoint = named.Trim();
        }
    }

    /// <summary>Gets the server's host and port.</summary>
    public string Endpoint { get; }

    /// <summary>Gets a value indicating whether the server is an embedded Garnet rather than one named by the environment.</summary>
    public bool IsEmbeddedGarnet => _garnet is not null;

    /// <summary>Opens a connection of its own, as another process would.</summary>
    public ConnectionMultiplexer Connect() => ConnectTo(Endpoint);

    public static ConnectionMultiplexer ConnectTo(string endpoint)
    {
        var config = ConfigurationOptions.Parse(endpoint);
        config.AbortOnConnectFail = false;
        config.BacklogPolicy = BacklogPolicy.FailFast;
        return ConnectionMultiplexer.Connect(config);
    }

    /// <summary>A key prefix no other test uses.</summary>
    public static string UniquePrefix() => $"pcbatch-test:{Guid.NewGuid():N}:";

    public void Dispose() => _garnet?.Dispose();
}

[CollectionDefinition(Name)]
public sealed class RedisServerCollection : ICollectionFixture<RedisServerFixture>
{
    public const string Name = "Redis server";
}
