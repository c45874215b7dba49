using System.Text.Json;
using PartnerCenter.BatchStatus.Serialization;

namespace PartnerCenter.BatchStatus.Testing.Tests;

public sealed class BatchStatusModelFactoryTests
{
    [Fact]
    public void BatchUploadDetails_EveryArgument_SetsEveryProperty()
    {
        var started = new DateTimeOffset(2024, 5, 1, 8, 0, 0, TimeSpan.Zero);
        var device = BatchStatusModelFactory.DeviceUploadDetails("SN-1", DeviceUploadStatus.FinishedWithErrors, "808", "ZtdDeviceAssignedToOtherTenant", "PK-1", "4d9d5a52-4b8c-4e08-a5b7-1b1b6b3c52d8");

        var details = BatchStatusModelFactory.BatchUploadDetails("b-1", DeviceUploadStatus.Finished, started, started.AddMinutes(3), [device]);

        Assert.Equal(("b-1", "finished", started, started.AddMinutes(3)), (details.BatchTrackingId, details.Status, details.StartedTime, details.CompletedTime));
        Assert.Equal("BatchUploadDetails", details.Attributes!.ObjectType);
        Assert.Null(details.Response);
        var only = Assert.Single(details.DevicesStatus!);
        Assert.Same(device, only);
        Assert.Equal(
            ("SN-1", DeviceUploadStatus.FinishedWithErrors, "finished_with_errors", "808", "ZtdDeviceAssignedToOtherTenant", "PK-1", "4d9d5a52-4b8c-4e08-a5b7-1b1b6b3c52d8", "DeviceUploadDetails"),
            (only.SerialNumber, only.Status, only.Status, only.ErrorCode, only.ErrorDescription, only.ProductKey, only.DeviceId, only.Attributes!.ObjectType));
    }

    [Fact]
    public void BatchUploadDetails_NoArguments_HasAnEmptyDeviceList()
    {
        var details = BatchStatusModelFactory.BatchUploadDetails();

        Assert.Null(details.Status);
        Assert.NotNull(details.DevicesStatus);
        Assert.Empty(details.DevicesStatus);
    }

    [Fact]
    public void BatchUploadDetails_UnlistedStatus_KeepsTheValueAndRoundTrips()
    {
        var details = BatchStatusModelFactory.BatchUploadDetails(status: "cancelled");

        Assert.Equal("cancelled", details.Status);
        Assert.False(details.IsCompleted());
        Assert.Contains("\"status\":\"cancelled\"", JsonSerializer.Serialize(details, BatchStatusJson.BatchUploadDetails.Options), StringComparison.Ordinal);
    }

    [Fact]
    public void DeviceUploadDetails_UnlistedStatus_KeepsTheValue()
    {
        var device = BatchStatusModelFactory.DeviceUploadDetails("SN-1", status: "quarantined");

        Assert.Equal("quarantined", device.Status);
        Assert.Equal(DeviceOutcome.Unknown, device.GetOutcome());
    }

    [Fact]
    public void DocumentedSample_IsTheExampleFileReadAsTheClientReadsIt()
    {
        var sample = BatchStatusModelFactory.DocumentedSample();

        Assert.Equal(DocumentedSample.BatchTrackingId.ToString(), sample.BatchTrackingId);
        Assert.Equal("finished", sample.Status);
        Assert.Equal(new DateTimeOffset(2017, 7, 25, 10, 0, 0, TimeSpan.Zero), sample.StartedTime);
        var device = Assert.Single(sample.DevicesStatus!);
        Assert.Equal(("1234567890", DeviceUploadStatus.FinishedWithErrors, "808"), (device.SerialNumber, device.Status, device.ErrorCode));
        Assert.NotSame(sample, BatchStatusModelFactory.DocumentedSample());
    }
}
