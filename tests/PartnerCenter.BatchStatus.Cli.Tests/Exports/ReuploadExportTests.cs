using System.Globalization;
using System.Text;
using PartnerCenter.BatchStatus.Cli.Tests.Support;
using PartnerCenter.BatchStatus.Testing;

namespace PartnerCenter.BatchStatus.Cli.Tests.Exports;

/// <summary>
/// <c>--reupload-from</c> / <c>--reupload-csv</c> over a 500-row Partner Center upload file and a result with every
/// outcome: the new file holds exactly the transient rows, as they were, under the original header.
/// </summary>
public sealed class ReuploadExportTests : IDisposable
{
    private const string Header = "Device Serial Number,Windows Product ID,Hardware Hash,Manufacturer name,Device model";
    private static readonly Guid Batch = Guid.Parse("2f7d5c1a-9e3b-4a6d-8c2f-0b1e4d7a9c35");

    private readonly FakeServiceFactory _service = new();
    private readonly ScratchFolder _folder = new();

    public void Dispose()
    {
        _service.Dispose();
        _folder.Dispose();
    }

    [Fact]
    public async Task Reupload_500Rows_ExactlyTheTransientRowsAsTheyWere_LeftOutRowsCountedPerReason()
    {
        var rows = Enumerable.Range(1, 499).Select(Row).ToList();
        rows.Add(Row(1)); // the same device twice: it is uploaded again once
        File.WriteAllBytes(_folder["devices.csv"], [.. Encoding.UTF8.Preamble, .. Encoding.UTF8.GetBytes(Header + "\r\n" + string.Join("\r\n", rows) + "\r\n")]);
        var devices = Enumerable.Range(1, 499).Select(Device).OfType<FakeDevice>().ToList();
        devices.Add(FakeDevice.Failed("GHOST-1", "801", "InvalidZtdRequestBody"));
        devices.Add(new FakeDevice("GHOST-2") { ProductKey = "99999-99999-99999-99999-99999", Status = "processing" });
        _service.Fake.AddBatch(DocumentedSample.CustomerId, Batch).ThenFinished([.. devices]);

        var run = await CliRun.RunAsync(
            _service,
            TestIds.AppOnlyVariables(),
            "status", TestIds.Customer, Batch.ToString(),
            "--reupload-from", _folder["devices.csv"],
            "--reupload-csv", _folder["reupload.csv"],
            "--failed-csv", _folder["failed.csv"]);

        Assert.Equal(ExitCodes.DevicesFailed, run.ExitCode);
        var transient = Enumerable.Range(1, 499).Where(i => i % 20 is 1 or 2).Select(Row).ToArray();
        var expected = Encoding.UTF8.Preamble.ToArray().Concat(Encoding.UTF8.GetBytes(Header + "\r\n" + string.Join(string.Empty, transient.Select(row => row + "\r\n"))));
        Assert.Equal(expected, File.ReadAllBytes(_folder["reupload.csv"]));
        Assert.Equal(50, transient.Length);

        var lines = run.OutputLines;
        Assert.Contains($"Upload again: 50 of 500 rows of {_folder["devices.csv"]} written to {_folder["reupload.csv"]} (devices that failed for a passing reason, rows as they were)", lines);
        Assert.Contains(
            "Left out: 275 registered, 25 already registered, 50 data to fix first, 24 owner to chase, 25 unknown error, 25 not finished, 25 not in the result, 1 duplicate",
            lines);
        Assert.Contains($"Duplicated in {_folder["devices.csv"]}: serial number SN0001 on lines 2 and 501", lines);
        Assert.Contains($"Not in {_folder["devices.csv"]}: serial number GHOST-1 (finished_with_errors 801 InvalidZtdRequestBody)", lines);
        Assert.Contains($"Not in {_folder["devices.csv"]}: serial number GHOST-2, product key 99999-99999-99999-99999-99999 (processing)", lines);

        // Every failed device of the result, those of no row included.
        var failed = File.ReadAllLines(_folder["failed.csv"]);
        Assert.Equal("Serial number,Product key,Device id,Status,Error code,Error name,What to do,Remedy", failed[0]);
        Assert.Equal(1 + 175, failed.Length);
        Assert.Contains($"Failed devices: 175 devices written to {_folder["failed.csv"]}", lines);
    }

