using PartnerCenter.BatchStatus.Redis.Tests.Support;

namespace PartnerCenter.BatchStatus.Redis.Tests;

/// <summary>A throttled answer seen by one process pauses every process of the scope.</summary>
[Collection(RedisServerCollection.Name)]
public sealed class SharedPauseTests(RedisServerFixture server)
{
    private static readonly Guid Customer = Guid.Parse("6b2f0e5a-0d57-4c39-9a4e-2f1c3e1d7a10");
    private static readonly Guid OtherCustomer = Guid.Parse("0f8c7b7e-33a5-4d0a-8d6e-6a5b2d9e4c21");

    [Fact]
    public async Task A_pause_longer_than_the_time_left_refuses_the_other_process_at_once()
    {
        using var redisA = server.Connect();
        using var redisB = server.Connect();
        var prefix = RedisServerFixture.UniquePrefix();
        using var a = Budgets.On(redisA, Budgets.Options(prefix, 5));
        using var b = Budgets.On(redisB, Budgets.Options(prefix, 5));

        await a.PauseAsync(Customer, TimeSpan.FromSeconds(60), default);
        var refused = await b.Turn(OtherCustomer, timeLeft: TimeSpan.FromSeconds(10));

        Assert.True(b.IsShared);
        Assert.NotNull(refused.RefusedFor);
        Assert.InRange(refused.RefusedFor.Value, TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(60));
        Assert.Equal(TimeSpan.Zero, refused.Waited);
    }

    [Fact]
    public async Task A_pause_shorter_than_the_time_left_makes_the_other_process_wait()
    {
        using var redisA = server.Connect();
        using var redisB = server.Connect();
        var prefix = RedisServerFixture.UniquePrefix();
        using var a = Budgets.On(redisA, Budgets.Options(prefix, 5, TimeProvider.System));
        using var b = Budgets.On(redisB, Budgets.Options(prefix, 5, TimeProvider.System));

        await a.PauseAsync(Customer, TimeSpan.FromSeconds(2), default);
        var first = await b.Turn(Customer, timeLeft: TimeSpan.FromSeconds(120));
        var second = await b.Turn(Customer);

        // The waits are the server's durations: the first waits out the pause, the second its slot after the first, an
        // interval (200 ms) at most, give or take what the server's and this process's clocks disagree on.
        Assert.True(b.IsShared);
        Assert.Null(first.RefusedFor);
        Assert.Null(second.RefusedFor);
        Assert.InRange(first.Waited, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2.05));
        Assert.InRange(second.Waited, TimeSpan.Zero, TimeSpan.FromMilliseconds(250));
    }

    [Fact]
    public async Task A_pause_that_comes_while_waiting_for_a_slot_holds_the_wait_until_it_ends()
    {
        using var redisA = server.Connect();
        using var redisB = server.Connect();
        var prefix = RedisServerFixture.UniquePrefix();
        using var a = Budgets.On(redisA, Budgets.Options(prefix, 0.5, TimeProvider.System));
        using var b = Budgets.On(redisB, Budgets.Options(prefix, 0.5, TimeProvider.System));
        await b.Turn(Customer);

        // B's next slot is two seconds away; once the server has given it, A's throttled answer pauses the budget for
        // three (the two seconds leave room for a loaded machine to send the pause while B still waits).
        var slotTaken = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        b.TurnTaken = (_, _) => slotTaken.TrySetResult();
        var waiting = b.Turn(Customer);
        await slotTaken.Task.WaitAsync(Budgets.HangGuard);
        await a.PauseAsync(Customer, TimeSpan.FromSeconds(3), default);
        var turn = await waiting;

        Assert.Null(turn.RefusedFor);
        Assert.True(turn.Waited >= TimeSpan.FromSeconds(2.5), $"waited {turn.Waited}, not the pause");
    }

    [Fact]
    public async Task A_shorter_pause_never_shortens_a_running_one()
    {
        using var redisA = server.Connect();
        using var redisB = server.Connect();
        var prefix = RedisServerFixture.UniquePrefix();
        using var a = Budgets.On(redisA, Budgets.Options(prefix, 5));
        using var b = Budgets.On(redisB, Budgets.Options(prefix, 5));

        await a.PauseAsync(Customer, TimeSpan.FromSeconds(60), default);
        await b.PauseAsync(Customer, TimeSpan.FromSeconds(1), default);
        var refused = await a.Turn(Customer, timeLeft: TimeSpan.FromSeconds(30));

        Assert.NotNull(refused.RefusedFor);
        Assert.True(refused.RefusedFor > TimeSpan.FromSeconds(30));
    }

    [Fact]
    public async Task Per_customer_a_pause_holds_only_its_customer()
    {
        using var redisA = server.Connect();
        using var redisB = server.Connect();
        var options = Budgets.Options(RedisServerFixture.UniquePrefix(), 5);
        options.Scope = RedisBudgetScope.PartnerAndCustomer;
        using var a = Budgets.On(redisA, options);
        using var b = Budgets.On(redisB, options);

        await a.PauseAsync(Customer, TimeSpan.FromSeconds(60), default);
        var other = await b.Turn(OtherCustomer, timeLeft: TimeSpan.FromSeconds(10));
        var same = await b.Turn(Customer, timeLeft: TimeSpan.FromSeconds(10));

        Assert.Null(other.RefusedFor);
        Assert.Equal(TimeSpan.Zero, other.Waited);
        Assert.NotNull(same.RefusedFor);
    }
}
