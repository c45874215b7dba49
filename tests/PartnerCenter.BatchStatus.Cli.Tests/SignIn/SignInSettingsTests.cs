using Azure.Identity;
using PartnerCenter.BatchStatus.Cli.Connection;
using PartnerCenter.BatchStatus.Cli.Tests.Support;

namespace PartnerCenter.BatchStatus.Cli.Tests.SignIn;

/// <summary>How the options and the environment variables choose the endpoint and the sign-in; no token is ever asked for.</summary>
public sealed class SignInSettingsTests : IDisposable
{
    private const string ClientId = "11111111-2222-3333-4444-555555555555";
    private const string Secret = "secret-value-of-the-settings-tests";
    private readonly ScratchFolder _scratch = new();
    private readonly FakeServiceFactory _service = FakeServiceFactory.WithSample();
    private readonly string _certificate;

    public SignInSettingsTests()
    {
        _certificate = _scratch["app.pfx"];
        File.WriteAllText(_certificate, "only its existence matters to these tests");
    }

    public void Dispose()
    {
        _service.Dispose();
        _scratch.Dispose();
    }

    [Fact]
    public async Task Status_SecretInTheEnvironment_AppOnlyWithTheSecret()
    {
        var settings = await SettingsAsync(AppOnly());

        Assert.Equal(AuthenticationMode.ClientSecret, settings.Authentication);
        Assert.Equal(("contoso.onmicrosoft.com", ClientId, EndpointKind.Global), (settings.TenantId, settings.ClientId, settings.EndpointKind));
        Assert.DoesNotContain(Secret, settings.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Status_OptionsAndEnvironment_OptionsWin()
    {
        var settings = await SettingsAsync(AppOnly(), "--tenant", "fabrikam.onmicrosoft.com", "--client-id", "99999999-2222-3333-4444-555555555555");

        Assert.Equal(("fabrikam.onmicrosoft.com", "99999999-2222-3333-4444-555555555555"), (settings.TenantId, settings.ClientId));
    }

    [Fact]
    public async Task Status_CertificateOption_WinsOverTheSecret()
    {
        var settings = await SettingsAsync(AppOnly(), "--certificate", _certificate);

        Assert.Equal((AuthenticationMode.ClientCertificate, _certificate), (settings.Authentication, settings.CertificatePath));
    }

    [Fact]
    public async Task Status_CertificatePathInTheEnvironmentWithoutSecret_AppOnlyWithTheCertificate()
    {
        var variables = AppOnly();
        variables.Remove("AZURE_CLIENT_SECRET");
        variables["AZURE_CLIENT_CERTIFICATE_PATH"] = _certificate;

        Assert.Equal(AuthenticationMode.ClientCertificate, (await SettingsAsync(variables)).Authentication);
    }

    [Fact]
    public async Task Status_DeviceCode_AppPlusUserWithAnyTenant()
    {
        var settings = await SettingsAsync([], "--device-code", "--client-id", ClientId);

        Assert.Equal((AuthenticationMode.DeviceCode, null), (settings.Authentication, settings.TenantId));
    }

    [Fact]
    public async Task Status_DefaultCredential_NeedsNothingElse() =>
        Assert.Equal(AuthenticationMode.DefaultChain, (await SettingsAsync([], "--default-credential")).Authentication);

    [Theory]
    [InlineData("china", "China", null)]
    [InlineData("CHINA", "China", null)]
    [InlineData("https://partner.partnercenterapi.microsoftonline.cn", "China", null)]
    [InlineData("global", "Global", null)]
    [InlineData("https://api.partnercenter.microsoft.com/", "Global", null)]
    [InlineData("https://proxy.contoso.com/partner-center", "Custom", "https://proxy.contoso.com/partner-center/")]
    [InlineData("http://127.0.0.1:5000", "Custom", "http://127.0.0.1:5000/")]
    public async Task Status_Endpoint_ReadAsCloudOrUrl(string endpoint, string kind, string? url)
    {
        var settings = await SettingsAsync(AppOnly(), "--endpoint", endpoint);

        Assert.Equal((Enum.Parse<EndpointKind>(kind), url), (settings.EndpointKind, settings.CustomEndpoint?.ToString()));
    }

    [Fact]
    public void CreateOptions_China_ChinaEndpointAndScope()
    {
        var options = PartnerCenterClientFactory.CreateOptions(new ConnectionSettings { EndpointKind = EndpointKind.China }, PartnerCenterCloud.China, Environment());

        Assert.Equal((PartnerCenterCloud.China.Endpoint, "pcbatch"), (options.Endpoint, options.ApplicationName));
        Assert.Equal([PartnerCenterCloud.China.Scope], options.Scopes);
        options.Validate();
    }

    [Fact]
    public void CreateOptions_LoopbackHttp_AllowedOnlyThere()
    {
        var settings = new ConnectionSettings { EndpointKind = EndpointKind.Custom, CustomEndpoint = new Uri("http://127.0.0.1:5000/") };

        var options = PartnerCenterClientFactory.CreateOptions(settings, PartnerCenterCloud.Global, Environment());

        Assert.True(options.AllowInsecureLoopbackEndpoint);
        Assert.Equal([PartnerCenterCloud.Global.Scope], options.Scopes);
        options.Validate();
    }

    [Fact]
    public void CreateCredential_EachMode_TheMatchingAzureIdentityCredential()
    {
        var environment = Environment(AppOnly());
        var appOnly = new ConnectionSettings { Authentication = AuthenticationMode.ClientSecret, TenantId = "contoso.onmicrosoft.com", ClientId = ClientId };

        Assert.IsType<ClientSecretCredential>(CredentialFactory.Create(appOnly, PartnerCenterCloud.China, environment));
        Assert.IsType<DeviceCodeCredential>(CredentialFactory.Create(appOnly with { Authentication = AuthenticationMode.DeviceCode }, PartnerCenterCloud.Global, environment));
        Assert.IsType<DefaultAzureCredential>(CredentialFactory.Create(appOnly with { Authentication = AuthenticationMode.DefaultChain }, PartnerCenterCloud.Global, environment));
    }

    [Fact]
    public void CreateCredential_UnreadableCertificate_UsageErrorWithoutThePassword()
    {
        var variables = AppOnly();
        variables["AZURE_CLIENT_CERTIFICATE_PASSWORD"] = "certificate-password-value";
        var settings = new ConnectionSettings { Authentication = AuthenticationMode.ClientCertificate, TenantId = "contoso.onmicrosoft.com", ClientId = ClientId, CertificatePath = _certificate };

        var error = Assert.Throws<Commands.CliException>(() => CredentialFactory.Create(settings, PartnerCenterCloud.Global, Environment(variables)));

        Assert.Contains("could not be read as a PFX", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("certificate-password-value", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Status_AuthorityHostInTheEnvironment_TheSignInAuthority()
    {
        var variables = AppOnly();
        variables["AZURE_AUTHORITY_HOST"] = "https://login.example.test/";

        var settings = await SettingsAsync(variables);

        Assert.Equal(new Uri("https://login.example.test/"), settings.AuthorityHost);
        Assert.Equal(new Uri("https://login.example.test/"), CredentialFactory.AuthorityOf(settings, PartnerCenterCloud.Global, Environment(variables)));
    }

    [Fact]
    public async Task Status_NoAuthorityHost_TheCloudsOwn()
    {
        var settings = await SettingsAsync(AppOnly(), "--endpoint", "china");

        Assert.Null(settings.AuthorityHost);
        Assert.Equal(PartnerCenterCloud.China.AuthorityHost, CredentialFactory.AuthorityOf(settings, PartnerCenterCloud.China, Environment()));
    }

    [Theory]
    [InlineData("http://login.example.test/", "AZURE_AUTHORITY_HOST 'http://login.example.test/' is not the https URL of a sign-in authority")]
    [InlineData("login.example.test", "AZURE_AUTHORITY_HOST 'login.example.test' is not the https URL of a sign-in authority")]
    [InlineData("https://login.example.test/?x=1", "AZURE_AUTHORITY_HOST must be the https URL of a sign-in authority, such as https://login.microsoftonline.com/, without user information, query or fragment.")]
    [InlineData("http://user:p4ssw0rd@login.example.test/", "AZURE_AUTHORITY_HOST must be the https URL of a sign-in authority")]
    public async Task Status_AuthorityHostThatIsNoHttpsUrl_UsageErrorBeforeAnythingIsSent_NeverRepeatingUserInformation(string value, string message)
    {
        var variables = AppOnly();
        variables["AZURE_AUTHORITY_HOST"] = value;

        var run = await CliRun.RunAsync(_service, variables, "status", TestIds.Customer, TestIds.DocumentedBatch);

        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.Contains(message, Assert.Single(run.ErrorLines), StringComparison.Ordinal);
        Assert.DoesNotContain("p4ssw0rd", run.All, StringComparison.Ordinal);
        Assert.Empty(_service.Requests);
    }

    /// <summary>Runs <c>pcbatch status</c> for the documented batch and returns the settings the client was made with.</summary>
    private async Task<ConnectionSettings> SettingsAsync(Dictionary<string, string> variables, params string[] options)
    {
        var run = await CliRun.RunAsync(_service, variables, ["status", TestIds.Customer, TestIds.DocumentedBatch, .. options]);
        Assert.True(run.ExitCode == ExitCodes.DevicesFailed, run.ToString());
        return _service.Settings;
    }

    private static Dictionary<string, string> AppOnly() => TestIds.AppOnlyVariables(Secret);

    private static CliEnvironment Environment(Dictionary<string, string>? variables = null) => new()
    {
        Out = TextWriter.Null,
        Error = TextWriter.Null,
        GetEnvironmentVariable = name => variables is not null && variables.TryGetValue(name, out var value) ? value : null,
    };
}
