namespace PartnerCenter.BatchStatus.Testing.Tests;

/// <summary>The kit as a downstream test uses it: a batch polled through the fake, and a mocked client answering with factory models.</summary>
public sealed class KitExampleTests
{
    private readonly Guid _customerId = Guid.NewGuid();
    private readonly Guid _batchTrackingId = Guid.NewGuid();

    [Fact]
    public async Task PollingThroughTheFake_QueuedProcessingFinishedWithErrors_FindsTheFailedDevice()
    {
        var customerId = _customerId;
        var batchTrackingId = _batchTrackingId;
        await using var fake = FakePartnerCenter.Start();
        var batch = fake.AddBatch(customerId, batchTrackingId)
            .ThenQueued()
            .ThenProcessing()
            .ThenFinishedWithErrors(
                FakeDevice.Finished("SN-1"),
                FakeDevice.Failed("SN-2", "808", "ZtdDeviceAssignedToOtherTenant"));
        IBatchStatusClient client = fake.CreateClient();

        BatchUploadDetails details;
        do
        {
            details = await client.GetBatchJobStatusAsync(customerId, batchTrackingId);
        }
        while (details.Status == DeviceUploadStatus.Queued || details.Status == DeviceUploadStatus.Processing);

        var failed = Assert.Single(details.DevicesStatus!, d => d.Status == DeviceUploadStatus.FinishedWithErrors);
        Assert.Equal(("SN-2", "808"), (failed.SerialNumber, failed.ErrorCode));
        Assert.Equal(3, batch.Calls);
        Assert.All(fake.Requests, r => Assert.Equal($"/v1/customers/{customerId}/batchJobStatus/{batchTrackingId}", r.Path));
    }

    [Fact]
    public async Task MockedClient_FactoryModels_AnswersWithThem()
    {
        var details = BatchStatusModelFactory.BatchUploadDetails(
            status: DeviceUploadStatus.Finished,
            devicesStatus:
            [
                BatchStatusModelFactory.DeviceUploadDetails("SN-2", DeviceUploadStatus.FinishedWithErrors, errorCode: "808"),
                BatchStatusModelFactory.DeviceUploadDetails("SN-3", status: "quarantined"), // a status the contract does not list
            ]);
        IBatchStatusClient client = new OneAnswerClient(details);

        var answer = await client.GetBatchJobStatusAsync(_customerId, _batchTrackingId);
        Assert.Equal(["finished_with_errors", "quarantined"], answer.DevicesStatus!.Select(d => d.Status));
        Assert.Equal("quarantined", answer.DevicesStatus![1].Status);
    }

    /// <summary>A hand-written client, as a unit test that mocks <see cref="IBatchStatusClient"/> writes one.</summary>
    private sealed class OneAnswerClient(BatchUploadDetails answer) : IBatchStatusClient
    {
        public Task<BatchUploadDetails> GetBatchJobStatusAsync(Guid customerId, Guid batchTrackingId, CancellationToken cancellationToken = default) =>
            Task.FromResult(answer);
    }
}
