using System.Reflection;
using System.Runtime.Versioning;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using PartnerCenter.BatchStatus;
using PartnerCenter.BatchStatus.Testing;

namespace PackageConsumerNet8;

public sealed class HostedServiceTests
{
    [Fact]
    public async Task GetBatchJobStatusAsync_ClientFromTheHostsContainer_ReadsTheDocumentedSample()
    {
        await using var fake = FakePartnerCenter.Start();
        fake.AddDocumentedSample();
        var builder = Host.CreateApplicationBuilder();
        builder.Services.AddBatchStatusClient(fake.Credential, options =>
        {
            options.Endpoint = fake.Endpoint;
            options.AllowInsecureLoopbackEndpoint = true;
        });
        using var host = builder.Build();

        var details = await host.Services.GetRequiredService<IBatchStatusClient>()
            .GetBatchJobStatusAsync(DocumentedSample.CustomerId, DocumentedSample.BatchTrackingId);

        Assert.Equal("finished", details.Status);
        var device = Assert.Single(details.DevicesStatus ?? []);
        Assert.Equal((DeviceUploadStatus.FinishedWithErrors, "808"), (device.Status, device.ErrorCode));
    }

    [Fact]
    public void Application_BuildsOnTheNet8BuildOfThePackagesAndMicrosoftExtensions8()
    {
        Assert.Equal(".NETCoreApp,Version=v8.0", TargetFramework(typeof(BatchStatusClient)));
        Assert.Equal(".NETCoreApp,Version=v8.0", TargetFramework(typeof(FakePartnerCenter)));

        // What the application ships with, from its dependency manifest. (At run time the ASP.NET Core shared framework,
        // which the kit's WireMock needs, supplies its own Microsoft.Extensions: 8.x on the .NET 8 runtime.)
        using var manifest = JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "PackageConsumerNet8.deps.json")));
        var extensions = manifest.RootElement.GetProperty("libraries").EnumerateObject()
            .Select(library => library.Name)
            .Where(name => name.StartsWith("Microsoft.Extensions.", StringComparison.Ordinal))
            .ToList();
        Assert.Contains("Microsoft.Extensions.Hosting/8.0.1", extensions);
        Assert.Contains("Microsoft.Extensions.Logging.Abstractions/8.0.3", extensions);
        Assert.All(extensions, name => Assert.StartsWith("8.", name.Split('/')[1], StringComparison.Ordinal));
    }

    private static string? TargetFramework(Type type) => type.Assembly.GetCustomAttribute<TargetFrameworkAttribute>()?.FrameworkName;
}
