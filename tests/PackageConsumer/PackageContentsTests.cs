using System.CodeDom.Compiler;
using System.Reflection;
using PartnerCenter.BatchStatus;
using PartnerCenter.BatchStatus.Testing;

namespace PackageConsumer;

public sealed class PackageContentsTests
{
    [Fact]
    public void ClientPackage_ContainsTheModelsAndTheInternalOperationGeneratedFromTheContract()
    {
        var assembly = typeof(BatchStatusClient).Assembly;
        var operation = assembly.GetType("PartnerCenter.BatchStatus.PartnerCenterRestClient");

        Assert.Equal("NJsonSchema", typeof(BatchUploadDetails).GetCustomAttribute<GeneratedCodeAttribute>()?.Tool);
        Assert.NotNull(operation);
        Assert.False(operation.IsPublic);
        Assert.Equal("NSwag", operation.GetCustomAttribute<GeneratedCodeAttribute>()?.Tool);

        // The public client is hand-written over it.
        Assert.Null(typeof(BatchStatusClient).GetCustomAttribute<GeneratedCodeAttribute>());
        Assert.True(typeof(IBatchStatusClient).IsAssignableFrom(typeof(BatchStatusClient)));
        Assert.NotNull(typeof(IBatchStatusClient).GetMethod(nameof(IBatchStatusClient.GetBatchJobStatusAsync)));
    }

    [Fact]
    public void Packages_AreTheVersionUnderTest()
    {
        var expected = typeof(PackageContentsTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .Single(a => a.Key == "PartnerCenterBatchStatusVersion").Value;

        Assert.StartsWith(expected + "+", InformationalVersion(typeof(BatchStatusClient).Assembly) + "+", StringComparison.Ordinal);
        Assert.StartsWith(expected + "+", InformationalVersion(typeof(FakePartnerCenter).Assembly) + "+", StringComparison.Ordinal);
    }

    [Fact]
    public void ClientAssembly_ReferencesNothingOfTheBuildTooling()
    {
        var references = typeof(BatchStatusClient).Assembly.GetReferencedAssemblies().Select(a => a.Name!).ToList();

        Assert.DoesNotContain(references, name => name.StartsWith("NSwag", StringComparison.OrdinalIgnoreCase)
            || name.StartsWith("NJsonSchema", StringComparison.OrdinalIgnoreCase)
            || name.StartsWith("Newtonsoft", StringComparison.OrdinalIgnoreCase)
            || name.StartsWith("xunit", StringComparison.OrdinalIgnoreCase)
            || name.StartsWith("WireMock", StringComparison.OrdinalIgnoreCase));
    }

    private static string InformationalVersion(Assembly assembly) =>
        assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()!.InformationalVersion;
}
