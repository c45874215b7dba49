using PartnerCenter.BatchStatus.Testing;

namespace PackageConsumer;

public sealed class FakePartnerCenterConsumerTests
{
    [Fact]
    public async Task WaitAndListFailuresAsync_BatchThroughTheFakeService_ListsTheFailedDeviceAfterThreePolls()
    {
        await using var fake = FakePartnerCenter.Start();
        var batch = fake.AddBatch(Guid.NewGuid(), Guid.NewGuid())
            .ThenQueued()
            .ThenProcessing()
            .ThenFinishedWithErrors(FakeDevice.Finished("SN-1"), FakeDevice.Failed("SN-2", "808", "ZtdDeviceAssignedToOtherTenant"));

        var failures = await FailedDeviceReport.WaitAndListFailuresAsync(fake.CreateClient(), batch.CustomerId, batch.BatchTrackingId, maxPolls: 10);

        Assert.Equal(["SN-2: 808 ZtdDeviceAssignedToOtherTenant"], failures);
        Assert.Equal(3, batch.Calls);
        Assert.All(fake.Requests, r => Assert.Equal($"/v1/customers/{batch.CustomerId}/batchJobStatus/{batch.BatchTrackingId}", r.Path));
        Assert.Equal("127.0.0.1", fake.Endpoint.Host);
    }

    [Fact]
    public async Task GetBatchJobStatusAsync_DocumentedSample_IsServedFromThePackage()
    {
        await using var fake = FakePartnerCenter.Start();
        fake.AddDocumentedSample();

        var failures = await FailedDeviceReport.WaitAndListFailuresAsync(fake.CreateClient(), DocumentedSample.CustomerId, DocumentedSample.BatchTrackingId, maxPolls: 1);

        Assert.Equal(["1234567890: 808 ZtdDeviceAssignedToOtherTenant"], failures);
    }

    [Fact]
    public async Task WaitAndListFailuresAsync_BatchThroughTheInProcessFake_RetriesA503AndListsTheFailedDevice()
    {
        using var service = new FakePartnerCenterTransport();
        var batch = service.AddBatch(Guid.NewGuid(), Guid.NewGuid())
            .ThenFail(503)
            .ThenFinishedWithErrors(FakeDevice.Failed("SN-2", "808", "ZtdDeviceAssignedToOtherTenant"));

        var failures = await FailedDeviceReport.WaitAndListFailuresAsync(service.CreateClient(), batch.CustomerId, batch.BatchTrackingId, maxPolls: 10);

        Assert.Equal(["SN-2: 808 ZtdDeviceAssignedToOtherTenant"], failures);
        Assert.Equal([503, 200], service.Requests.Select(request => request.StatusCode));
    }
}
