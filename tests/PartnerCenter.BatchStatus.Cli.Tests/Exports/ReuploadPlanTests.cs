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

    [Fact]
    public void Create_SeveralFiles_ADeviceInTwoUploadedFromTheFirst_TheOtherRowCountedAndTold()
    {
        var first = FileAt("first.csv", "A,,", "B,,");
        var second = FileAt("second.csv", "C,,", "b,,");
        DeviceUploadDetails[] devices =
        [
            new() { SerialNumber = "A", Status = "finished" },
            new() { SerialNumber = "B", Status = "finished_with_errors", ErrorCode = "640" },
            new() { SerialNumber = "C", Status = "finished_with_errors", ErrorCode = "801" },
        ];

        var plan = ReuploadPlan.Create([first, second], devices);

        Assert.Same(first.Rows[1], plan.Rows[0]);
        Assert.Same(second.Rows[0], plan.Rows[1]);
        Assert.Equal(2, plan.Rows.Count);
        Assert.Equal(1, plan.LeftOut[LeftOutReason.Duplicate]);
        Assert.Equal(1, plan.LeftOut[LeftOutReason.Registered]);
        Assert.Equal(["serial number B on line 3 of first.csv and line 3 of second.csv"], plan.Duplicates);
    }

    [Fact]
    public void Create_SameRowsInTwoFiles_EachFilesRowMatchedOnItsOwn()
    {
        // Alike to the line number: the first file's row stands, the second's is a duplicate, not the same row.
        var plan = ReuploadPlan.Create([FileAt("a.csv", "A,,"), FileAt("b.csv", "A,,")], [new DeviceUploadDetails { SerialNumber = "A", Status = "finished_with_errors", ErrorCode = "801" }]);

        Assert.Single(plan.Rows);
        Assert.Equal(1, plan.LeftOut[LeftOutReason.Duplicate]);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Create_ADeviceInSeveralBatches_RegisteredByAnyIsNeverUploadedAgain(bool registeredFirst)
    {
        var file = File("A,,");
        var failed = new DeviceUploadDetails { SerialNumber = "A", Status = "finished_with_errors", ErrorCode = "640" };
        var registered = new DeviceUploadDetails { SerialNumber = "A", Status = "finished" };

        var plan = ReuploadPlan.Create([file], registeredFirst ? [registered, failed] : [failed, registered]);

        Assert.Empty(plan.Rows);
        Assert.Equal(1, plan.LeftOut[LeftOutReason.Registered]);
    }

    private static UploadFile File(params string[] rows) => FileAt("devices.csv", rows);

    private static UploadFile FileAt(string path, params string[] rows) =>
        UploadFile.Parse(path, Encoding.UTF8.GetBytes("Device Serial Number,Windows Product ID,Hardware Hash\n" + string.Join("\n", rows) + "\n"));

    private static BatchUploadDetails Batch(params DeviceUploadDetails[] devices) => new() { Status = "finished", DevicesStatus = devices };
}
