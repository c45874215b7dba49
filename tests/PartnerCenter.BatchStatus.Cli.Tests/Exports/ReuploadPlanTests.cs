using System.Text;
using PartnerCenter.BatchStatus.Cli.Exports;

namespace PartnerCenter.BatchStatus.Cli.Tests.Exports;

/// <summary>How the result's devices are matched to the upload file's rows, and what is reported.</summary>
public sealed class ReuploadPlanTests
{
    [Fact]
    public void Create_DuplicatesBySerialProductKeyOrHash_EachGroupToldOnce()
    {
        var file = File(
            "A,PK-A,HASHHASHHASHHASHHASHHASH",
            "B,PK-B,",
            "a,PK-A,",
            "C,PK-B,",
            "D,,HASHHASHHASHHASHHASHHASH");

        var plan = ReuploadPlan.Create(file, new BatchUploadDetails());

        Assert.Equal(
            ["serial number A on lines 2 and 4", "hardware hash HASHHASHHASHHASH… on lines 2 and 6", "product key PK-B on lines 3 and 5"],
            plan.Duplicates);
        Assert.Equal(5, plan.LeftOut[LeftOutReason.NotInResult]);
    }

    [Fact]
    public void Create_SerialFirstThenProductKey_UnmatchedDevicesListed()
    {
        var file = File("A,PK-A,", "B,PK-B,");
        var details = Batch(
            new DeviceUploadDetails { SerialNumber = "b", Status = "finished_with_errors", ErrorCode = "801" },
            new DeviceUploadDetails { SerialNumber = "renamed", ProductKey = "pk-a", Status = "finished_with_errors", ErrorCode = "640" },
            new DeviceUploadDetails { Status = "finished_with_errors", ErrorCode = "801" },
            new DeviceUploadDetails { SerialNumber = "Z", Status = "finished" });

        var plan = ReuploadPlan.Create(file, details);

        Assert.Equal(["A,PK-A,", "B,PK-B,"], plan.Rows.Select(row => row.Raw));
        Assert.Empty(plan.LeftOut);
        Assert.Equal([null, "Z"], plan.UnmatchedDevices.Select(device => device.SerialNumber));
    }

    [Fact]
    public void Create_ResultListsADeviceTwice_ItsFirstEntryDecides()
    {
        var file = File("A,,");
        var details = Batch(
            new DeviceUploadDetails { SerialNumber = "A", Status = "finished_with_errors", ErrorCode = "808" },
            new DeviceUploadDetails { SerialNumber = "A", Status = "finished_with_errors", ErrorCode = "801" });

        var plan = ReuploadPlan.Create(file, details);

        Assert.Empty(plan.Rows);
        Assert.Equal(1, plan.LeftOut[LeftOutReason.Ownership]);
    }

    private static UploadFile File(params string[] rows) =>
        UploadFile.Parse("devices.csv", Encoding.UTF8.GetBytes("Device Serial Number,Windows Product ID,Hardware Hash\n" + string.Join("\n", rows) + "\n"));

    private static BatchUploadDetails Batch(params DeviceUploadDetails[] devices) => new() { Status = "finished", DevicesStatus = devices };
}
