using System.Net;
using System.Text;
using System.Web;
using PartnerCenter.BatchStatus.Cli.Output;
using PartnerCenter.BatchStatus.Cli.Tests.Support;
using PartnerCenter.BatchStatus.Testing;

namespace PartnerCenter.BatchStatus.Cli.Tests.Security;

/// <summary>
/// Secrets redacted in every form a service could echo them in, tokens never printed, and a URL's user information
/// never quoted: against a fake Microsoft Entra ID over TLS and a fake Partner Center, both on loopback.
/// </summary>
public sealed class RedactionTests
{
    // A secret as Entra ID makes them: '+', '/', '=' and '~' change under URL and form encoding; the space under form encoding.
    private const string Secret = "Qx8+Yz/Ab=Cd~Ef Gh+Ij0/Kl9==";
    private const string Jwt = "eyJhbGciOiJSUzI1NiIsInR5cCI6IkpXVCJ9.eyJhdWQiOiJodHRwczovL2FwaS5wYXJ0bmVyY2VudGVyLm1pY3Jvc29mdC5jb20ifQ.c2lnbmF0dXJlLW9mLXRoZS10b2tlbg";
    private static readonly string Customer = DocumentedSample.CustomerId.ToString("D");
    private static readonly string Batch = DocumentedSample.BatchTrackingId.ToString("D");

    /// <summary>Every form of the secret the fake authority echoes, none of which may appear.</summary>
    public static IEnumerable<string> SecretForms()
    {
        var bytes = Encoding.UTF8.GetBytes(Secret);
        yield return Secret;
        yield return Uri.EscapeDataString(Secret);
        yield return HttpUtility.UrlEncode(Secret);
        yield return WebUtility.UrlEncode(Secret);
        yield return System.Text.RegularExpressions.Regex.Replace(Uri.EscapeDataString(Secret), "%[0-9A-F]{2}", hex => hex.Value.ToLowerInvariant());

        // Base64: the characters that depend on the secret alone (the last one also holds the bits of what follows).
        var wholeCharacters = bytes.Length * 8 / 6;
        yield return Convert.ToBase64String(bytes)[..wholeCharacters];
        yield return Convert.ToBase64String(bytes)[..wholeCharacters].Replace('+', '-').Replace('/', '_');

        // The middle of the Basic header's base64 of client-id:secret, at its own alignment.
        yield return BasicHeader()[52..80];
    }

