namespace PartnerCenter.BatchStatus.Tests.Devices;

/// <summary>A batch's failed devices selected by what to do next.</summary>
public sealed class FailedDeviceSelectionTests
{
    [Fact]
    public void GetFailedDevices_ByNature_EachDeviceInOneSelection()
    {
        var details = new BatchUploadDetails
        {
            Status = "finished",
            DevicesStatus =
            [
                Device("OK-1", DeviceUploadStatus.Finished, null, null),
                Device("T-801", DeviceUploadStatus.FinishedWithErrors, "801", "InvalidZtdRequestBody"),
                Device("T-640", DeviceUploadStatus.FinishedWithErrors, "640", null),
                Device("F-802", DeviceUploadStatus.FinishedWithErrors, "802", "InvalidZtdHardwareHash"),
                Device("F-DUP", DeviceUploadStatus.FinishedWithErrors, null, "ZtdDeviceDuplicated"),
                Device("F-4K", DeviceUploadStatus.FinishedWithErrors, null, "HashNot4k"),
                Device("O-808", DeviceUploadStatus.FinishedWithErrors, "808", "ZtdDeviceAssignedToOtherTenant"),
                Device("O-NAME", DeviceUploadStatus.FinishedWithErrors, null, "ZtdDeviceAssignedToAnotherTenant"),
                Device("D-806", DeviceUploadStatus.FinishedWithErrors, "806", "ZtdDeviceAlreadyAssigned"),
                Device("U-950", DeviceUploadStatus.FinishedWithErrors, "950", "ZtdSomethingNew"),
                Device("U-NONE", DeviceUploadStatus.FinishedWithErrors, null, null),
                Device("P-1", DeviceUploadStatus.Processing, null, null),
            ],
        };

        Assert.Equal(["T-801", "T-640"], Serials(details, DeviceErrorNature.Transient));
        Assert.Equal(["F-802", "F-DUP", "F-4K"], Serials(details, DeviceErrorNature.FixData));
        Assert.Equal(["O-808", "O-NAME"], Serials(details, DeviceErrorNature.Ownership));
        Assert.Equal(["D-806"], Serials(details, DeviceErrorNature.AlreadyDone));
        Assert.Equal(["U-950", "U-NONE"], Serials(details, DeviceErrorNature.Unknown));
        Assert.Equal(
            "12 devices: 1 succeeded, 10 failed (808 ZtdDeviceAssignedToOtherTenant ×2, 640 StorageError ×1, 801 InvalidZtdRequestBody ×1, "
            + "802 InvalidZtdHardwareHash ×1, 806 ZtdDeviceAlreadyAssigned ×1, 950 ZtdSomethingNew ×1, HashNot4k ×1, ZtdDeviceDuplicated ×1, "
            + "no error code ×1), 1 pending",
            details.Summarize());
    }

    [Fact]
    public void GetFailedDevices_NullDetails_Throws()
    {
        Assert.Throws<ArgumentNullException>("details", () => ((BatchUploadDetails)null!).GetFailedDevices());
    }

    private static IEnumerable<string?> Serials(BatchUploadDetails details, DeviceErrorNature nature) =>
        details.GetFailedDevices().Where(failed => failed.Nature == nature).Select(failed => failed.Device.SerialNumber);

    private static DeviceUploadDetails Device(string serial, DeviceUploadStatus status, string? code, string? name) =>
        new() { SerialNumber = serial, Status = status.ToString(), ErrorCode = code, ErrorDescription = name };
}
