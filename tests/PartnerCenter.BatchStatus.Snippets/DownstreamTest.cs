using PartnerCenter.BatchStatus;
using PartnerCenter.BatchStatus.Testing;
using Xunit;

namespace Contoso.Onboarding;

#region Snippet:DownstreamTest
// Your service: it waits for an upload's batch and says which devices to look at.
public sealed class DeviceOnboarding(IBatchStatusClient client, TimeProvider time)
{
    public async Task<IReadOnlyList<string?>> FailedSerialNumbersAsync(Guid customerId, Guid batchTrackingId)
    {
        var details = await client.WaitForCompletionAsync(customerId, batchTrackingId, new BatchWaitOptions { TimeProvider = time });
        return [.. details.GetFailedDevices().Select(failed => failed.Device.SerialNumber)];
    }
}

// Its test: the whole client runs over the in-process fake; the fake's batches and the wait follow a fake clock.
public sealed class DeviceOnboardingTests
{
    [Fact]
    public async Task FailedSerialNumbers_BatchThatFinishesAfterTenMinutes_TheFailedDevice()
    {
        var time = new SteppingTimeProvider();
        var partnerCenter = new FakePartnerCenterTransport(time);
        var (customerId, batchTrackingId) = (Guid.NewGuid(), Guid.NewGuid());
        var batch = partnerCenter.AddBatch(customerId, batchTrackingId).FinishesAfter(
            TimeSpan.FromMinutes(10),
            FakeDevice.Finished("SN-1"),
            FakeDevice.Failed("SN-2", "808", "ZtdDeviceAssignedToOtherTenant"));
        using var client = new BatchStatusClient(new FakeTokenCredential(), new BatchStatusClientOptions { Transport = partnerCenter });
        var onboarding = new DeviceOnboarding(client, time);

        // The wait's pauses and the batch follow the stepping clock: ten minutes of polling run at once.
        var failed = await time.RunAsync(onboarding.FailedSerialNumbersAsync(customerId, batchTrackingId));

        Assert.Equal(["SN-2"], failed);
        Assert.True(time.Elapsed >= TimeSpan.FromMinutes(10));
        Assert.True(batch.Calls > 1);
    }
}
#endregion
