using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Microsoft.Extensions.Logging;
using PartnerCenter.BatchStatus.Redis.Tests.Support;

namespace PartnerCenter.BatchStatus.Redis.Tests;

/// <summary>Redis down or slow never fails a call: decisions are taken in the process, said once, counted, and shared again when Redis is back.</summary>
public sealed class FallbackTests
{
    private const string LocalDecisions = "partnercenter.batch_status.redis.local_decisions";
    private const string Secret = "Pa55-never-in-any-text";
    private static readonly Guid Customer = Guid.Parse("6b2f0e5a-0d57-4c39-9a4e-2f1c3e1d7a10");

    [Fact]
    public async Task Unreachable_from_the_start_decides_in_the_process_says_so_once_and_counts()
    {
        var (loggerFactory, logs) = Budgets.Logging();
        // A clock that does not move: the seven turns are spaced as the machine's speed cannot change.
        var options = Budgets.Options(RedisServerFixture.UniquePrefix(), 5, ImmediateTimeProvider.Frozen);
        options.LoggerFactory = loggerFactory;
        using var budget = RedisRequestBudget.Connect($"127.0.0.1:{EmbeddedGarnet.FreePort()},password={Secret}", options);
        using var decisions = new MetricCollector<long>(budget.Meter, LocalDecisions);

        var turns = new List<RequestBudgetTurn>();
        for (var i = 0; i < 7; i++)
        {
            turns.Add(await budget.Turn(Customer, TimeSpan.FromSeconds(10)));
        }

        await budget.PauseAsync(Customer, TimeSpan.FromSeconds(60), default);
        var refused = await budget.Turn(Customer, TimeSpan.FromSeconds(10));

        Assert.False(budget.IsShared);
        // The in-process budget of 5 per second, spaced as the shared one (no bursts); and the pause is honoured there too.
        Assert.Equal([0, 200, 400, 600, 800, 1000, 1200], turns.Select(turn => (int)turn.Waited.TotalMilliseconds));
        Assert.NotNull(refused.RefusedFor);
        Assert.Equal(9, decisions.GetMeasurementSnapshot().EvaluateAsCounter());
        var warning = Assert.Single(logs.GetSnapshot(), record => record.Level == LogLevel.Warning);
        Assert.Contains($"127.0.0.1:", warning.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(Secret, Budgets.AllText(logs), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_local_rate_applies_while_Redis_is_unavailable()
    {
        var options = Budgets.Options(RedisServerFixture.UniquePrefix(), 5);
        options.LocalRequestsPerSecond = 0.01;
        using var budget = RedisRequestBudget.Connect($"127.0.0.1:{EmbeddedGarnet.FreePort()}", options);

        var first = await budget.Turn(Customer);
        var second = await budget.Turn(Customer);

        Assert.Equal(TimeSpan.Zero, first.Waited);
        Assert.True(second.Waited > TimeSpan.FromSeconds(50));
    }

    [Fact]
    public async Task Unreachable_at_connect_shares_once_a_server_answers_on_its_port()
    {
        // Connect tries the first connection once (not three times, each with the whole timeout); it goes on trying after.
        var options = Budgets.Options(RedisServerFixture.UniquePrefix(), 1000);
        options.RetryRedisAfter = TimeSpan.FromMilliseconds(500);
        var port = EmbeddedGarnet.FreePort();
        using var budget = RedisRequestBudget.Connect($"127.0.0.1:{port}", options);
        await budget.Turn(Customer, TimeSpan.FromSeconds(10));
        Assert.False(budget.IsShared);

        using (new EmbeddedGarnet(port))
        {
            await Until(budget, shared: true);
        }
    }

    [Fact]
    public async Task Stopped_mid_run_falls_back_then_shares_again_once_a_server_answers_on_the_same_port()
    {
        var (loggerFactory, logs) = Budgets.Logging();
        var options = Budgets.Options(RedisServerFixture.UniquePrefix(), 1000);
        options.LoggerFactory = loggerFactory;
        options.RetryRedisAfter = TimeSpan.FromMilliseconds(500);
        var garnet = new EmbeddedGarnet();
        var port = garnet.Port;
        using var budget = RedisRequestBudget.Connect($"{garnet.Endpoint},password={Secret}", options);
        try
        {
            await budget.Turn(Customer, TimeSpan.FromSeconds(10));
            Assert.True(budget.IsShared);
        }
        finally
        {
            garnet.Dispose();
        }

        await Until(budget, shared: false);
        Assert.Single(logs.GetSnapshot(), record => record.Level == LogLevel.Warning);

        using (new EmbeddedGarnet(port))
        {
            await Until(budget, shared: true);
        }

        Assert.Single(logs.GetSnapshot(), record => record.Level == LogLevel.Warning);
        Assert.Single(logs.GetSnapshot(), record => record.Level == LogLevel.Information && record.Message.Contains("answers again", StringComparison.Ordinal));
        Assert.DoesNotContain(Secret, Budgets.AllText(logs), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Back_after_an_outage_its_first_shared_turn_comes_after_the_last_it_took_alone()
    {
        var options = Budgets.Options(RedisServerFixture.UniquePrefix(), 10);
        options.RetryRedisAfter = TimeSpan.FromMilliseconds(500);
        var garnet = new EmbeddedGarnet();
        var port = garnet.Port;
        using var budget = RedisRequestBudget.Connect(garnet.Endpoint, options);
        try
        {
            await budget.Turn(Customer, TimeSpan.FromSeconds(10));
            Assert.True(budget.IsShared);
        }
        finally
        {
            garnet.Dispose();
        }

        // Alone, ten turns asked at once go a tenth of a second apart, a second ahead (the waits end at once here: only
        // their lengths are read).
        var lastAlone = DateTimeOffset.MinValue;
        for (var i = 0; i < 10; i++)
        {
            lastAlone = Max(lastAlone, await ComesAt(budget));
        }

        Assert.False(budget.IsShared);
        using (new EmbeddedGarnet(port))
        {
            DateTimeOffset comes;
            while (true)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(50));
                comes = await ComesAt(budget);
                if (budget.IsShared)
                {
                    break;
                }

                lastAlone = Max(lastAlone, comes);
            }

            // Redis's schedule is new and empty: without the turns still waiting in the process, this one would go now.
            Assert.True(comes >= lastAlone, $"The first shared turn comes {(lastAlone - comes).TotalMilliseconds:0} ms before the last turn taken alone.");
        }

        // The wait is counted from when the budget has its answer (after the round trip to Redis, which a loaded machine
        // can make last a fifth of a second), so it is added to the instant the turn returns, not the one it was asked.
        static async Task<DateTimeOffset> ComesAt(RedisRequestBudget budget)
        {
            var waited = (await budget.Turn(Customer, TimeSpan.FromSeconds(10))).Waited;
            return TimeProvider.System.GetUtcNow() + waited;
        }

        static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;
    }

    [Fact]
    public async Task Stopped_after_two_processes_shared_it_each_decides_at_half_the_rate_after_the_turns_Redis_gave()
    {
        RequestBudgetTurn last;
        var (loggerFactory, logs) = Budgets.Logging();
        var garnet = new EmbeddedGarnet();
        // A clock that does not move: the local schedule's spacing is read as it is, however slow the machine.
        var options = Budgets.Options(RedisServerFixture.UniquePrefix(), 10, ImmediateTimeProvider.Frozen);
        options.LoggerFactory = loggerFactory;
        using var a = RedisRequestBudget.Connect($"{garnet.Endpoint},password={Secret}", options);
        using var b = RedisRequestBudget.Connect(garnet.Endpoint, Budgets.Options(options.KeyPrefix, 10, ImmediateTimeProvider.Frozen));
        try
        {
            // A's second turn comes after B's first: Redis then counts two instances on the schedule.
            await a.Turn(Customer, TimeSpan.FromSeconds(10));
            await b.Turn(Customer, TimeSpan.FromSeconds(10));
            last = await a.Turn(Customer, TimeSpan.FromSeconds(10));
            Assert.True(a.IsShared && b.IsShared);
        }
        finally
        {
            garnet.Dispose();
        }

        var turns = new List<RequestBudgetTurn>();
        for (var i = 0; i < 7; i++)
        {
            turns.Add(await a.Turn(Customer, TimeSpan.FromSeconds(10)));
        }

        // 10 per second shared by two: 5 per second here, 200 ms apart (alone it would be 100 ms), beginning once A's
        // last turn on the shared schedule has come: that one still goes.
        Assert.False(a.IsShared);
        Assert.Equal(
            [0, 200, 400, 600, 800, 1000, 1200],
            turns.Select(turn => (int)Math.Round((turn.Waited - last.Waited).TotalMilliseconds)));
        var warning = Assert.Single(Warnings(logs));
        Assert.Contains("at 5 requests per second", warning.Message, StringComparison.Ordinal);
        Assert.Contains("2 instance(s)", warning.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Slow_past_its_bound_decides_in_the_process_then_shares_again_when_answers_flow()
    {
        using var garnet = new EmbeddedGarnet();
        using var proxy = new TcpRelay(garnet.Endpoint);
        var (loggerFactory, logs) = Budgets.Logging();
        var options = Budgets.Options(RedisServerFixture.UniquePrefix(), 1000);
        options.LoggerFactory = loggerFactory;
        options.RedisTimeout = TimeSpan.FromMilliseconds(200);
        options.RetryRedisAfter = TimeSpan.FromMilliseconds(500);
        using var budget = RedisRequestBudget.Connect(proxy.Endpoint, options);
        using var decisions = new MetricCollector<long>(budget.Meter, LocalDecisions);
        await Until(budget, shared: true);
        var localBefore = decisions.GetMeasurementSnapshot().EvaluateAsCounter();
        var warningsBefore = Warnings(logs);

        proxy.Stall();
        var turn = await budget.Turn(Customer, TimeSpan.FromSeconds(10));

        Assert.Null(turn.RefusedFor);
        Assert.False(budget.IsShared);
        Assert.Equal(localBefore + 1, decisions.GetMeasurementSnapshot().EvaluateAsCounter());
        var warning = Assert.Single(Warnings(logs).Skip(warningsBefore.Count));
        Assert.Contains("TimeoutRejectedException", warning.Message, StringComparison.Ordinal);

        proxy.Resume();
        await Until(budget, shared: true);
        Assert.Equal(warningsBefore.Count + 1, Warnings(logs).Count);
    }

    private static List<Microsoft.Extensions.Logging.Testing.FakeLogRecord> Warnings(Microsoft.Extensions.Logging.Testing.FakeLogCollector logs) =>
        [.. logs.GetSnapshot().Where(record => record.Level == LogLevel.Warning)];

    [Fact]
    public void A_configuration_that_cannot_be_read_is_refused_without_repeating_it()
    {
        var options = Budgets.Options(RedisServerFixture.UniquePrefix(), 5);

        var refused = Assert.Throws<ArgumentException>(() => RedisRequestBudget.Connect($"127.0.0.1:1,password={Secret},nonsense={Secret}", options));

        Assert.DoesNotContain(Secret, refused.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null, "contoso", 5.0)]
    [InlineData("pcbatch:", " ", 5.0)]
    [InlineData("pcbatch:", "con{toso}", 5.0)]
    [InlineData("pcbatch:{x}:", "contoso", 5.0)]
    [InlineData("pcbatch:", "contoso", 2000.0)]
    [InlineData("pcbatch:", "contoso", 0.0001)]
    public void Options_that_cannot_make_a_budget_are_refused(string? prefix, string partner, double rate)
    {
        var options = new RedisRequestBudgetOptions { KeyPrefix = prefix!, PartnerTenant = partner, RequestsPerSecond = rate };

        Assert.ThrowsAny<ArgumentException>(options.Validate);
    }

    /// <summary>Takes turns until the budget decides where it should; only a hang guard bounds it, nothing is timed.</summary>
    private static async Task Until(RedisRequestBudget budget, bool shared)
    {
        using var guard = new CancellationTokenSource(TimeSpan.FromSeconds(45));
        while (true)
        {
            await budget.Turn(Customer, TimeSpan.FromSeconds(10));
            if (budget.IsShared == shared)
            {
                return;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(50), guard.Token);
        }
    }
}
