using TokenCredential = Azure.Core.TokenCredential;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PartnerCenter.BatchStatus.Testing;
using PartnerCenter.BatchStatus.Tests.Support;

namespace PartnerCenter.BatchStatus.Tests.Pipeline;

public sealed class DependencyInjectionTests : IDisposable
{
    private readonly FakePartnerCenter _server = FakePartnerCenter.Start();
    private readonly TestTokenCredential _credential = new();
    private readonly CapturingLoggerProvider _logs = new();

    public DependencyInjectionTests()
    {
        _server.AddDocumentedSample();
    }

    public void Dispose()
    {
        _server.Dispose();
        _logs.Dispose();
    }

    [Fact]
    public async Task AddBatchStatusClient_WithACredential_ResolvesAWorkingClient()
    {
        var services = new ServiceCollection();
        services.AddLogging(logging => logging.SetMinimumLevel(LogLevel.Trace).AddProvider(_logs));
        var builder = services.AddBatchStatusClient(_credential, options =>
        {
            options.Endpoint = _server.Endpoint;
            options.AllowInsecureLoopbackEndpoint = true;
            options.ApplicationName = "Contoso";
        });
        await using var provider = services.BuildServiceProvider();
        provider.GetRequiredService<IStartupValidator>().Validate();

        var client = provider.GetRequiredService<IBatchStatusClient>();
        var details = await client.GetDocumentedAsync();
        await provider.GetRequiredService<BatchStatusClient>().GetBatchJobStatusAsync(DocumentedIds.CustomerId, DocumentedIds.BatchTrackingId);

        Assert.Equal("PartnerCenter.BatchStatus", builder.Name);
        Assert.IsType<BatchStatusClient>(client);
        Assert.Equal("finished", details.Status);
        var entries = _server.Requests;
        Assert.Equal(2, entries.Count);
        Assert.All(entries, entry =>
        {
            Assert.Equal("Bearer " + _credential.Token, entry.GetHeader("Authorization"));
            Assert.Equal("Contoso", entry.GetHeader(PartnerCenterHeaderNames.Application));
            Assert.Equal("en-US", entry.GetHeader(PartnerCenterHeaderNames.Locale));
            Assert.StartsWith("PartnerCenter.BatchStatus/", entry.GetHeader("User-Agent"), StringComparison.Ordinal);
        });
        Assert.Equal(1, _credential.Calls);

        // One line per call from the client; the factory's own per-attempt lines are removed.
        Assert.Equal(2, _logs.For("PartnerCenter.BatchStatus").Count());
        Assert.DoesNotContain(_logs.Entries, entry => entry.Category.StartsWith("System.Net.Http.HttpClient", StringComparison.Ordinal));
        Assert.DoesNotContain(_credential.Token, _logs.AllText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AddBatchStatusClient_CredentialFromTheContainer_IsUsed()
    {
        var services = new ServiceCollection();
        services.AddSingleton<TokenCredential>(_credential);
        services.AddBatchStatusClient(options =>
        {
            options.Endpoint = _server.Endpoint;
            options.AllowInsecureLoopbackEndpoint = true;
        });
        await using var provider = services.BuildServiceProvider();

        await provider.GetRequiredService<IBatchStatusClient>().GetBatchJobStatusAsync(DocumentedIds.CustomerId, DocumentedIds.BatchTrackingId);

        Assert.Equal("Bearer " + _credential.Token, Assert.Single(_server.Requests).GetHeader("Authorization"));
    }

    [Fact]
    public async Task AddBatchStatusClient_NoCredentialAnywhere_ExplainsWhatIsMissing()
    {
        var services = new ServiceCollection();
        services.AddBatchStatusClient();
        await using var provider = services.BuildServiceProvider();

        var exception = Assert.Throws<InvalidOperationException>(provider.GetRequiredService<IBatchStatusClient>);

        Assert.Contains("TokenCredential", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AddBatchStatusClient_BadOptions_FailAtStartUp()
    {
        var services = new ServiceCollection();
        services.AddBatchStatusClient(_credential, options => options.Endpoint = new Uri("http://api.partnercenter.microsoft.com/"));
        await using var provider = services.BuildServiceProvider();

        var atStartUp = Assert.Throws<OptionsValidationException>(provider.GetRequiredService<IStartupValidator>().Validate);
        var onResolution = Assert.Throws<OptionsValidationException>(provider.GetRequiredService<IBatchStatusClient>);

        Assert.Contains("must use https", atStartUp.Message, StringComparison.Ordinal);
        Assert.Contains("must use https", onResolution.Message, StringComparison.Ordinal);
        Assert.Equal(0, _credential.Calls);
    }

    [Fact]
    public async Task AddBatchStatusClient_CalledTwice_BuildsOnePipelineWithBothConfigurations()
    {
        var services = new ServiceCollection();
        services.AddLogging(logging => logging.AddProvider(_logs));
        services.AddBatchStatusClient(new TestTokenCredential(), options =>
        {
            options.Endpoint = _server.Endpoint;
            options.AllowInsecureLoopbackEndpoint = true;
        });
        services.AddBatchStatusClient(_credential, options => options.ApplicationName = "Second");
        await using var provider = services.BuildServiceProvider();

        await provider.GetRequiredService<IBatchStatusClient>().GetBatchJobStatusAsync(DocumentedIds.CustomerId, DocumentedIds.BatchTrackingId);

        var entry = Assert.Single(_server.Requests);
        Assert.Equal("Bearer " + _credential.Token, entry.GetHeader("Authorization"));
        Assert.Equal("Second", entry.GetHeader(PartnerCenterHeaderNames.Application));
        Assert.Single(_logs.For("PartnerCenter.BatchStatus"));
    }

    [Fact]
    public void AddBatchStatusClient_NullArguments_ThrowArgumentNullException()
    {
        Assert.Throws<ArgumentNullException>(() => ((IServiceCollection)null!).AddBatchStatusClient());
        Assert.Throws<ArgumentNullException>(() => new ServiceCollection().AddBatchStatusClient((TokenCredential)null!));
    }
}
