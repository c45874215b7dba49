using System.Text.Json;
using PartnerCenter.BatchStatus.Cli.Tests.Support;
using PartnerCenter.BatchStatus.Testing;

namespace PartnerCenter.BatchStatus.Cli.Tests.OutOfProcess;

/// <summary>
/// pcbatch as a user runs it: a process of its own, its settings from environment variables only, signing in at a
/// fake Microsoft Entra ID over TLS on loopback (named by <c>AZURE_AUTHORITY_HOST</c>, its certificate trusted through
/// <c>SSL_CERT_FILE</c>, the platform's own check) and calling the kit's fake Partner Center over loopback. These tests
/// run the build beside them; the package check runs them again against the installed tool (the native one on Linux
/// x64), naming it in <c>PCBATCH_UNDER_TEST</c>.
/// </summary>
[Trait("Category", "OutOfProcess")]
public sealed class ToolProcessTests : IDisposable
{
    private const string Secret = "s3cr3t-Value~that.must.never.show";
    private readonly ScratchFolder _scratch = new();

    public void Dispose() => _scratch.Dispose();

    [Fact]
    public async Task SignedIn_TheDocumentedBatch_ReportedWithTheTokenOfTheSignIn_Exit1()
    {
        var (run, entra, partnerCenter) = await SignedInAsync(TokenAnswer.Token, sample: true);

        Assert.True(run.ExitCode == ExitCodes.DevicesFailed, $"{ToolProcess.Description}\n{run}");
        Assert.Contains(run.OutputLines, line => line.StartsWith("Devices     1 device: 0 succeeded, 1 failed (808 ZtdDeviceAssignedToOtherTenant ×1)", StringComparison.Ordinal));
        Assert.Equal(1, entra.TokenRequests);
        Assert.Equal("Bearer " + FakeTokenEndpoint.IssuedToken, Assert.Single(partnerCenter.Requests).GetHeader("Authorization"));
        Assert.DoesNotContain(Secret, run.All, StringComparison.Ordinal);
        Assert.DoesNotContain(FakeTokenEndpoint.IssuedToken, run.All, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SignedIn_Json_TheEnvelopeWithTheServicesIds()
    {
        var (run, _, partnerCenter) = await SignedInAsync(TokenAnswer.Token, sample: true, "--json");

        Assert.True(run.ExitCode == ExitCodes.DevicesFailed, $"{ToolProcess.Description}\n{run}");
        using var json = JsonDocument.Parse(run.Output);
        var root = json.RootElement;
        Assert.Equal(["customerId", "batchTrackingId", "requestId", "correlationId", "details", "unreadValues", "unreadValueCount"], root.EnumerateObject().Select(property => property.Name));
        Assert.Equal(TestIds.Customer, root.GetProperty("customerId").GetString());
        Assert.Equal(partnerCenter.Requests.Single().GetHeader("MS-RequestId"), root.GetProperty("requestId").GetString());
        Assert.Equal("808", Assert.Single(root.GetProperty("details").GetProperty("devicesStatus").EnumerateArray()).GetProperty("errorCode").GetString());
        Assert.Equal("2017-07-25T10:10:00+00:00", root.GetProperty("details").GetProperty("completedTime").GetString());
    }

    [Fact]
    public async Task WrongSecret_OneLineWithTheAadstsReason_Exit5_PartnerCenterNotCalled()
    {
        var (run, _, partnerCenter) = await SignedInAsync(TokenAnswer.InvalidClient, sample: false);

        Assert.True(run.ExitCode == ExitCodes.SignInFailed, $"{ToolProcess.Description}\n{run}");
        Assert.StartsWith("pcbatch: error: Sign-in failed with ClientSecretCredential: AADSTS7000215: Invalid client secret provided.", Assert.Single(run.ErrorLines), StringComparison.Ordinal);
        Assert.DoesNotContain(Secret, run.All, StringComparison.Ordinal);
        Assert.Empty(run.Output);
        Assert.Empty(partnerCenter.Requests);
    }

    [Fact]
    public async Task HangingSignIn_EndsAtTheSignInTimeout_Exit5()
    {
        // 30 s: a loaded machine starts the process and reaches the endpoint well within it (a bound that fired before
        // the token request shows as 0 requests); the hang guard, far above it, only stops a tool that ignores the bound.
        var (run, entra, partnerCenter) = await SignedInAsync(TokenAnswer.Hang, sample: false, "--sign-in-timeout", "30s");

        // The token request reached the endpoint that never answers, and the sign-in bound ended it.
        Assert.True(run.ExitCode == ExitCodes.SignInFailed, $"{ToolProcess.Description}\n{run}");
        Assert.Equal(1, entra.TokenRequests);
        Assert.Contains("did not complete within 30 s (--sign-in-timeout)", Assert.Single(run.ErrorLines), StringComparison.Ordinal);
        Assert.Empty(partnerCenter.Requests);
    }

    [Fact]
    public async Task UntrustedAuthority_TheTlsCauseInOneLine_Exit5()
    {
        // A bound far above the TLS failure and its retries on a loaded machine: the reason must be the TLS failure, never the bound.
        var (run, entra, partnerCenter) = await SignedInAsync(TokenAnswer.Token, sample: false, trusted: false, "--sign-in-timeout", "120s");

        Assert.True(run.ExitCode == ExitCodes.SignInFailed, $"{ToolProcess.Description}\n{run}");
        var line = Assert.Single(run.ErrorLines);
        Assert.Contains("the TLS connection to the sign-in authority failed:", line, StringComparison.Ordinal);
        Assert.DoesNotContain("--sign-in-timeout", line, StringComparison.Ordinal);
        Assert.Equal(0, entra.TokenRequests);
        Assert.Empty(partnerCenter.Requests);
    }

    [Fact]
    public async Task AuthorityHostOverPlainHttp_RefusedBeforeAnythingIsSent_Exit64()
    {
        await using var partnerCenter = FakePartnerCenter.Start();
        var variables = TestIds.AppOnlyVariables(Secret);
        variables["AZURE_AUTHORITY_HOST"] = "http://127.0.0.1:9/";

        var run = await ToolProcess.RunAsync(variables, Args(partnerCenter));

        Assert.True(run.ExitCode == ExitCodes.Usage, $"{ToolProcess.Description}\n{run}");
        Assert.Contains("AZURE_AUTHORITY_HOST 'http://127.0.0.1:9/' is not the https URL of a sign-in authority", Assert.Single(run.ErrorLines), StringComparison.Ordinal);
        Assert.Empty(partnerCenter.Requests);
    }

    [Theory]
    [InlineData(ExitCodes.DevicesFailed, new[] { "Devices     1 device: 0 succeeded, 1 failed (808" }, "status", "--demo")]
    [InlineData(ExitCodes.Usage, new[] { "'--jsn'", "did you mean --json?" }, "status", "--demo", "--jsn")]
    [InlineData(ExitCodes.Usage, new[] { "AZURE_TENANT_ID", "AZURE_CLIENT_ID", "AZURE_CLIENT_SECRET" }, "status", "47021739-3426-40bf-9601-61b4b6d7c793", "0127ed8e-ff72-4983-a3d8-e8d8bd378932")]
    public async Task NoSignIn_DemoTypoAndMissingSettings_TheirExitCodeAndWords(int exitCode, string[] words, params string[] args)
    {
        var run = await ToolProcess.RunAsync(new Dictionary<string, string>(), args);

        Assert.True(run.ExitCode == exitCode, $"{ToolProcess.Description}\n{run}");
        Assert.All(words, word => Assert.Contains(word, run.All, StringComparison.Ordinal));
    }

    private async Task<(CliRun Run, FakeTokenEndpoint Entra, FakePartnerCenter PartnerCenter)> SignedInAsync(TokenAnswer answer, bool sample, params string[] more) =>
        await SignedInAsync(answer, sample, trusted: true, more);

    private async Task<(CliRun Run, FakeTokenEndpoint Entra, FakePartnerCenter PartnerCenter)> SignedInAsync(TokenAnswer answer, bool sample, bool trusted, params string[] more)
    {
        await using var entra = await FakeTokenEndpoint.StartAsync(answer);
        await using var partnerCenter = FakePartnerCenter.Start();
        if (sample)
        {
            partnerCenter.AddDocumentedSample();
        }

        var variables = entra.ProcessVariables(_scratch.Root, Secret);
        if (!trusted)
        {
            variables.Remove("SSL_CERT_FILE");
        }

        return (await ToolProcess.RunAsync(variables, [.. Args(partnerCenter), .. more]), entra, partnerCenter);
    }

    private static string[] Args(FakePartnerCenter partnerCenter) => ["status", TestIds.Customer, TestIds.DocumentedBatch, "--endpoint", partnerCenter.Endpoint.ToString()];
}
