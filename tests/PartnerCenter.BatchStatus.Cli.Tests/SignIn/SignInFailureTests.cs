using System.Net;
using System.Net.Sockets;
using PartnerCenter.BatchStatus.Cli.Tests.Support;
using PartnerCenter.BatchStatus.Testing;

namespace PartnerCenter.BatchStatus.Cli.Tests.SignIn;

/// <summary>
/// Sign-in as a step of its own, against a fake Microsoft Entra ID on loopback (TLS with a certificate made here):
/// each failure is one line with the reason and exit code 5, no secret shown, and Partner Center (a fake on loopback)
/// never called. The sign-in bound runs on the real clock: that it fired (or did not) shows in the message.
/// </summary>
public sealed class SignInFailureTests
{
    private const string Secret = "s3cr3t-Value~that.must.never.show";
    private static readonly string Customer = DocumentedSample.CustomerId.ToString("D");
    private static readonly string Batch = DocumentedSample.BatchTrackingId.ToString("D");

    [Fact]
    public async Task WrongSecret_InvalidClient_OneLineWithTheAadstsCodeAndText_Exit5()
    {
        await using var entra = await FakeTokenEndpoint.StartAsync(TokenAnswer.InvalidClient);
        await using var partnerCenter = FakePartnerCenter.Start();

        var run = await CliRun.RunWithAuthorityAsync(entra.AuthorityHost, entra.TrustingTransport(), AppOnly(), Args(partnerCenter));

        Assert.Equal(ExitCodes.SignInFailed, run.ExitCode);
        var line = Assert.Single(run.ErrorLines);
        Assert.StartsWith("pcbatch: error: Sign-in failed with ClientSecretCredential: AADSTS7000215: Invalid client secret provided.", line, StringComparison.Ordinal);
        Assert.Contains("Check AZURE_CLIENT_SECRET", line, StringComparison.Ordinal);
        Assert.DoesNotContain("Timestamp", line, StringComparison.Ordinal);
        Assert.DoesNotContain(Secret, run.All, StringComparison.Ordinal);
        Assert.Empty(run.Output);
        Assert.Empty(partnerCenter.Requests);
    }

    [Fact]
    public async Task UntrustedCertificate_TheTlsCauseInOneLine_Exit5()
    {
        await using var entra = await FakeTokenEndpoint.StartAsync(TokenAnswer.Token);
        await using var partnerCenter = FakePartnerCenter.Start();

        // The credential's default transport, which does not trust the test's self-signed certificate.
        var run = await CliRun.RunWithAuthorityAsync(entra.AuthorityHost, null, AppOnly(), Args(partnerCenter, "--sign-in-timeout", "20s"));

        Assert.Equal(ExitCodes.SignInFailed, run.ExitCode);
        var line = Assert.Single(run.ErrorLines);
        Assert.Contains("the TLS connection to the sign-in authority failed:", line, StringComparison.Ordinal);
        Assert.Contains("certificate", line, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("see inner exception", line, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("Retry settings", line, StringComparison.Ordinal);
        Assert.Empty(partnerCenter.Requests);
    }

    [Fact]
    public async Task HangingTokenEndpoint_SignInTimeout_ReportedAsSignIn_NotPartnerCenter_Exit5()
    {
        await using var entra = await FakeTokenEndpoint.StartAsync(TokenAnswer.Hang);
        await using var partnerCenter = FakePartnerCenter.Start();

        var run = await HangGuard.Within(
            CliRun.RunWithAuthorityAsync(entra.AuthorityHost, entra.TrustingTransport(), AppOnly(), Args(partnerCenter, "--sign-in-timeout", "10s")),
            "pcbatch with a hanging token endpoint");

        // The token request reached the endpoint that never answers, and the sign-in bound ended it.
        Assert.Equal(1, entra.TokenRequests);
        Assert.Equal(ExitCodes.SignInFailed, run.ExitCode);
        var line = Assert.Single(run.ErrorLines);
        Assert.Contains("Sign-in with ClientSecretCredential did not complete within 10 s (--sign-in-timeout)", line, StringComparison.Ordinal);
        Assert.Contains("Partner Center was not called", line, StringComparison.Ordinal);
        Assert.DoesNotContain("BatchStatusClientOptions", line, StringComparison.Ordinal);
        Assert.Empty(partnerCenter.Requests);
    }

    [Fact]
    public async Task UnreachableAuthority_ConnectionRefused_OneReasonOnce_BeforeTheBound_Exit5()
    {
        using var reserved = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        reserved.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        var authority = new Uri($"https://127.0.0.1:{((IPEndPoint)reserved.LocalEndPoint!).Port}/");
        await using var partnerCenter = FakePartnerCenter.Start();

        var run = await HangGuard.Within(
            CliRun.RunWithAuthorityAsync(authority, null, AppOnly(), Args(partnerCenter, "--sign-in-timeout", "20s")),
            "pcbatch with a refused sign-in authority");

        // Reported as refused, not as the sign-in bound: the refusal ended the sign-in before the 20 s were up.
        Assert.Equal(ExitCodes.SignInFailed, run.ExitCode);
        var line = Assert.Single(run.ErrorLines);
        Assert.Contains("the sign-in authority could not be reached: Connection refused", line, StringComparison.Ordinal);
        Assert.DoesNotContain("--sign-in-timeout", line, StringComparison.Ordinal);
        Assert.Single(System.Text.RegularExpressions.Regex.Matches(line, "Connection refused"));
        Assert.DoesNotContain("Retry settings", line, StringComparison.Ordinal);
        Assert.Empty(partnerCenter.Requests);
    }

    [Fact]
    public async Task SignedIn_TheTokenOfTheSignInIsUsedForTheCall_OneTokenRequest()
    {
        await using var entra = await FakeTokenEndpoint.StartAsync(TokenAnswer.Token);
        await using var partnerCenter = FakePartnerCenter.Start();
        partnerCenter.AddDocumentedSample();

        var run = await CliRun.RunWithAuthorityAsync(entra.AuthorityHost, entra.TrustingTransport(), AppOnly(), Args(partnerCenter));

        Assert.Equal(ExitCodes.DevicesFailed, run.ExitCode);
        Assert.Equal(1, entra.TokenRequests);
        var request = Assert.Single(partnerCenter.Requests);
        Assert.Equal("Bearer " + FakeTokenEndpoint.IssuedToken, request.GetHeader("Authorization"));
    }

    private static string[] Args(FakePartnerCenter partnerCenter, params string[] more) =>
        ["status", Customer, Batch, "--endpoint", partnerCenter.Endpoint.ToString(), .. more];

    private static Dictionary<string, string> AppOnly() => new()
    {
        ["AZURE_TENANT_ID"] = "9a8b7c6d-5e4f-4a3b-9c2d-1e0f9a8b7c6d",
        ["AZURE_CLIENT_ID"] = "00000000-0000-0000-0000-000000000001",
        ["AZURE_CLIENT_SECRET"] = Secret,
    };
}