    [Fact]
    public async Task Reupload_IntuneFileWithoutManufacturerAndModel_MatchedByProductKeyWhenTheResultHasNoSerial()
    {
        const string IntuneHeader = "device serial number,windows product id,hardware hash,Group Tag";
        File.WriteAllText(_folder["intune.csv"], IntuneHeader + "\nA1,11111-11111-11111-11111-11111,SGFzaA==,Sales\nB2,22222-22222-22222-22222-22222,,Sales\n");
        _service.Fake.AddBatch(DocumentedSample.CustomerId, Batch).ThenFinishedWithErrors(
            new FakeDevice("b2") { ProductKey = "22222-22222-22222-22222-22222", Status = "finished_with_errors", ErrorCode = "640" },
            new FakeDevice("?") { ProductKey = "11111-11111-11111-11111-11111" });

        var run = await CliRun.RunAsync(
            _service, TestIds.AppOnlyVariables(), "status", TestIds.Customer, Batch.ToString(),
            "--reupload-from", _folder["intune.csv"], "--reupload-csv", _folder["again.csv"]);

        Assert.Equal(IntuneHeader + "\nB2,22222-22222-22222-22222-22222,,Sales\n", File.ReadAllText(_folder["again.csv"]));
        Assert.Contains("Left out: 1 registered", run.OutputLines);
    }

    /// <summary>Row i of the upload file; some cells quoted, as spreadsheets write them.</summary>
    private static string Row(int i)
    {
        var serial = string.Create(CultureInfo.InvariantCulture, $"SN{i:D4}");
        var productKey = string.Create(CultureInfo.InvariantCulture, $"{i:D5}-11111-22222-33333-44444");
        var hash = i % 3 == 0 ? Convert.ToBase64String(Encoding.ASCII.GetBytes("hash of " + serial)) : string.Empty;
        var model = i % 4 == 0 ? "\"Latitude 7440, 14\"\"\"" : "ThinkPad T14";
        return $"{serial},{productKey},{hash},Contoso,{model}";
    }

    /// <summary>The result's device for row i, by i % 20: each kind of outcome, and rows the result does not list.</summary>
    private static FakeDevice? Device(int i)
    {
        var serial = string.Create(CultureInfo.InvariantCulture, $"SN{i:D4}");
        var productKey = string.Create(CultureInfo.InvariantCulture, $"{i:D5}-11111-22222-33333-44444");
        return (i % 20) switch
        {
            0 => i % 40 == 0
                ? FakeDevice.Failed(serial, "808", "ZtdDeviceAssignedToOtherTenant")
                : new FakeDevice(serial) { Status = "finished_with_errors", ErrorDescription = "ZtdDeviceAssignedToAnotherTenant" },
            1 => FakeDevice.Failed(serial, "801", "InvalidZtdRequestBody"),
            // A serial number the file does not hold: found by its product key.
            2 => new FakeDevice("X" + serial) { ProductKey = productKey, Status = "finished_with_errors", ErrorCode = "640", ErrorDescription = "StorageError" },
            3 => FakeDevice.Failed(serial, "802", "InvalidZtdHardwareHash"),
            4 => new FakeDevice(serial) { Status = "finished_with_errors", ErrorDescription = "HashNot4k" },
            5 => FakeDevice.Failed(serial, "806", "ZtdDeviceAlreadyAssigned"),
            6 => FakeDevice.Failed(serial, "950", "ZtdSomethingNew"),
            7 => FakeDevice.Processing(serial),
            8 => null,
            _ => FakeDevice.Finished(serial, productKey),
        };
    }
}
