using Azure.Identity;
using PartnerCenter.BatchStatus.Cli.Connection;
using PartnerCenter.BatchStatus.Cli.Tests.Support;

namespace PartnerCenter.BatchStatus.Cli.Tests.SignIn;

/// <summary>How the options and the environment variables choose the endpoint and the sign-in; no token is ever asked for.</summary>
public sealed class SignInSettingsTests : IDisposable
{
    private const string Customer = "47021739-3426-40bf-9601-61b4b6d7c793";
    private const string Batch = "0127ed8e-ff72-4983-a3d8-e8d8bd378932";
    private const string ClientId = "11111111-2222-3333-4444-555555555555";
    private const string Secret = "secret-value-of-the-settings-tests";

    private readonly string _certificate = Path.Combine(Path.GetTempPath(), $"pcbatch-{Guid.NewGuid():N}.pfx");

    public SignInSettingsTests() => File.WriteAllText(_certificate, "only its existence matters to these tests");

    public void Dispose() => File.Delete(_certificate);

    [Fact]
    public async Task Status_SecretInTheEnvironment_AppOnlyWithTheSecret()
    {
        var factory = new RecordingClientFactory();

        var run = await CliRun.RunAsync(factory, AppOnly(), "status", Customer, Batch);

        Assert.Equal(ExitCodes.DevicesFailed, run.ExitCode);
        var settings = factory.Settings;
        Assert.Equal(AuthenticationMode.ClientSecret, settings.Authentication);
        Assert.Equal("contoso.onmicrosoft.com", settings.TenantId);
        Assert.Equal(ClientId, settings.ClientId);
        Assert.Equal(EndpointKind.Global, settings.EndpointKind);
        Assert.DoesNotContain(Secret, settings.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Status_OptionsAndEnvironment_OptionsWin()
    {
        var factory = new RecordingClientFactory();

        await CliRun.RunAsync(factory, AppOnly(), "status", Customer, Batch, "--tenant", "fabrikam.onmicrosoft.com", "--client-id", "99999999-2222-3333-4444-555555555555");

        Assert.Equal("fabrikam.onmicrosoft.com", factory.Settings.TenantId);
        Assert.Equal("99999999-2222-3333-4444-555555555555", factory.Settings.ClientId);
    }

    [Fact]
    public async Task Status_CertificateOption_WinsOverTheSecret()
    {
        var factory = new RecordingClientFactory();

        await CliRun.RunAsync(factory, AppOnly(), "status", Customer, Batch, "--certificate", _certificate);

        Assert.Equal(AuthenticationMode.ClientCertificate, factory.Settings.Authentication);
        Assert.Equal(_certificate, factory.Settings.CertificatePath);
    }

    [Fact]
    public async Task Status_CertificatePathInTheEnvironmentWithoutSecret_AppOnlyWithTheCertificate()
    {
        var variables = AppOnly();
        variables.Remove("AZURE_CLIENT_SECRET");
        variables["AZURE_CLIENT_CERTIFICATE_PATH"] = _certificate;
        var factory = new RecordingClientFactory();

        await CliRun.RunAsync(factory, variables, "status", Customer, Batch);

        Assert.Equal(AuthenticationMode.ClientCertificate, factory.Settings.Authentication);
    }

    [Fact]
    public async Task Status_DeviceCode_AppPlusUserWithAnyTenant()
    {
        var factory = new RecordingClientFactory();

        await CliRun.RunAsync(factory, null, "status", Customer, Batch, "--device-code", "--client-id", ClientId);

        Assert.Equal(AuthenticationMode.DeviceCode, factory.Settings.Authentication);
        Assert.Null(factory.Settings.TenantId);
    }

    [Fact]
    public async Task Status_DefaultCredential_NeedsNothingElse()
    {
        var factory = new RecordingClientFactory();

        var run = await CliRun.RunAsync(factory, null, "status", Customer, Batch, "--default-credential");

        Assert.Equal(ExitCodes.DevicesFailed, run.ExitCode);
        Assert.Equal(AuthenticationMode.DefaultChain, factory.Settings.Authentication);
    }

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
        var factory = new RecordingClientFactory();

        await CliRun.RunAsync(factory, AppOnly(), "status", Customer, Batch, "--endpoint", endpoint);

        Assert.Equal(Enum.Parse<EndpointKind>(kind), factory.Settings.EndpointKind);
        Assert.Equal(url, factory.Settings.CustomEndpoint?.ToString());
    }

    [Fact]
    public void CreateOptions_China_ChinaEndpointAndScope()
    {
        var settings = new ConnectionSettings { EndpointKind = EndpointKind.China };

        var options = PartnerCenterClientFactory.CreateOptions(settings, PartnerCenterCloud.China, TestEnvironment());

        Assert.Equal(PartnerCenterCloud.China.Endpoint, options.Endpoint);
        Assert.Equal([PartnerCenterCloud.China.Scope], options.Scopes);
        Assert.Equal("pcbatch", options.ApplicationName);
        options.Validate();
    }

    [Fact]
    public void CreateOptions_LoopbackHttp_AllowedOnlyThere()
    {
        var settings = new ConnectionSettings { EndpointKind = EndpointKind.Custom, CustomEndpoint = new Uri("http://127.0.0.1:5000/") };

        var options = PartnerCenterClientFactory.CreateOptions(settings, PartnerCenterCloud.Global, TestEnvironment());

        Assert.True(options.AllowInsecureLoopbackEndpoint);
        Assert.Equal([PartnerCenterCloud.Global.Scope], options.Scopes);
        options.Validate();
    }

    [Fact]
    public void CreateCredential_EachMode_TheMatchingAzureIdentityCredential()
    {
        var environment = TestEnvironment(AppOnly());
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

        var error = Assert.Throws<Commands.CliException>(() => CredentialFactory.Create(settings, PartnerCenterCloud.Global, TestEnvironment(variables)));

        Assert.Contains("could not be read as a PFX", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("certificate-password-value", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Status_AuthorityHostInTheEnvironment_TheSignInAuthority()
    {
        var factory = new RecordingClientFactory();
        var variables = AppOnly();
        variables["AZURE_AUTHORITY_HOST"] = "https://login.example.test/";

        var run = await CliRun.RunAsync(factory, variables, "status", Customer, Batch);

        Assert.Equal(ExitCodes.DevicesFailed, run.ExitCode);
        Assert.Equal(new Uri("https://login.example.test/"), factory.Settings.AuthorityHost);
        Assert.Equal(new Uri("https://login.example.test/"), CredentialFactory.AuthorityOf(factory.Settings, PartnerCenterCloud.Global, TestEnvironment(variables)));
    }

    [Fact]
    public async Task Status_NoAuthorityHost_TheCloudsOwn()
    {
        var factory = new RecordingClientFactory();

        var run = await CliRun.RunAsync(factory, AppOnly(), "status", Customer, Batch, "--endpoint", "china");

        Assert.Equal(ExitCodes.DevicesFailed, run.ExitCode);
        Assert.Null(factory.Settings.AuthorityHost);
        Assert.Equal(PartnerCenterCloud.China.AuthorityHost, CredentialFactory.AuthorityOf(factory.Settings, PartnerCenterCloud.China, TestEnvironment()));
    }

    [Theory]
    [InlineData("http://login.example.test/", "AZURE_AUTHORITY_HOST 'http://login.example.test/' is not the https URL of a sign-in authority")]
    [InlineData("login.example.test", "AZURE_AUTHORITY_HOST 'login.example.test' is not the https URL of a sign-in authority")]
    [InlineData("https://login.example.test/?x=1", "AZURE_AUTHORITY_HOST must be the https URL of a sign-in authority, such as https://login.microsoftonline.com/, without user information, query or fragment.")]
    public async Task Status_AuthorityHostThatIsNoHttpsUrl_UsageErrorBeforeAnythingIsSent(string value, string message)
    {
        var factory = new RecordingClientFactory();
        var variables = AppOnly();
        variables["AZURE_AUTHORITY_HOST"] = value;

        var run = await CliRun.RunAsync(factory, variables, "status", Customer, Batch);

        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.Contains(message, Assert.Single(run.ErrorLines), StringComparison.Ordinal);
        Assert.Empty(factory.Requests);
    }

    [Fact]
    public async Task Status_AuthorityHostWithUserInformation_RefusedWithoutRepeatingIt()
    {
        var factory = new RecordingClientFactory();
        var variables = AppOnly();
        variables["AZURE_AUTHORITY_HOST"] = "http://user:p4ssw0rd@login.example.test/";

        var run = await CliRun.RunAsync(factory, variables, "status", Customer, Batch);

        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.Contains("AZURE_AUTHORITY_HOST must be the https URL of a sign-in authority", run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("p4ssw0rd", run.All, StringComparison.Ordinal);
        Assert.Empty(factory.Requests);
    }

    private static Dictionary<string, string> AppOnly() => new()
    {
        ["AZURE_TENANT_ID"] = "contoso.onmicrosoft.com",
        ["AZURE_CLIENT_ID"] = ClientId,
        ["AZURE_CLIENT_SECRET"] = Secret,
    };

    private static CliEnvironment TestEnvironment(Dictionary<string, string>? variables = null) => new()
    {
        Out = TextWriter.Null,
        Error = TextWriter.Null,
        GetEnvironmentVariable = name => variables is not null && variables.TryGetValue(name, out var value) ? value : null,
    };
}
