using PartnerCenter.BatchStatus.Cli.Tests.Support;

namespace PartnerCenter.BatchStatus.Cli.Tests.Usage;

/// <summary>A wrong command line ends with one error line and the usage exit code, before any call is made.</summary>
public class UsageErrorTests
{
    private const string Customer = "47021739-3426-40bf-9601-61b4b6d7c793";
    private const string Batch = "0127ed8e-ff72-4983-a3d8-e8d8bd378932";

    public static TheoryData<string[], string> WrongCommandLines => new()
    {
        { ["status", "not-a-guid", Batch], "The customer id 'not-a-guid' is not a GUID" },
        { ["status", Customer, "0127ed8e-ff72-4983-a3d8"], "The batch tracking id '0127ed8e-ff72-4983-a3d8' is not a GUID" },
        { ["status", "00000000-0000-0000-0000-000000000000", Batch], "The customer id must not be 00000000-0000-0000-0000-000000000000" },
        { ["status", Customer], "Give the batch tracking id after the customer id" },
        { ["status"], "Give the customer id and the batch tracking id, or --location" },
        { ["status", "--location", "/customers/" + Customer + "/devices/" + Batch], "--location: Expected the Location of a device batch upload" },
        { ["status", "--location", "/customers/" + Customer + "/batchJobStatus/not-a-guid"], "the batch tracking id is not a GUID" },
        { ["status", "--location", "/customers/" + Customer + "/batchJobStatus/" + Batch, Customer], "Give either --location or the two ids, not both" },
        { ["status", Customer, Batch, "--interval", "5s"], "--interval and --timeout only apply with --wait" },
        { ["status", Customer, Batch, "--wait", "--interval", "soon"], "--interval 'soon' is not a duration" },
        { ["status", Customer, Batch, "--wait", "--timeout", "0s"], "--timeout must be more than zero" },
        { ["status", Customer, Batch, "--wait", "--timeout", "2d"], "--timeout '2d' is not a duration" },
        { ["status", Customer, Batch, "--correlation-id", "x"], "The --correlation-id 'x' is not a GUID" },
        { ["status", Customer, Batch, "--endpoint", "ftp://example.com"], "is not global, china, or the https URL" },
        { ["status", Customer, Batch, "--device-code", "--default-credential"], "Choose one way to sign in" },
        { ["status", Customer, Batch, "--certificate", "app.pfx", "--device-code"], "--certificate signs in as the app" },
        { ["status", Customer, Batch, "--certificate", "no-such-file.pfx"], "The certificate file 'no-such-file.pfx' does not exist" },
        { ["status", Customer, Batch, "--tenant", "contoso tenant"], "--tenant 'contoso tenant' is not a tenant" },
        { ["status", Customer, Batch, "--client-id", "my-app"], "--client-id 'my-app' is not an application (client) id" },
        { ["status", "--demo", "--endpoint", "china"], "--demo calls an embedded fake Partner Center and needs no account" },
        { ["status", Customer, Batch, "extra"], "Unrecognized command or argument 'extra'" },
        { ["status", Customer, Batch, "--no-such-option"], "'pcbatch status' has no option '--no-such-option'." },
        { ["status", "--demo", "--jsn"], "'pcbatch status' has no option '--jsn': did you mean --json?" },
        { ["status", "--demo", "--jsn", "--wiat"], "'pcbatch status' has no option '--jsn': did you mean --json?" },
        { ["status", "--demo", "--wiat"], "'pcbatch status' has no option '--wiat': did you mean --wait?" },
        { ["status", Customer, Batch, "--wait", "--timout", "5m"], "has no option '--timout': did you mean --timeout?" },
        { ["status", Customer, Batch, "--endpiont=china"], "has no option '--endpiont': did you mean --endpoint?" },
        { ["status", Customer, Batch, "--sign-in-timeout", "soon"], "--sign-in-timeout 'soon' is not a duration" },
    };

    [Theory]
    [InlineData(new[] { "stats" }, "pcbatch has no command 'stats': did you mean 'status'?")]
    [InlineData(new[] { "stauts", "--demo" }, "pcbatch has no command 'stauts': did you mean 'status'?")]
    [InlineData(new[] { "wacth", "--demo", "--json" }, "pcbatch has no command 'wacth': did you mean 'watch'?")]
    [InlineData(new[] { "frobnicate" }, "pcbatch has no command 'frobnicate': the commands are 'status' and 'watch'.")]
    public async Task UnknownCommand_NamesTheClosestCommand_NotItsOptions(string[] args, string expected)
    {
        using var factory = FakeServiceFactory.Refusing();

        var run = await CliRun.RunAsync(factory, TestIds.AppOnlyVariables(), args);

        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.Equal($"pcbatch: error: {expected} Run 'pcbatch --help' for the commands.", Assert.Single(run.ErrorLines));
        Assert.Empty(run.Output);
        Assert.Empty(factory.Requests);
    }

