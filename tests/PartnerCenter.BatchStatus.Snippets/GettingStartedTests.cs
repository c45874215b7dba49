using Microsoft.Extensions.DependencyInjection;
using PartnerCenter.BatchStatus;
using PartnerCenter.BatchStatus.Testing;
using Xunit;

namespace Contoso.Onboarding;

/// <summary>Runs each snippet of the README and docs/ against the kit's in-process fake: no network, no real credential.</summary>
[Collection(nameof(ConsoleOutput))]
public sealed class GettingStartedTests
{
    [Fact]
    public void CreateClient_TheCredentialAndOptionsOfTheReadme_ValidClient()
    {
        using var client = GettingStarted.CreateClient();

        Assert.NotNull(client);
    }

    [Fact]
    public async Task GetStatus_TheDocumentedSample_FinishedBatch()
    {
        var partnerCenter = new FakePartnerCenterTransport();
        partnerCenter.AddDocumentedSample();
        using var client = ClientOver(partnerCenter);

        var (details, printed) = await ConsoleOutput.CaptureAsync(() => GettingStarted.GetStatusAsync(client));

        Assert.True(details.Status == DeviceUploadStatus.Finished);
        Assert.Equal(DocumentedSample.BatchTrackingId.ToString(), details.BatchTrackingId);
        Assert.Equal([$"Batch {DocumentedSample.BatchTrackingId}: finished"], printed);
    }

    [Fact]
    public async Task WaitForCompletion_TheDocumentedSample_ItsFailedDeviceWithTheRemedy()
    {
        var partnerCenter = new FakePartnerCenterTransport();
        partnerCenter.AddDocumentedSample();
        using var client = ClientOver(partnerCenter);

        var (failed, printed) = await ConsoleOutput.CaptureAsync(
            () => GettingStarted.WaitForCompletionAsync(client, DocumentedSample.CustomerId, DocumentedSample.BatchTrackingId));

        var device = Assert.Single(failed);
        Assert.Equal(("1234567890", "808"), (device.Device.SerialNumber, device.Error?.Code));
        Assert.Equal([$"1234567890: 808 ZtdDeviceAssignedToOtherTenant. {device.Error!.Remedy}"], printed);
    }

    [Fact]
    public async Task WaitForAll_AKnownAndAnUnknownBatch_EachOutcomeOnce()
    {
        var partnerCenter = new FakePartnerCenterTransport();
        partnerCenter.AddDocumentedSample();
        using var client = ClientOver(partnerCenter);
        var unknown = Guid.NewGuid();
        BatchTrackingLocation[] batches =
        [
            new(DocumentedSample.CustomerId, DocumentedSample.BatchTrackingId),
            new(DocumentedSample.CustomerId, unknown),
        ];

        var (_, printed) = await ConsoleOutput.CaptureAsync(async () =>
        {
            await GettingStarted.WaitForAllAsync(client, batches);
            return 0;
        });

        Assert.Equal(2, printed.Count);
        Assert.Contains($"{DocumentedSample.BatchTrackingId}: 1 failed devices", printed);
        Assert.Contains(printed, line => line.StartsWith($"{unknown}: ", StringComparison.Ordinal) && line.Contains("404", StringComparison.Ordinal));
    }

    [Fact]
    public async Task HandleErrors_ABatchNobodyAdded_TheNotFoundLine()
    {
        using var client = ClientOver(new FakePartnerCenterTransport());

        var (_, printed) = await ConsoleOutput.CaptureAsync(async () =>
        {
            await GettingStarted.HandleErrorsAsync(client, DocumentedSample.CustomerId, Guid.NewGuid());
            return 0;
        });

        var line = Assert.Single(printed);
        Assert.StartsWith("No such batch for this customer (request id ", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DependencyInjection_TheReadmeRegistration_ResolvesOneClient()
    {
        var services = new ServiceCollection();
        DependencyInjection.Register(services);
        await using var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true });

        var client = provider.GetRequiredService<IBatchStatusClient>();

        Assert.Same(client, provider.GetRequiredService<IBatchStatusClient>());
    }

    private static BatchStatusClient ClientOver(FakePartnerCenterTransport partnerCenter) =>
        new(new FakeTokenCredential(), new BatchStatusClientOptions { Transport = partnerCenter });
}
