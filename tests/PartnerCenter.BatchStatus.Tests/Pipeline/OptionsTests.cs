using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using PartnerCenter.BatchStatus.Testing;
using PartnerCenter.BatchStatus.Tests.Support;

namespace PartnerCenter.BatchStatus.Tests.Pipeline;

public sealed class OptionsTests
{
    [Fact]
    public void Constructor_DefaultOptions_AreTheDocumentedDefaults()
    {
        var options = new BatchStatusClientOptions();

        options.Validate();
        Assert.Equal(new Uri("https://api.partnercenter.microsoft.com/"), options.Endpoint);
        Assert.Equal(["https://api.partnercenter.microsoft.com/.default"], options.Scopes);
        Assert.Equal("en-US", options.Locale);
        Assert.Null(options.ApplicationName);
        Assert.False(options.AllowInsecureLoopbackEndpoint);
        Assert.Equal(TimeSpan.FromSeconds(100), options.Timeout);
        Assert.Null(options.LoggerFactory);
        Assert.Same(TimeProvider.System, options.TimeProvider);
        Assert.Equal(4, options.Retry.MaxRetries);
        Assert.Equal(TimeSpan.FromSeconds(1), options.Retry.BaseDelay);
        Assert.Equal(TimeSpan.FromSeconds(30), options.Retry.MaxDelay);
        Assert.Equal(TimeSpan.FromSeconds(60), options.Retry.MaxRetryAfter);
        Assert.Equal(TimeSpan.FromSeconds(30), options.Retry.AttemptTimeout);
        Assert.Null(options.Transport);
    }

