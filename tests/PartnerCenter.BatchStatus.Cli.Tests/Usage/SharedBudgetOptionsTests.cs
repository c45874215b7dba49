using PartnerCenter.BatchStatus.Cli.Tests.Support;

namespace PartnerCenter.BatchStatus.Cli.Tests.Usage;

/// <summary>
/// <c>--rate</c>, <c>--redis</c> (or <c>PCBATCH_REDIS</c>) and <c>--redis-scope</c>: read into the settings, each
/// mistake one error line before anything is called, and a password never taken from the command line nor repeated.
/// </summary>
public sealed class SharedBudgetOptionsTests
{
    private const string Customer = "47021739-3426-40bf-9601-61b4b6d7c793";
    private const string Batch = "0127ed8e-ff72-4983-a3d8-e8d8bd378932";
    private const string Password = "redis-password-of-the-tests";

    public static TheoryData<Dictionary<string, string>, string[], string> WrongBudgets => new()
    {
        { new(), ["--redis", $"cache.example:6380,ssl=true,password={Password}"], "--redis must not hold a password, where shell history and other processes could read it: set PCBATCH_REDIS_PASSWORD instead." },
        { new(), ["--redis", $"cache.example:6380, Password = {Password}"], "--redis must not hold a password" },
        { new() { ["PCBATCH_REDIS"] = $"cache.example:6380,password={Password}" }, [], "PCBATCH_REDIS must not hold a password" },
        { new(), ["--redis", $"default:{Password}@cache.example:6380"], "--redis must not hold a password" },
        { new(), ["--redis", "  "], "--redis needs the configuration of a Redis server" },
        { new(), ["--redis", "cache.example:6380", "--redis-scope", "galaxy"], "--redis-scope 'galaxy' is not partner or customer." },
        { new(), ["--redis-scope", "customer"], "--redis-scope goes with --redis (or PCBATCH_REDIS)" },
        { new(), ["--rate", "fast"], "--rate 'fast' is not a number of requests per second: 0 (no limit), or from 0.001 to 1000, such as 2.5." },
        { new(), ["--rate", "-1"], "--rate '-1' is not a number of requests per second" },
        { new(), ["--rate", "1001"], "--rate '1001' is not a number of requests per second" },
        { new(), ["--rate", "0.0001"], "--rate '0.0001' is not a number of requests per second" },
        { new(), ["--rate", "1e3"], "--rate '1e3' is not a number of requests per second" },
        { new(), ["--rate", "NaN"], "--rate 'NaN' is not a number of requests per second" },
        { new(), ["--rate", "Infinity"], "--rate 'Infinity' is not a number of requests per second" },
    };

    [Theory]
    [MemberData(nameof(WrongBudgets))]
    public async Task Status_WrongBudgetOptions_OneErrorLineWithoutThePasswordAndNothingCalled(Dictionary<string, string> variables, string[] options, string expected)
    {
        using var factory = FakeServiceFactory.Refusing();
        var environment = TestIds.AppOnlyVariables();
        foreach (var (name, value) in variables)
        {
            environment[name] = value;
        }

        var run = await CliRun.RunAsync(factory, environment, ["status", Customer, Batch, .. options]);

        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.Contains(expected, Assert.Single(run.ErrorLines), StringComparison.Ordinal);
        Assert.DoesNotContain(Password, run.All, StringComparison.Ordinal);
        Assert.Empty(factory.Requests);
    }

    [Fact]
    public async Task Watch_DemoWithRedis_Refused()
    {
        using var factory = FakeServiceFactory.Refusing();

        var run = await CliRun.RunAsync(factory, TestIds.AppOnlyVariables(), "watch", "--demo", "--redis", "localhost:6379");

        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.Contains("--demo calls an embedded fake Partner Center and needs no account: it takes no", Assert.Single(run.ErrorLines), StringComparison.Ordinal);
        Assert.Empty(factory.Requests);
    }

    [Fact]
    public async Task Status_RedisWithoutTheTenant_AsksForIt()
    {
        using var factory = FakeServiceFactory.Refusing();

        var run = await CliRun.RunAsync(factory, new Dictionary<string, string>(), "status", Customer, Batch, "--default-credential", "--redis", "localhost:6379");

        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.Contains("--redis shares the budget of one partner, named by its tenant: give --tenant or set AZURE_TENANT_ID.", Assert.Single(run.ErrorLines), StringComparison.Ordinal);
        Assert.Empty(factory.Requests);
    }

    public static TheoryData<Dictionary<string, string>, string[], double, string?, bool> Budgets => new()
    {
        { new(), [], 5, null, false },
        { new(), ["--rate", "2.5"], 2.5, null, false },
        { new(), ["--rate", "0"], 0, null, false },
        { new(), ["--redis", " cache.example:6380,ssl=true "], 5, "cache.example:6380,ssl=true", false },
        { new() { ["PCBATCH_REDIS"] = "cache.example:6380" }, ["--rate", "10", "--redis-scope", "customer"], 10, "cache.example:6380", true },
        { new() { ["PCBATCH_REDIS"] = "cache.example:6380" }, ["--redis", "other.example:6379", "--redis-scope", "Partner"], 5, "other.example:6379", false },
    };

    [Theory]
    [MemberData(nameof(Budgets))]
    public async Task Status_BudgetOptions_ReadIntoTheSettings(Dictionary<string, string> variables, string[] options, double rate, string? redis, bool perCustomer)
    {
        using var factory = FakeServiceFactory.WithSample();
        var environment = TestIds.AppOnlyVariables();
        foreach (var (name, value) in variables)
        {
            environment[name] = value;
        }

        environment["PCBATCH_REDIS_PASSWORD"] = Password;

        var run = await CliRun.RunAsync(factory, environment, ["status", TestIds.Customer, TestIds.DocumentedBatch, .. options]);

        Assert.True(run.ExitCode == ExitCodes.DevicesFailed, run.ToString());
        Assert.Equal((rate, redis, perCustomer), (factory.Settings.RequestsPerSecond, factory.Settings.Redis, factory.Settings.RedisPerCustomer));
        Assert.DoesNotContain(Password, factory.Settings.ToString(), StringComparison.Ordinal);
    }
}
