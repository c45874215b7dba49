using System.Text.Json;
using PartnerCenter.BatchStatus.Cli.Tests.Support;
using PartnerCenter.BatchStatus.Testing;

namespace PartnerCenter.BatchStatus.Cli.Tests.OutOfProcess;

/// <summary>
/// pcbatch as a user runs it: a process of its own, its settings from environment variables only, signing in at a
/// fake Microsoft Entra ID over TLS on loopback (named by <c>AZURE_AUTHORITY_HOST</c>, its certificate trusted through
/// <c>SSL_CERT_FILE</c>, the platform's own check) and calling a fake Partner Center on loopback. These tests run the
/// build beside them; the package check runs them again against the installed tool (the native one on Linux x64),
/// naming it in <c>PCBATCH_UNDER_TEST</c>.
/// </summary>
[Trait("Category", "OutOfProcess")]
public sealed class ToolProcessTests : IDisposable
{
    private const string Secret = "s3cr3t-Value~that.must.never.show";

    /// <summary>A hang guard: a process still running after this is killed and the test fails (no assertion on time).</summary>
    private static readonly TimeSpan Limit = HangGuard.Limit;
    private static readonly string Customer = TestIds.Customer;
    private static readonly string Batch = TestIds.DocumentedBatch;
    private readonly ScratchFolder _scratch = new();

    public void Dispose() => _scratch.Dispose();

