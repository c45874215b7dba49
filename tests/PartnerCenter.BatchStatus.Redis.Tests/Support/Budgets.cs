using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using StackExchange.Redis;

namespace PartnerCenter.BatchStatus.Redis.Tests.Support;

/// <summary>Budgets for the tests, and what they record.</summary>
public static class Budgets
{
    /// <summary>Only guards against a test that hangs; no assertion depends on it.</summary>
    public static readonly TimeSpan HangGuard = TimeSpan.FromSeconds(30);

    public static RedisRequestBudgetOptions Options(string prefix, double requestsPerSecond, TimeProvider? timeProvider = null) => new()
    {
        PartnerTenant = "contoso.onmicrosoft.com",
        KeyPrefix = prefix,
        RequestsPerSecond = requestsPerSecond,
        TimeProvider = timeProvider ?? ImmediateTimeProvider.Instance,

        // Far beyond what a call takes, however loaded the machine: these tests are about decisions taken on Redis.
        RedisTimeout = TimeSpan.FromSeconds(20),
    };

    public static RedisRequestBudget On(IConnectionMultiplexer redis, RedisRequestBudgetOptions options, ConcurrentBag<(long Now, long Wait)>? turns = null)
    {
        var budget = new RedisRequestBudget(redis, options);
        if (turns is not null)
        {
            budget.TurnTaken = (now, wait) => turns.Add((now, wait));
        }

        return budget;
    }

    public static Task<RequestBudgetTurn> Turn(this RequestBudget budget, Guid customerId, TimeSpan? timeLeft = null, CancellationToken cancellationToken = default) =>
        budget.WaitAsync(customerId, timeLeft, cancellationToken).AsTask().WaitAsync(HangGuard);

    public static (ILoggerFactory Factory, FakeLogCollector Collector) Logging()
    {
        var collector = new FakeLogCollector();
        return (new FakeLoggerFactory(new FakeLoggerProvider(collector)), collector);
    }

    /// <summary>Every text that a log line carries: its message, its values and its exception's message.</summary>
    public static string AllText(FakeLogCollector collector) => string.Join(
        "\n",
        collector.GetSnapshot().Select(record => $"{record.Message} {string.Join(' ', record.StructuredState?.Select(pair => pair.Value) ?? [])} {record.Exception}"));

    private sealed class FakeLoggerFactory(FakeLoggerProvider provider) : ILoggerFactory
    {
        public void AddProvider(ILoggerProvider provider) => throw new NotSupportedException();

        public ILogger CreateLogger(string categoryName) => provider.CreateLogger(categoryName);

        public void Dispose() => provider.Dispose();
    }
}
