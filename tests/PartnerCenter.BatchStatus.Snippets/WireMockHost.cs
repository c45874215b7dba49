using PartnerCenter.BatchStatus;
using PartnerCenter.BatchStatus.Testing;

namespace Contoso.Onboarding;

public sealed class WireMockHostTests
{
    [Xunit.Fact]
    public async Task WireMockHost_ServesTheKitsFakeOverLoopback()
    {
        var (customerId, batchTrackingId) = (Guid.NewGuid(), Guid.NewGuid());

        #region Snippet:WireMockHost
        await using var fake = FakePartnerCenter.Start();
        var batch = fake.AddBatch(customerId, batchTrackingId).ThenFail(503).ThenFinished(FakeDevice.Finished("SN-1"));
        BatchStatusClient client = fake.CreateClient(); // endpoint http://127.0.0.1:<port>/, fake token, fast retries
        var details = await client.GetBatchJobStatusAsync(customerId, batchTrackingId);
        #endregion

        Xunit.Assert.True(details.Status == DeviceUploadStatus.Finished);
        Xunit.Assert.Equal(2, batch.Calls);
        Xunit.Assert.Equal("127.0.0.1", fake.Endpoint.Host);
    }
}
