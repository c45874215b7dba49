using PartnerCenter.BatchStatus.Cli.Connection;
using PartnerCenter.BatchStatus.Cli.Tests.Support;
using PartnerCenter.BatchStatus.Testing;

namespace PartnerCenter.BatchStatus.Cli.Tests.Security;

/// <summary>Neither the client secret, nor the certificate password, nor a token ever appears in what pcbatch writes.</summary>
public class NoSecretEchoedTests
{
    private const string Secret = "Recognisable~Secret.Value_0123456789";
    private const string Password = "Recognisable-Certificate-Password";

    public static TheoryData<string[]> FailingCommandLines => new()
    {
        { ["status", TestIds.Customer, TestIds.DocumentedBatch, "--client-secret", Secret] },
        { ["status", TestIds.Customer, TestIds.DocumentedBatch, "--client-secret=" + Secret] },
        { ["status", "--client-secret", Secret, "--demo"] },
        { ["status", TestIds.Customer, TestIds.DocumentedBatch, "--certificate-password", Password] },
        { ["status", Secret, TestIds.DocumentedBatch, "--client-secret", Secret] },
        { ["status", TestIds.Customer, TestIds.DocumentedBatch, "--endpoint", "https://user:" + Secret + "@example.com/"] },
        { ["status", TestIds.Customer, TestIds.DocumentedBatch, "--endpoint", "https://example.com/?secret=" + Secret] },
        { ["status", "--location", "/customers/x/batchJobStatus/y?sig=" + Secret] },
        { ["status", TestIds.Customer, TestIds.DocumentedBatch, "--tenant", "bad tenant"] },
        { ["status", TestIds.Customer, TestIds.DocumentedBatch, "--certificate", "missing.pfx"] },
    };

    [Theory]
    [MemberData(nameof(FailingCommandLines))]
    public async Task Status_FailingCommandLine_NeverEchoesTheSecret(string[] args)
    {
        var variables = TestIds.AppOnlyVariables(Secret);
        variables["AZURE_CLIENT_CERTIFICATE_PASSWORD"] = Password;

        var run = await CliRun.RunAsync(FakeServiceFactory.Refusing(), variables, args);

        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.Single(run.ErrorLines);
        Assert.DoesNotContain(Secret, run.All, StringComparison.Ordinal);
        Assert.DoesNotContain(Password, run.All, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Status_SecretOnTheCommandLine_RefusedWithTheReason()
    {
        var run = await CliRun.RunAsync(FakeServiceFactory.Refusing(), null, "status", TestIds.Customer, TestIds.DocumentedBatch, "--client-secret", Secret);

        Assert.Contains("pcbatch takes no secret on the command line", Assert.Single(run.ErrorLines), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Status_MissingTenantWithASecret_NeverEchoesTheSecret()
    {
        var variables = TestIds.AppOnlyVariables(Secret);
        variables.Remove("AZURE_TENANT_ID");

        var run = await CliRun.RunAsync(FakeServiceFactory.Refusing(), variables, "status", TestIds.Customer, TestIds.DocumentedBatch);

        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.DoesNotContain(Secret, run.All, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Status_FailureMessageQuotingTheSecret_Redacted()
    {
        var run = await CliRun.RunAsync(new EchoingFailureFactory(Secret), TestIds.AppOnlyVariables(Secret), "status", TestIds.Customer, TestIds.DocumentedBatch);

        Assert.Equal(ExitCodes.InternalError, run.ExitCode);
        Assert.Contains("client secret (redacted) rejected", Assert.Single(run.ErrorLines), StringComparison.Ordinal);
        Assert.DoesNotContain(Secret, run.All, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Status_RunsAgainstTheFake_NeverEchoTheToken()
    {
        using var service = new FakeServiceFactory(options => options.Retry.MaxRetries = 0);
        service.Fake.AddDocumentedSample();
        service.Fake.AddBatch(DocumentedSample.CustomerId, Guid.Parse("11111111-0000-4000-8000-000000000401")).ThenFail(401, "401", "The token was rejected.");
        var variables = TestIds.AppOnlyVariables(Secret);

        var runs = new[]
        {
            await CliRun.RunAsync(service, variables, "status", TestIds.Customer, TestIds.DocumentedBatch),
            await CliRun.RunAsync(service, variables, "status", TestIds.Customer, TestIds.DocumentedBatch, "--json"),
            await CliRun.RunAsync(service, variables, "status", TestIds.Customer, "11111111-0000-4000-8000-000000000401"),
            await CliRun.RunAsync(null, null, "status", "--demo", "--wait", "--interval", "10ms"),
        };

        Assert.Equal([ExitCodes.DevicesFailed, ExitCodes.DevicesFailed, ExitCodes.ServiceError, ExitCodes.DevicesFailed], runs.Select(run => run.ExitCode));
        Assert.All(service.Fake.Requests, request => Assert.Equal("Bearer " + service.Fake.Credential.Token, request.GetHeader("Authorization")));
        Assert.All(runs, run => Assert.DoesNotContain(FakeTokenCredential.DefaultToken, run.All, StringComparison.Ordinal));
        Assert.All(runs, run => Assert.DoesNotContain(Secret, run.All, StringComparison.Ordinal));
    }

    private sealed class EchoingFailureFactory(string secret) : IBatchClientFactory
    {
        // Stands for a library that would quote a secret in a message: the error line must still not show it.
        public BatchClientConnection Create(ConnectionSettings settings, CliEnvironment environment) =>
            throw new InvalidOperationException($"client secret {secret} rejected");
    }
}
