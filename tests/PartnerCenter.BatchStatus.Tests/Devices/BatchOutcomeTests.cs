using System.Text.Json;
using PartnerCenter.BatchStatus.Serialization;
using PartnerCenter.BatchStatus.Tests.Support;
using static PartnerCenter.BatchStatus.Tests.Support.BatchDetailsFactory;

namespace PartnerCenter.BatchStatus.Tests.Devices;

public sealed class BatchOutcomeTests
{
    [Fact]
    public void Summarize_DocumentedSample_IsOneFailedDeviceWith808()
    {
        var details = JsonSerializer.Deserialize<BatchUploadDetails>(RepositoryFiles.ReadDocumentedSample(), BatchStatusJson.Options)!;

        // The documented case: the batch is finished, yet its only device failed.
        Assert.Equal("finished", details.Status);
        Assert.True(details.IsCompleted());
        Assert.Equal("1 device: 0 succeeded, 1 failed (808 ZtdDeviceAssignedToOtherTenant ×1)", details.Summarize());

        var failed = Assert.Single(details.GetFailedDevices());
        Assert.Equal("1234567890", failed.Device.SerialNumber);
        Assert.Equal("808", failed.Error?.Code);
        Assert.Equal("The device is registered to another tenant; its previous owner must deregister it.", failed.Error?.Meaning);
        Assert.Equal(DeviceErrorNature.Ownership, failed.Error?.Nature);
        Assert.Empty(details.GetDevices(DeviceOutcome.Succeeded));
        Assert.Empty(details.GetDevices(DeviceOutcome.Pending));
    }

    [Theory]
    [InlineData("finished", null, DeviceOutcome.Succeeded)]
    [InlineData("finished_with_errors", "808", DeviceOutcome.Failed)]
    [InlineData("finished_with_errors", null, DeviceOutcome.Failed)]
    [InlineData("finished", "806", DeviceOutcome.Failed)]
    [InlineData("processing", "640", DeviceOutcome.Failed)]
    [InlineData("queued", null, DeviceOutcome.Pending)]
    [InlineData("processing", null, DeviceOutcome.Pending)]
    [InlineData("processing", "  ", DeviceOutcome.Pending)]
    [InlineData("unknown", null, DeviceOutcome.Unknown)]
    [InlineData("cancelled", null, DeviceOutcome.Unknown)]
    [InlineData(null, null, DeviceOutcome.Unknown)]
    public void GetOutcome_StatusAndErrorCode_ClassifyTheDevice(string? status, string? errorCode, DeviceOutcome expected)
    {
        var device = Device(status, errorCode);

        Assert.Equal(expected, device.GetOutcome());
    }

    [Fact]
    public void Summarize_MixedBatch_GroupsFailuresMostFrequentFirst()
    {
        var details = BatchOf(
            Device("finished", null),
            Device("finished_with_errors", "802", "InvalidZtdHardwareHash"),
            Device("finished_with_errors", "808", "ZtdDeviceAssignedToOtherTenant"),
            Device("finished_with_errors", "808", "ZtdDeviceAssignedToOtherTenant"),
            Device("finished_with_errors", null),
            Device("processing", null),
            Device("queued", null),
            Device("cancelled", null));

        Assert.Equal(
            "8 devices: 1 succeeded, 4 failed (808 ZtdDeviceAssignedToOtherTenant ×2, 802 InvalidZtdHardwareHash ×1, no error code ×1), 2 pending, 1 with unknown status",
            details.Summarize());
        Assert.Equal(["802", "808", "808", null], details.GetFailedDevices().Select(failed => failed.Device.ErrorCode));
        Assert.Equal(2, details.GetDevices(DeviceOutcome.Pending).Count);
        Assert.Single(details.GetDevices(DeviceOutcome.Succeeded));
        Assert.Single(details.GetDevices(DeviceOutcome.Unknown));
    }

    [Fact]
    public void Summarize_AllSucceeded_HasNoFailureList()
    {
        Assert.Equal("2 devices: 2 succeeded, 0 failed", BatchOf(Device("finished", null), Device("finished", null)).Summarize());
    }

    [Fact]
    public void Summarize_NoDevices_SaysSo()
    {
        Assert.Equal("0 devices: 0 succeeded, 0 failed", Batch("queued").Summarize());
        Assert.Equal("0 devices: 0 succeeded, 0 failed", new BatchUploadDetails().Summarize());
    }

    [Fact]
    public void UnknownCode_PassesThroughUntouched()
    {
        var device = Device("finished_with_errors", "950", "ZtdSomethingNew");
        var details = BatchOf(device);

        var failed = Assert.Single(details.GetFailedDevices());

        Assert.Same(device, failed.Device);
        Assert.Null(failed.Error);
        Assert.Equal(DeviceErrorNature.Unknown, failed.Nature);
        Assert.Equal("950", device.ErrorCode);
        Assert.Equal("ZtdSomethingNew", device.ErrorDescription);
        Assert.Equal("1 device: 0 succeeded, 1 failed (950 ZtdSomethingNew ×1)", details.Summarize());
    }

    [Fact]
    public void Summarize_LongUnknownDescription_IsShortenedToOneLine()
    {
        var description = "Line one\nand " + new string('x', 100);

        var summary = BatchOf(Device("finished_with_errors", "951", description)).Summarize();

        Assert.Equal("1 device: 0 succeeded, 1 failed (951 Line one and " + new string('x', 51) + "… ×1)", summary);
    }

    [Fact]
    public void Helpers_NullDetails_ThrowArgumentNullException()
    {
        Assert.Throws<ArgumentNullException>("details", () => ((BatchUploadDetails)null!).Summarize());
        Assert.Throws<ArgumentNullException>("details", () => ((BatchUploadDetails)null!).GetFailedDevices());
        Assert.Throws<ArgumentNullException>("details", () => ((BatchUploadDetails)null!).IsCompleted());
        Assert.Throws<ArgumentNullException>("device", () => ((DeviceUploadDetails)null!).GetOutcome());
    }

    private static BatchUploadDetails BatchOf(params DeviceUploadDetails[] devices) =>
        new() { Status = "finished", DevicesStatus = devices };

    private static DeviceUploadDetails Device(string? status, string? errorCode, string? errorDescription = null) =>
        JsonSerializer.Deserialize<DeviceUploadDetails>(
            JsonSerializer.Serialize(new Dictionary<string, string?> { ["status"] = status, ["errorCode"] = errorCode, ["errorDescription"] = errorDescription }),
            BatchStatusJson.Options)!;
}