    [Fact]
    public async Task SignedIn_TheDocumentedBatch_ReportedWithTheTokenOfTheSignIn_Exit1()
    {
        await using var entra = await FakeTokenEndpoint.StartAsync(TokenAnswer.Token);
        await using var partnerCenter = FakePartnerCenter.Start();
        partnerCenter.AddDocumentedSample();

        var run = await ToolProcess.RunAsync(SignIn(entra), Limit, Args(partnerCenter));

        Assert.True(run.ExitCode == ExitCodes.DevicesFailed, $"{ToolProcess.Description}\n{run}");
        Assert.Contains(run.OutputLines, line => line.StartsWith("Devices     1 device: 0 succeeded, 1 failed (808 ZtdDeviceAssignedToOtherTenant ×1)", StringComparison.Ordinal));
        Assert.Equal(1, entra.TokenRequests);
        var request = Assert.Single(partnerCenter.Requests);
        Assert.Equal("Bearer " + FakeTokenEndpoint.IssuedToken, request.GetHeader("Authorization"));
        Assert.DoesNotContain(Secret, run.All, StringComparison.Ordinal);
        Assert.DoesNotContain(FakeTokenEndpoint.IssuedToken, run.All, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SignedIn_Json_TheEnvelopeWithTheServicesIds()
    {
        await using var entra = await FakeTokenEndpoint.StartAsync(TokenAnswer.Token);
        await using var partnerCenter = FakePartnerCenter.Start();
        partnerCenter.AddDocumentedSample();

        var run = await ToolProcess.RunAsync(SignIn(entra), Limit, [.. Args(partnerCenter), "--json"]);

        Assert.True(run.ExitCode == ExitCodes.DevicesFailed, $"{ToolProcess.Description}\n{run}");
        using var json = JsonDocument.Parse(run.Output);
        var root = json.RootElement;
        Assert.Equal(["customerId", "batchTrackingId", "requestId", "correlationId", "details", "unreadValues"], root.EnumerateObject().Select(property => property.Name));
        Assert.Equal(Customer, root.GetProperty("customerId").GetString());
        Assert.Equal(partnerCenter.Requests.Single().GetHeader("MS-RequestId"), root.GetProperty("requestId").GetString());
        var device = Assert.Single(root.GetProperty("details").GetProperty("devicesStatus").EnumerateArray());
        Assert.Equal("808", device.GetProperty("errorCode").GetString());
        Assert.Equal("2017-07-25T10:10:00+00:00", root.GetProperty("details").GetProperty("completedTime").GetString());
    }

    [Fact]
    public async Task WrongSecret_OneLineWithTheAadstsReason_Exit5_PartnerCenterNotCalled()
    {
        await using var entra = await FakeTokenEndpoint.StartAsync(TokenAnswer.InvalidClient);
        await using var partnerCenter = FakePartnerCenter.Start();

        var run = await ToolProcess.RunAsync(SignIn(entra), Limit, Args(partnerCenter));

        Assert.True(run.ExitCode == ExitCodes.SignInFailed, $"{ToolProcess.Description}\n{run}");
        var line = Assert.Single(run.ErrorLines);
        Assert.StartsWith("pcbatch: error: Sign-in failed with ClientSecretCredential: AADSTS7000215: Invalid client secret provided.", line, StringComparison.Ordinal);
        Assert.DoesNotContain(Secret, run.All, StringComparison.Ordinal);
        Assert.Empty(run.Output);
        Assert.Empty(partnerCenter.Requests);
    }

    [Fact]
    public async Task HangingSignIn_EndsAtTheSignInTimeout_Exit5()
    {
        await using var entra = await FakeTokenEndpoint.StartAsync(TokenAnswer.Hang);
        await using var partnerCenter = FakePartnerCenter.Start();

        // 5 s: room for a loaded machine to start the process and reach the endpoint before the bound fires.
        var run = await ToolProcess.RunAsync(SignIn(entra), Limit, [.. Args(partnerCenter), "--sign-in-timeout", "5s"]);

        // The token request reached the endpoint that never answers, and the sign-in bound ended it.
        Assert.True(run.ExitCode == ExitCodes.SignInFailed, $"{ToolProcess.Description}\n{run}");
        Assert.Equal(1, entra.TokenRequests);
        var line = Assert.Single(run.ErrorLines);
        Assert.Contains("did not complete within 5.0 s (--sign-in-timeout)", line, StringComparison.Ordinal);
        Assert.Empty(partnerCenter.Requests);
    }

    [Fact]
    public async Task UntrustedAuthority_TheTlsCauseInOneLine_Exit5()
    {
        await using var entra = await FakeTokenEndpoint.StartAsync(TokenAnswer.Token);
        await using var partnerCenter = FakePartnerCenter.Start();
        var variables = SignIn(entra);
        variables.Remove("SSL_CERT_FILE");

        var run = await ToolProcess.RunAsync(variables, Limit, [.. Args(partnerCenter), "--sign-in-timeout", "20s"]);

        Assert.True(run.ExitCode == ExitCodes.SignInFailed, $"{ToolProcess.Description}\n{run}");
        var line = Assert.Single(run.ErrorLines);
        Assert.Contains("the TLS connection to the sign-in authority failed:", line, StringComparison.Ordinal);
        Assert.Equal(0, entra.TokenRequests);
        Assert.Empty(partnerCenter.Requests);
    }

    [Fact]
    public async Task AuthorityHostOverPlainHttp_RefusedBeforeAnythingIsSent_Exit64()
    {
        await using var partnerCenter = FakePartnerCenter.Start();
        var variables = AppOnly();
        variables["AZURE_AUTHORITY_HOST"] = "http://127.0.0.1:9/";

        var run = await ToolProcess.RunAsync(variables, Limit, Args(partnerCenter));

        Assert.True(run.ExitCode == ExitCodes.Usage, $"{ToolProcess.Description}\n{run}");
        var line = Assert.Single(run.ErrorLines);
        Assert.Contains("AZURE_AUTHORITY_HOST 'http://127.0.0.1:9/' is not the https URL of a sign-in authority", line, StringComparison.Ordinal);
        Assert.Empty(partnerCenter.Requests);
    }

    [Fact]
    public async Task Demo_TheDocumentedSample_Exit1()
    {
        var run = await ToolProcess.RunAsync(new Dictionary<string, string>(), Limit, "status", "--demo");

        Assert.True(run.ExitCode == ExitCodes.DevicesFailed, $"{ToolProcess.Description}\n{run}");
        Assert.Contains(run.OutputLines, line => line.StartsWith("Devices     1 device: 0 succeeded, 1 failed (808", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Typo_NamesTheOptionAndTheClosestOne_Exit64()
    {
        var run = await ToolProcess.RunAsync(new Dictionary<string, string>(), Limit, "status", "--demo", "--jsn");

        Assert.True(run.ExitCode == ExitCodes.Usage, $"{ToolProcess.Description}\n{run}");
        Assert.Contains("'--jsn'", run.Error, StringComparison.Ordinal);
        Assert.Contains("did you mean --json?", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MissingSettings_AllNamedAtOnce_WithTheirVariables_Exit64()
    {
        var run = await ToolProcess.RunAsync(new Dictionary<string, string>(), Limit, "status", Customer, Batch);

        Assert.True(run.ExitCode == ExitCodes.Usage, $"{ToolProcess.Description}\n{run}");
        foreach (var variable in new[] { "AZURE_TENANT_ID", "AZURE_CLIENT_ID", "AZURE_CLIENT_SECRET" })
        {
            Assert.Contains(variable, run.Error, StringComparison.Ordinal);
        }
    }

    private static string[] Args(FakePartnerCenter partnerCenter) =>
        ["status", Customer, Batch, "--endpoint", partnerCenter.Endpoint.ToString()];

    private Dictionary<string, string> SignIn(FakeTokenEndpoint entra)
    {
        var variables = AppOnly();
        variables["AZURE_AUTHORITY_HOST"] = entra.AuthorityHost.ToString();
        variables["SSL_CERT_FILE"] = entra.WriteCertificatePem(_scratch.Root);
        return variables;
    }

    private static Dictionary<string, string> AppOnly() => TestIds.AppOnlyVariables(Secret);
}