    [Theory]
    [InlineData("https://api.partnercenter.microsoft.com/v1/")]
    [InlineData("https://api.partnercenter.microsoft.com/v1")]
    [InlineData("https://proxy.contoso.com/partnercenter/V1/")]
    public void Constructor_EndpointWithTheApiVersion_IsRefusedWithTheRootToUse(string endpoint)
    {
        var options = new BatchStatusClientOptions { Endpoint = new Uri(endpoint) };

        var exception = Assert.Throws<ArgumentException>(() => new BatchStatusClient(new TestTokenCredential(), options));

        Assert.Equal("Endpoint", exception.ParamName);
        Assert.Contains("must not include the API version", exception.Message, StringComparison.Ordinal);
        Assert.Contains("adds /v1/ itself", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AddBatchStatusClient_EndpointWithTheApiVersion_FailsValidationNamingIt()
    {
        var services = new ServiceCollection();
        services.AddBatchStatusClient(new TestTokenCredential(), options => options.Endpoint = new Uri("https://api.partnercenter.microsoft.com/v1/"));
        using var provider = services.BuildServiceProvider();

        var exception = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IBatchStatusClient>());

        Assert.Contains("must not include the API version", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void UseCloud_China_SetsTheEndpointAndItsScope()
    {
        var options = new BatchStatusClientOptions().UseCloud(PartnerCenterCloud.China);

        options.Validate();
        Assert.Equal(new Uri("https://partner.partnercenterapi.microsoftonline.cn/"), options.Endpoint);
        Assert.Equal(["https://partner.partnercenterapi.microsoftonline.cn/.default"], options.Scopes);
        Assert.Equal(new Uri("https://login.chinacloudapi.cn/"), PartnerCenterCloud.China.AuthorityHost);
        Assert.Equal(new Uri("https://login.microsoftonline.com/"), PartnerCenterCloud.Global.AuthorityHost);
    }

    [Fact]
    public void Validate_ChinaEndpointWithTheGlobalScope_ExplainsTheMixUp()
    {
        var options = new BatchStatusClientOptions { Endpoint = PartnerCenterCloud.China.Endpoint };

        var exception = Assert.Throws<ArgumentException>(options.Validate);

        Assert.Equal("Scopes", exception.ParamName);
        Assert.Contains("UseCloud(PartnerCenterCloud.China)", exception.Message, StringComparison.Ordinal);
    }

    public static TheoryData<string, Action<BatchStatusClientOptions>> InvalidOptions => new()
    {
        { "Endpoint", options => options.Endpoint = null! },
        { "Endpoint", options => options.Endpoint = new Uri("/relative", UriKind.Relative) },
        { "Endpoint", options => options.Endpoint = new Uri("ftp://api.partnercenter.microsoft.com/") },
        { "Endpoint", options => options.Endpoint = new Uri("https://user:secret@api.partnercenter.microsoft.com/") },
        { "Endpoint", options => options.Endpoint = new Uri("https://api.partnercenter.microsoft.com/?x=1") },
        { "Scopes", options => options.Scopes.Clear() },
        { "Scopes", options => options.Scopes.Add(" ") },
        { "Locale", options => options.Locale = "" },
        { "Locale", options => options.Locale = "en-US\r\nX-Evil: 1" },
        { "ApplicationName", options => options.ApplicationName = " " },
        { "ApplicationName", options => options.ApplicationName = "App\nX-Evil: 1" },
        { "Timeout", options => options.Timeout = TimeSpan.Zero },
        { "Timeout", options => options.Timeout = TimeSpan.FromDays(2) },
        { "TimeProvider", options => options.TimeProvider = null! },
        { "Retry.MaxRetries", options => options.Retry.MaxRetries = -1 },
        { "Retry.MaxRetries", options => options.Retry.MaxRetries = 11 },
        { "Retry.BaseDelay", options => options.Retry.BaseDelay = TimeSpan.FromSeconds(-1) },
        { "Retry.MaxDelay", options => options.Retry.MaxDelay = TimeSpan.FromMilliseconds(10) },
        { "Retry.MaxRetryAfter", options => options.Retry.MaxRetryAfter = TimeSpan.FromSeconds(-1) },
        { "Retry.AttemptTimeout", options => options.Retry.AttemptTimeout = TimeSpan.FromMilliseconds(1) },
    };

    [Theory]
    [MemberData(nameof(InvalidOptions))]
    public void Constructor_InvalidOptions_ThrowsArgumentExceptionNamingTheSetting(string setting, Action<BatchStatusClientOptions> spoil)
    {
        var credential = new TestTokenCredential();
        var options = new BatchStatusClientOptions();
        spoil(options);

        var exception = Assert.ThrowsAny<ArgumentException>(() => new BatchStatusClient(credential, options));

        Assert.Equal(setting, exception.ParamName);
        Assert.Contains(setting.Split('.')[^1], exception.Message, StringComparison.Ordinal);
        Assert.Equal(0, credential.Calls);
    }

    [Fact]
    public void Constructor_NullCredential_ThrowsArgumentNullException()
    {
        var exception = Assert.Throws<ArgumentNullException>(() => new BatchStatusClient(null!, new BatchStatusClientOptions()));

        Assert.Equal("credential", exception.ParamName);
    }

    [Fact]
    public void Validate_InfiniteTimeoutsAndNoRetries_AreAccepted()
    {
        var options = new BatchStatusClientOptions
        {
            Timeout = Timeout.InfiniteTimeSpan,
            Retry = { MaxRetries = 0, AttemptTimeout = Timeout.InfiniteTimeSpan },
        };

        options.Validate();
        using var client = new BatchStatusClient(new TestTokenCredential(), options);
    }

    [Fact]
    public async Task GetBatchJobStatusAsync_EndpointWithAPathWithoutTrailingSlash_KeepsThePath()
    {
        using var service = new FakePartnerCenterTransport();
        using var client = service.CreateClient(options => options.Endpoint = new Uri("https://api.partnercenter.microsoft.com/proxy"));

        // The fake serves the root only, so it answers 404; the path it was asked for is the point.
        await Assert.ThrowsAsync<PartnerCenterApiException>(() => client.GetDocumentedAsync());

        Assert.Equal(
            "/proxy/v1/customers/47021739-3426-40bf-9601-61b4b6d7c793/batchJobStatus/0127ed8e-ff72-4983-a3d8-e8d8bd378932",
            Assert.Single(service.Requests).Path);
    }
}