    private static string BasicHeader() =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes(TestIds.AppOnlyVariables()["AZURE_CLIENT_ID"] + ":" + Secret));

    [Fact]
    public async Task AuthorityEchoesTheRequest_TheSecretInNoForm_Exit5()
    {
        await using var entra = await FakeTokenEndpoint.StartAsync(TokenAnswer.EchoRequest);
        await using var partnerCenter = FakePartnerCenter.Start();

        var run = await CliRun.RunWithAuthorityAsync(entra.AuthorityHost, entra.TrustingTransport(), TestIds.AppOnlyVariables(Secret), Args(partnerCenter));

        Assert.Equal(ExitCodes.SignInFailed, run.ExitCode);
        var line = Assert.Single(run.ErrorLines);
        Assert.Contains("AADSTS7000215: Invalid client secret provided. Request body:", line, StringComparison.Ordinal);
        Assert.Contains("client_secret=(redacted)", line, StringComparison.Ordinal);
        Assert.Contains("Basic ", line, StringComparison.Ordinal);
        Assert.All(SecretForms(), form => Assert.DoesNotContain(form, run.All, StringComparison.Ordinal));
        Assert.Empty(partnerCenter.Requests);
    }

    [Fact]
    public async Task ServiceEchoesTheAccessToken_NeverPrinted()
    {
        await using var entra = await FakeTokenEndpoint.StartAsync(TokenAnswer.Token);
        await using var partnerCenter = FakePartnerCenter.Start();
        partnerCenter.AddBatch(DocumentedSample.CustomerId, DocumentedSample.BatchTrackingId)
            .ThenFail(403, "403", $"The token {FakeTokenEndpoint.IssuedToken} (Authorization: Bearer {FakeTokenEndpoint.IssuedToken}) lacks the role.");

        var run = await CliRun.RunWithAuthorityAsync(entra.AuthorityHost, entra.TrustingTransport(), TestIds.AppOnlyVariables(Secret), [.. Args(partnerCenter), "--json"]);

        Assert.Equal(ExitCodes.ServiceError, run.ExitCode);
        Assert.Equal("Bearer " + FakeTokenEndpoint.IssuedToken, Assert.Single(partnerCenter.Requests).GetHeader("Authorization"));
        var line = Assert.Single(run.ErrorLines);
        Assert.Contains("Error 403: The token (redacted) (Authorization: Bearer (redacted)) lacks the role.", line, StringComparison.Ordinal);
        Assert.DoesNotContain(FakeTokenEndpoint.IssuedToken, run.All, StringComparison.Ordinal);
    }

    [Fact]
    public async Task JwtInAServiceErrorDescription_NotOnTheErrorStream_NorInTheExceptionMessage()
    {
        using var service = new FakeServiceFactory(options => options.Retry.MaxRetries = 0);
        service.Fake.AddBatch(DocumentedSample.CustomerId, DocumentedSample.BatchTrackingId).ThenFail(401, "401", $"Token {Jwt} expired.");

        var run = await CliRun.RunAsync(service, TestIds.AppOnlyVariables(), "status", Customer, Batch);

        Assert.Equal(ExitCodes.ServiceError, run.ExitCode);
        Assert.Contains("Token (redacted) expired.", Assert.Single(run.ErrorLines), StringComparison.Ordinal);
        Assert.DoesNotContain("eyJ", run.All, StringComparison.Ordinal);

        // The library's own exception, as any caller logs it.
        using var client = service.Fake.CreateClient(options => options.Retry.MaxRetries = 0);
        var error = await Assert.ThrowsAsync<PartnerCenterApiException>(() => client.GetBatchJobStatusAsync(DocumentedSample.CustomerId, DocumentedSample.BatchTrackingId));
        Assert.DoesNotContain("eyJ", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("eyJ", error.ErrorDescription, StringComparison.Ordinal);
        Assert.Contains("(redacted)", error.ErrorDescription, StringComparison.Ordinal);
    }

    [Fact]
    public void LibraryException_JwtAndBearerInTheBody_RedactedInMessageAndDescription()
    {
        var body = $"{{\"code\": \"{Jwt}\", \"description\": \"Authorization: Bearer abcdefghijklmnopqrstuvwxyz012345 and {Jwt} were rejected\"}}";

        var error = new PartnerCenterApiException("failed", 401, body, null, null);

        Assert.Equal("(redacted)", error.ErrorCode);
        Assert.Equal("Authorization: Bearer (redacted) and (redacted) were rejected", error.ErrorDescription);
        Assert.DoesNotContain("eyJ", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("abcdefghijklmnop", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void LibraryException_RedirectToAUrlWithUserInfo_OnlyTheOrigin()
    {
        var headers = new Dictionary<string, IEnumerable<string>> { ["Location"] = ["https://someone:hunter2-password@proxy.example:8443/path?sig=x"] };

        var error = new PartnerCenterApiException("redirect", 302, null, headers, null);

        Assert.Contains("redirects to https://proxy.example:8443,", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("https://someone:hunter2-password@api.partnercenter.microsoft.com/v1/customers/not-a-guid/batchJobStatus/x")]
    [InlineData("Location: https://someone:hunter2-password@api.partnercenter.microsoft.com/v1/customers/c/batchJobStatus/x/extra")]
    [InlineData("https://someone-with-a-long-name.and.more:hunter2-password-that-is-long-enough-to-be-cut-by-the-quote@example.com/")]
    [InlineData("https://someone:hunter2+/=@api.partnercenter.microsoft.com/v1/customers/not-a-guid/batchJobStatus/x")]
    [InlineData("https://someone:hun/ter2@pass@api.partnercenter.microsoft.com/v1/customers/not-a-guid/batchJobStatus/x")]
    [InlineData("https://someone:hunter2?#word@api.partnercenter.microsoft.com/v1/customers/not-a-guid/batchJobStatus/x")]
    [InlineData("https://someone-with-a-long-name.and.more.to.reach.the.cut:hunter2/with-a-slash-long-enough-to-be-cut-by-the-quote@example.com/")]
    public async Task LocationWithUserInfo_UsageError_ThePasswordNeverQuoted(string location)
    {
        var run = await CliRun.RunAsync(FakeServiceFactory.Refusing(), TestIds.AppOnlyVariables(), "status", "--location", location);

        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.StartsWith("pcbatch: error: --location: ", Assert.Single(run.ErrorLines), StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", run.All, StringComparison.Ordinal);
        Assert.DoesNotContain("someone", run.All, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("hunter2-password")]
    [InlineData("hunter2+/=")]
    [InlineData("hun/ter2@pass")]
    public async Task WatchListLineWithUserInfo_UsageError_ThePasswordNeverQuoted(string password)
    {
        var run = await CliRun.RunWithInputAsync(FakeServiceFactory.Refusing(), $"https://someone:{password}@host.example/v1/customers/c/batchJobStatus/x\n", isErrorRedirected: true, "watch");

        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.DoesNotContain("hunter2", run.All, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WatchListLocationWithUserInfo_WatchedAsWithout_ThePasswordNeverShown()
    {
        var line = $"https://someone:hunter2+/=@api.partnercenter.microsoft.com/v1/customers/{TestIds.Customer}/batchJobStatus/{TestIds.DocumentedBatch}\n";

        var run = await CliRun.RunWithInputAsync(factory: null, line, isErrorRedirected: true, "watch", "--demo", "-");

        // The demo serves the documented sample, whose device failed.
        Assert.True(run.ExitCode == ExitCodes.DevicesFailed, run.ToString());
        Assert.DoesNotContain("hunter2", run.All, StringComparison.Ordinal);
        Assert.DoesNotContain("someone", run.All, StringComparison.Ordinal);
    }

    [Fact]
    public void Redactor_EveryForm_AndNothingElse()
    {
        var redactor = new Redactor([Secret, null, string.Empty]);
        var text = string.Join(" | ", SecretForms().SkipLast(1)) + " | Basic " + BasicHeader() + " | https://user:pw@host.example/a | header eyJa.eyJb.c | Bearer 0123456789abcdefXYZ | ordinary text, + / = ~ %2B";

        var redacted = redactor.Redact(text);

        Assert.All(SecretForms(), form => Assert.DoesNotContain(form, redacted, StringComparison.Ordinal));
        Assert.Contains("https://host.example/a", redacted, StringComparison.Ordinal);
        Assert.Contains("header (redacted)", redacted, StringComparison.Ordinal);
        Assert.Contains("Bearer (redacted)", redacted, StringComparison.Ordinal);
        Assert.EndsWith("ordinary text, + / = ~ %2B", redacted, StringComparison.Ordinal);
    }

    private static string[] Args(FakePartnerCenter partnerCenter) =>
        ["status", Customer, Batch, "--endpoint", partnerCenter.Endpoint.ToString()];
}
