using StackExchange.Redis;

namespace PartnerCenter.BatchStatus.Redis.Tests.Support;

/// <summary>
/// The RESP server of the tests (<see cref="RespServer"/>: the one named by <c>PCBATCH_TEST_REDIS</c>, or else an embedded
/// Garnet), with the connections each test opens to it.
/// </summary>
public sealed class RedisServerFixture : IDisposable
{
    private readonly RespServer _server = new();

    /// <summary>Gets the server's host and port.</summary>
    public string Endpoint => _server.Endpoint;

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

    public void Dispose() => _server.Dispose();
}

[CollectionDefinition(Name)]
public sealed class RedisServerCollection : ICollectionFixture<RedisServerFixture>
{
    public const string Name = "Redis server";
}