    [Theory]
    [MemberData(nameof(WrongCommandLines))]
    public async Task Status_WrongCommandLine_OneErrorLineAndUsageExitCode(string[] args, string expected)
    {
        using var factory = FakeServiceFactory.Refusing();

        var run = await CliRun.RunAsync(factory, TestIds.AppOnlyVariables(), args);

        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        var line = Assert.Single(run.ErrorLines);
        Assert.StartsWith("pcbatch: error: ", line, StringComparison.Ordinal);
        Assert.Contains(expected, line, StringComparison.Ordinal);
        Assert.EndsWith("Run 'pcbatch status --help' for usage.", line, StringComparison.Ordinal);
        Assert.Empty(run.Output);
        Assert.Empty(factory.Requests);
    }

    [Theory]
    [InlineData("http://api.partnercenter.microsoft.com")]
    [InlineData("https://example.com/?code=abc")]
    [InlineData("https://api.partnercenter.microsoft.com/v1/")]
    [InlineData("https://proxy.example/v1")]
    public async Task Status_EndpointTheClientRefuses_TheClientsOwnWordsAfterTheOption(string endpoint)
    {
        var refused = Assert.ThrowsAny<ArgumentException>(new BatchStatusClientOptions { Endpoint = new Uri(endpoint) }.Validate);
        var words = refused.Message.Replace($" (Parameter '{refused.ParamName}')", string.Empty, StringComparison.Ordinal);
        using var factory = FakeServiceFactory.Refusing();

        var run = await CliRun.RunAsync(factory, TestIds.AppOnlyVariables(), "status", Customer, Batch, "--endpoint", endpoint);

        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.Equal($"pcbatch: error: --endpoint: {words} Run 'pcbatch status --help' for usage.", Assert.Single(run.ErrorLines));
        Assert.Empty(factory.Requests);
    }

    public static TheoryData<Dictionary<string, string>, string[], string> IncompleteSignIns => new()
    {
        { new(), [], "Signing in as an app needs the tenant (--tenant or AZURE_TENANT_ID), the application (client) id (--client-id or AZURE_CLIENT_ID) and a client secret (the AZURE_CLIENT_SECRET environment variable; never an option) or a certificate (--certificate or AZURE_CLIENT_CERTIFICATE_PATH)" },
        { new() { ["AZURE_TENANT_ID"] = "contoso.onmicrosoft.com" }, [], "needs the application (client) id (--client-id or AZURE_CLIENT_ID)" },
        { new() { ["AZURE_CLIENT_SECRET"] = "only-a-secret" }, ["--client-id", "11111111-2222-3333-4444-555555555555"], "needs the tenant" },
        { new() { ["AZURE_TENANT_ID"] = "contoso.onmicrosoft.com", ["AZURE_CLIENT_ID"] = "11111111-2222-3333-4444-555555555555" }, [], "Signing in as an app needs a client secret (the AZURE_CLIENT_SECRET environment variable; never an option) or a certificate" },
        { new(), ["--device-code"], "--device-code needs the application (client) id" },
        { new() { ["AZURE_TENANT_ID"] = "contoso tenant" }, [], "AZURE_TENANT_ID 'contoso tenant' is not a tenant" },
    };

    [Theory]
    [MemberData(nameof(IncompleteSignIns))]
    public async Task Status_IncompleteSignInSettings_UsageExitCodeAndTheDemoSuggested(Dictionary<string, string> variables, string[] options, string expected)
    {
        using var factory = FakeServiceFactory.Refusing();

        var run = await CliRun.RunAsync(factory, variables, ["status", Customer, Batch, .. options]);

        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        var line = Assert.Single(run.ErrorLines);
        Assert.Contains(expected, line, StringComparison.Ordinal);
        Assert.Empty(factory.Requests);
    }

    [Fact]
    public async Task Status_NoSignInSettingsAtAll_PointsToTheDemo()
    {
        var run = await CliRun.RunAsync(FakeServiceFactory.Refusing(), null, "status", Customer, Batch);

        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.Contains("pcbatch status --demo --wait", Assert.Single(run.ErrorLines), StringComparison.Ordinal);
    }
}
