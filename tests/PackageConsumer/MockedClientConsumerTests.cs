using PartnerCenter.BatchStatus;
using PartnerCenter.BatchStatus.Testing;

namespace PackageConsumer;

public sealed class MockedClientConsumerTests
{
    [Fact]
    public async Task WaitAndListFailuresAsync_MockedClientWithFactoryModels_ListsTheFailedDevices()
    {
        var client = new ScriptedClient(
            BatchStatusModelFactory.BatchUploadDetails(status: DeviceUploadStatus.Processing),
            BatchStatusModelFactory.BatchUploadDetails(
                status: DeviceUploadStatus.Finished,
                devicesStatus:
                [
                    BatchStatusModelFactory.DeviceUploadDetails("SN-1", DeviceUploadStatus.Finished),
                    BatchStatusModelFactory.DeviceUploadDetails("SN-2", status: "quarantined", errorCode: "999"),
                ]));

        var failures = await FailedDeviceReport.WaitAndListFailuresAsync(client, Guid.NewGuid(), Guid.NewGuid(), maxPolls: 5);

        Assert.Equal(["SN-2: 999 "], failures);
        Assert.Equal(2, client.Calls);
    }

    /// <summary>A hand-written mock: answers each call with the next model.</summary>
    private sealed class ScriptedClient(params BatchUploadDetails[] answers) : IBatchStatusClient
    {
        public int Calls { get; private set; }

        public Task<BatchUploadDetails> GetBatchJobStatusAsync(Guid customerId, Guid batchTrackingId, CancellationToken cancellationToken = default) =>
            Task.FromResult(answers[Math.Min(Calls++, answers.Length - 1)]);
    }
}
