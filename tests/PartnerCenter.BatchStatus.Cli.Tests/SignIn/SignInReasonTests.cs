using System.Net.Sockets;
using System.Security.Authentication;
using Azure.Identity;
using PartnerCenter.BatchStatus.Cli.Output;
using PartnerCenter.BatchStatus.Cli.SignIn;

namespace PartnerCenter.BatchStatus.Cli.Tests.SignIn;

/// <summary>The reason of a sign-in failure, found in Azure.Identity's exceptions, in one line.</summary>
public sealed class SignInReasonTests
{
    [Fact]
    public void DefaultCredentialChain_EveryCredentialInShort_NothingCutMidList()
    {
        var message = "DefaultAzureCredential failed to retrieve a token from the included credentials. See the troubleshooting guide for more information. https://aka.ms/azsdk/net/identity/defaultazurecredential/troubleshoot\n"
            + "- EnvironmentCredential authentication unavailable. Environment variables are not fully configured. See the troubleshooting guide for more information. https://aka.ms/azsdk/net/identity/environmentcredential/troubleshoot\n"
            + "- WorkloadIdentityCredential authentication unavailable. The workload options are not fully configured. See the troubleshooting guide for more information. https://aka.ms/azsdk/net/identity/workloadidentitycredential/troubleshoot\n"
            + "- ManagedIdentityCredential authentication unavailable. No response received from the managed identity endpoint.\n"
            + "- VisualStudioCredential authentication failed: Visual Studio Token provider can't be accessed at /home/partner/.IdentityService/AzureServiceAuth/tokenprovider.json\n"
            + "- AzureCliCredential authentication failed: Azure CLI not installed\n"
            + "- AzurePowerShellCredential authentication failed: PowerShell is not installed.\n"
            + "- AzureDeveloperCliCredential authentication failed: Azure Developer CLI could not be found.";

        var reason = SignInReason.Describe(new CredentialUnavailableException(message));

        Assert.StartsWith("no credential of the chain could sign in: EnvironmentCredential authentication unavailable.", reason, StringComparison.Ordinal);
        Assert.Contains("| AzureDeveloperCliCredential authentication failed: Azure Developer CLI could not be found.", reason, StringComparison.Ordinal);
        Assert.Equal(7, reason.Split(" | ").Length);
        Assert.True(reason.Length < 1000, reason);
        Assert.DoesNotContain('\n', reason);
    }

    [Fact]
    public void RetriedNetworkFailure_OneReason_NoRetryAdvice()
    {
        var refused = Enumerable.Range(0, 4)
            .Select(_ => (Exception)new HttpRequestException("Connection refused (127.0.0.1:1)", new SocketException((int)SocketError.ConnectionRefused)))
            .ToList();
        var retries = new AggregateException("Retry failed after 4 tries. Retry settings can be adjusted in ClientOptions.Retry or by configuring a custom retry policy in ClientOptions.RetryPolicy.", refused);

        var reason = SignInReason.Describe(new AuthenticationFailedException("ClientSecretCredential authentication failed: ", retries));

        Assert.Equal("the sign-in authority could not be reached: Connection refused", reason);
    }

    [Fact]
    public void TlsFailure_TheCertificateCause_NotSeeInnerException()
    {
        var tls = new HttpRequestException("The SSL connection could not be established, see inner exception.", new AuthenticationException("The remote certificate is invalid because of errors in the certificate chain: UntrustedRoot"));

        var reason = SignInReason.Describe(new AuthenticationFailedException("ClientSecretCredential authentication failed: ", tls));

        Assert.Equal("the TLS connection to the sign-in authority failed: The remote certificate is invalid because of errors in the certificate chain: UntrustedRoot", reason);
    }

    [Fact]
    public void UnknownApplication_AadstsCodeTextAndWhatToCheck()
    {
        var inner = new InvalidOperationException("AADSTS700016: Application with identifier 'x' was not found in the directory 'contoso'.\r\nTrace ID: t Correlation ID: c Timestamp: 2026-11-29 10:00:00Z");

        var reason = SignInReason.Describe(new AuthenticationFailedException("ClientSecretCredential authentication failed: ", inner));

        Assert.Equal("AADSTS700016: Application with identifier 'x' was not found in the directory 'contoso'. Trace ID: t Correlation ID: c Check the application (client) id (--client-id or AZURE_CLIENT_ID) and the tenant the app is registered in.", reason);
    }

    [Fact]
    public void CallTimeout_NoLibraryOptionNamed()
    {
        var timeout = new PartnerCenterTimeoutException("The call to Partner Center did not complete within 100 s (BatchStatusClientOptions.Timeout), after 4 attempt(s). Request id: r, correlation id: c.", TimeSpan.FromSeconds(100), "r", "c", null);

        var (exitCode, message) = ErrorReport.Describe(timeout, cancelled: false);

        Assert.Equal(ExitCodes.Timeout, exitCode);
        Assert.Equal("The call to Partner Center did not complete within 100 s, after 4 attempt(s). Request id: r, correlation id: c. Partner Center was slow to answer: try again later.", message);
    }
}
