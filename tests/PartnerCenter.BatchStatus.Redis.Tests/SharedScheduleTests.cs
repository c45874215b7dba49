using System.Collections.Concurrent;
using PartnerCenter.BatchStatus.Redis.Tests.Support;

namespace PartnerCenter.BatchStatus.Redis.Tests;

/// <summary>
/// The schedule is one for every process of the scope. Each turn's instant is read on the server's clock (the
/// decision's instant plus its wait), so nothing depends on how fast this machine is.
/// </summary>
[Collection(RedisServerCollection.Name)]
public sealed class SharedScheduleTests(RedisServerFixture server)
{
    private static readonly Guid Customer = Guid.Parse("6b2f0e5a-0d57-4c39-9a4e-2f1c3e1d7a10");
    private static readonly Guid OtherCustomer = Guid.Parse("0f8c7b7e-33a5-4d0a-8d6e-6a5b2d9e4c21");

    [Fact]
    public async Task Two_processes_share_one_spacing_without_bursts()
    {
        using var redisA = server.Connect();
        using var redisB = server.Connect();
        var prefix = RedisServerFixture.UniquePrefix();
        var turns = new ConcurrentBag<(long Now, long Wait)>();
        using var a = Budgets.On(redisA, Budgets.Options(prefix, 5), turns);
        using var b = Budgets.On(redisB, Budgets.Options(prefix, 5), turns);

        var waited = new List<TimeSpan>();
        for (var i = 0; i < 10; i++)
        {
            waited.Add((await (i % 2 == 0 ? a : b).Turn(Customer)).Waited);
        }

        Assert.True(a.IsShared && b.IsShared);
        // The first at once, then each turn after the one before it, with no burst: 200 ms apart on the server's clock.
        Assert.Equal(TimeSpan.Zero, waited[0]);
        Assert.All(waited.Skip(1), wait => Assert.True(wait > TimeSpan.Zero));
        var instants = turns.Select(turn => turn.Now + turn.Wait).Order().ToArray();
        Assert.Equal(10, instants.Length);
        for (var k = 1; k < instants.Length; k++)
        {
            Assert.Equal(200_000, instants[k] - instants[k - 1]);
        }
    }

    [Fact]
    public async Task A_thousand_concurrent_turns_from_several_connections_never_exceed_the_rate()
    {
        const double Rate = 100;
        const long Interval = 10_000;
        const long Burst = 0;
        var prefix = RedisServerFixture.UniquePrefix();
        var connections = Enumerable.Range(0, 4).Select(_ => server.Connect()).ToArray();
        var turns = new ConcurrentBag<(long Now, long Wait)>();
        var budgets = connections.Select(redis => Budgets.On(redis, Budgets.Options(prefix, Rate), turns)).ToArray();
        try
        {
            await Task.WhenAll(Enumerable.Range(0, 1000).Select(i => Task.Run(() => budgets[i % budgets.Length].Turn(Customer))));

            Assert.All(budgets, budget => Assert.True(budget.IsShared));
            var instants = turns.Select(turn => turn.Now + turn.Wait).Order().ToArray();
            Assert.Equal(1000, instants.Length);

            // Each turn has a slot of its own: the k-th is at least k intervals after the first, less the burst.
            for (var k = 0; k < instants.Length; k++)
            {
                Assert.True(instants[k] - instants[0] >= (k * Interval) - Burst, $"turn {k} came {instants[k] - instants[0]} µs after the first");
            }

            // So any second of the server's clock holds at most a second's worth.
            for (var i = 0; i < instants.Length; i++)
            {
                var inWindow = instants.Skip(i).TakeWhile(instant => instant < instants[i] + 1_000_000).Count();
                Assert.True(inWindow <= 100, $"{inWindow} turns in the second from turn {i}");
            }
        }
        finally
        {
            Array.ForEach(budgets, budget => budget.Dispose());
            Array.ForEach(connections, redis => redis.Dispose());
        }
    }

    [Theory]
    [InlineData(RedisBudgetScope.Partner, true)]
    [InlineData(RedisBudgetScope.PartnerAndCustomer, false)]
    public async Task The_scope_decides_whether_customers_share_a_schedule(RedisBudgetScope scope, bool shared)
    {
        using var redisA = server.Connect();
        using var redisB = server.Connect();
        var prefix = RedisServerFixture.UniquePrefix();
        var options = Budgets.Options(prefix, 0.01);
        options.Scope = scope;
        using var a = Budgets.On(redisA, options);
        using var b = Budgets.On(redisB, options);

        var first = await a.Turn(Customer);
        var otherCustomer = await b.Turn(OtherCustomer);
        var sameCustomer = await b.Turn(Customer);

        Assert.Equal(TimeSpan.Zero, first.Waited);
        Assert.Equal(shared, otherCustomer.Waited > TimeSpan.Zero);
        // One request every 100 seconds: the customer's second turn waits, whatever the scope.
        Assert.True(sameCustomer.Waited > TimeSpan.Zero);
    }

    [Fact]
    public async Task A_canceled_wait_gives_its_slot_back_to_the_other_process()
    {
        using var redisA = server.Connect();
        using var redisB = server.Connect();
        var prefix = RedisServerFixture.UniquePrefix();
        var turnsA = new ConcurrentQueue<(long Now, long Wait)>();
        var secondTurnTaken = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var turnsB = new ConcurrentBag<(long Now, long Wait)>();

        // A's clock never moves: its wait lasts until it is canceled.
        var frozen = new Microsoft.Extensions.Time.Testing.FakeTimeProvider();
        using var a = Budgets.On(redisA, Budgets.Options(prefix, 0.01, frozen));
        a.TurnTaken = (now, wait) =>
        {
            turnsA.Enqueue((now, wait));
            if (turnsA.Count == 2)
            {
                secondTurnTaken.TrySetResult();
            }
        };
        using var b = Budgets.On(redisB, Budgets.Options(prefix, 0.01), turnsB);

        Assert.Equal(TimeSpan.Zero, (await a.Turn(Customer)).Waited);
        using var cancel = new CancellationTokenSource();
        var waiting = a.Turn(Customer, cancellationToken: cancel.Token);
        await secondTurnTaken.Task.WaitAsync(Budgets.HangGuard);
        Assert.False(waiting.IsCompleted);

        await cancel.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting);
        await b.Turn(Customer);

        // B takes the very slot A gave back, not the one after it.
        var slotOfA = turnsA.Max(turn => turn.Now + turn.Wait);
        var (now, wait) = Assert.Single(turnsB);
        Assert.Equal(slotOfA, now + wait);
    }
}
