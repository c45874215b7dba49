using PartnerCenter.BatchStatus.Cli.Connection;
using PartnerCenter.BatchStatus.Cli.Tests.Support;
using PartnerCenter.BatchStatus.Testing;

namespace PartnerCenter.BatchStatus.Cli.Tests.Watch;

/// <summary>
/// <c>pcbatch watch</c> with exports, on real files: one failed-devices CSV for every batch, with its customer and batch;
/// the re-upload rows from several upload files or a folder of them; and no export that could replace any input.
/// </summary>
public sealed class WatchExportTests : IDisposable
{
    private const string Header = "Device Serial Number,Windows Product ID,Hardware Hash,Manufacturer name,Device model";
    private static readonly Guid Customer = DocumentedSample.CustomerId;
    private static readonly Guid OtherCustomer = Guid.Parse("9e8d7c6b-5a49-4382-9170-6f5e4d3c2b1a");
    private static readonly Guid FirstBatch = Guid.Parse("3a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d");
    private static readonly Guid SecondBatch = Guid.Parse("4b2c3d4e-5f6a-4b7c-9d8e-0f1a2b3c4d5e");
    private static readonly Guid UnknownBatch = Guid.Parse("0badba7c-0000-4000-8000-000000000404");

    private readonly FakeServiceFactory _service = new();
    private readonly ScratchFolder _folder = new();

    public WatchExportTests()
    {
        _service.Fake.AddBatch(Customer, FirstBatch).ThenFinishedWithErrors(
            FakeDevice.Failed("SN-1", "801", "InvalidZtdRequestBody"),
            FakeDevice.Finished("SN-2"),
            FakeDevice.Failed("SN-3", "808", "ZtdDeviceAssignedToOtherTenant"),
            FakeDevice.Failed("SN-9", "640", "StorageError"));
        _service.Fake.AddBatch(OtherCustomer, SecondBatch).ThenFinishedWithErrors(
            FakeDevice.Failed("=SUM(1)", "801", "InvalidZtdRequestBody"),
            FakeDevice.Failed("SN-4", "640", "StorageError"),
            FakeDevice.Failed("SN-5", "802", "InvalidZtdHardwareHash"));
        File.WriteAllText(_folder["batches.txt"], $"{Customer:D},{FirstBatch:D}\n{OtherCustomer:D},{SecondBatch:D}\n{Customer:D},{UnknownBatch:D}\n");

        // SN-4 is in both files: the first file's row is the one uploaded again, the second's counted as a duplicate.
        File.WriteAllText(_folder["a.csv"], Header + "\r\n" + Rows("SN-1", "SN-2", "SN-3", "SN-4"));
        File.WriteAllText(_folder["b.csv"], Header + "\r\n" + Rows("SN-4", "SN-5", "SN-9", "SN-7"));
    }

    public void Dispose()
    {
        _service.Dispose();
        _folder.Dispose();
    }

    [Fact]
    public async Task FailedCsv_TwoBatchesWithFailuresAndOne404_OneFileWithEveryFailedDeviceLedByItsCustomerAndBatch()
    {
        var run = await Watch("--failed-csv", _folder["failed.csv"]);

        Assert.Equal(ExitCodes.ServiceError, run.ExitCode);
        var lines = File.ReadAllLines(_folder["failed.csv"]);
        Assert.Equal("Customer id,Batch tracking id,Serial number,Product key,Device id,Status,Error code,Error name,What to do,Remedy", lines[0]);
        string[] starts =
        [
            $"{Customer:D},{FirstBatch:D},SN-1,,,finished_with_errors,801,InvalidZtdRequestBody,upload again,",
            $"{Customer:D},{FirstBatch:D},SN-3,,,finished_with_errors,808,ZtdDeviceAssignedToOtherTenant,chase the owner,",
            $"{Customer:D},{FirstBatch:D},SN-9,,,finished_with_errors,640,StorageError,upload again,",

            // A value a spreadsheet would run as a formula is neutralised, as in the status export.
            $"{OtherCustomer:D},{SecondBatch:D},\"'=SUM(1)\",,,finished_with_errors,801,InvalidZtdRequestBody,upload again,",
            $"{OtherCustomer:D},{SecondBatch:D},SN-4,,,finished_with_errors,640,StorageError,upload again,",
            $"{OtherCustomer:D},{SecondBatch:D},SN-5,,,finished_with_errors,802,InvalidZtdHardwareHash,\"fix the data, then upload again\",",
        ];
        Assert.Equal(starts.Length, lines.Length - 1);
        Assert.All(starts.Zip(lines.Skip(1)), pair => Assert.StartsWith(pair.First, pair.Second, StringComparison.Ordinal));
        Assert.Contains(lines, line => line.EndsWith(",\"" + DeviceErrorCatalog.Find("801")!.Remedy + "\"", StringComparison.Ordinal));
        Assert.DoesNotContain(lines, line => line.Contains(UnknownBatch.ToString("D"), StringComparison.Ordinal));

        // After the summary, which still tells the unknown batch.
        Assert.Equal($"Failed devices: 6 devices written to {_folder["failed.csv"]}", run.OutputLines[^1]);
        Assert.Contains(run.OutputLines, line => line.Contains($"{UnknownBatch:D}  not finished: error 404", StringComparison.Ordinal));
        Assert.Empty(Directory.GetFiles(_folder.Root, "*.pcbatch-tmp"));
    }

    [Fact]
    public async Task FailedCsv_WithJson_TheOutputStaysJsonLines()
    {
        var run = await Watch("--json", "--failed-csv", _folder["failed.csv"]);

        Assert.Equal(3, run.OutputLines.Length);
        Assert.All(run.OutputLines, line => Assert.StartsWith("{", line, StringComparison.Ordinal));
        Assert.Contains($"Failed devices: 6 devices written to {_folder["failed.csv"]}", run.ErrorLines);
    }

    [Fact]
    public async Task FailedCsv_EveryBatchEndedInError_HeaderOnly()
    {
        File.WriteAllText(_folder["unknown.txt"], $"{Customer:D},{UnknownBatch:D}\n");

        var run = await CliRun.RunAsync(_service, TestIds.AppOnlyVariables(), "watch", _folder["unknown.txt"], "--interval", "10ms", "--failed-csv", _folder["failed.csv"]);

        Assert.Equal(ExitCodes.ServiceError, run.ExitCode);
        Assert.Equal(["Customer id,Batch tracking id,Serial number,Product key,Device id,Status,Error code,Error name,What to do,Remedy"], File.ReadAllLines(_folder["failed.csv"]));
    }

    [Fact]
    public async Task Reupload_FromTwoFiles_TheTransientRowsOfEveryBatchUnderTheHeader_TheFirstFileWinsADuplicate()
    {
        var run = await Watch("--reupload-from", _folder["a.csv"], "--reupload-from", _folder["b.csv"], "--reupload-csv", _folder["again.csv"]);

        Assert.Equal(ExitCodes.ServiceError, run.ExitCode);
        Assert.Equal(Header + "\r\n" + Rows("SN-1", "SN-4", "SN-9"), File.ReadAllText(_folder["again.csv"]));
        var lines = run.OutputLines;
        Assert.Contains(
            $"Upload again: 3 of 8 rows of 2 files ({_folder["a.csv"]}, {_folder["b.csv"]}) written to {_folder["again.csv"]} (devices that failed for a passing reason, rows as they were)",
            lines);
        Assert.Contains("Left out: 1 registered, 1 data to fix first, 1 owner to chase, 1 not in the result, 1 duplicate", lines);
        Assert.Contains($"Duplicated in the upload files: serial number SN-4 on line 5 of {_folder["a.csv"]} and line 2 of {_folder["b.csv"]}", lines);
        Assert.Contains("Not in the upload files: serial number =SUM(1) (finished_with_errors 801 InvalidZtdRequestBody)", lines);
    }

    [Fact]
    public async Task Reupload_FromAFolder_ItsCsvFilesInNameOrder_OthersAndSubfoldersIgnored()
    {
        Directory.CreateDirectory(_folder["uploads/old"]);
        File.Copy(_folder["a.csv"], _folder["uploads/1-monday.CSV"]);
        File.Copy(_folder["b.csv"], _folder["uploads/2-tuesday.csv"]);
        File.WriteAllText(_folder["uploads/notes.txt"], "not an upload file\n");
        File.WriteAllText(_folder["uploads/old/other.csv"], "Name,Value\r\na,b\r\n");

        var run = await Watch("--reupload-from", _folder["uploads"], "--reupload-csv", _folder["again.csv"]);

        Assert.Equal(ExitCodes.ServiceError, run.ExitCode);
        Assert.Equal(Header + "\r\n" + Rows("SN-1", "SN-4", "SN-9"), File.ReadAllText(_folder["again.csv"]));
        Assert.Contains(run.OutputLines, line => line.StartsWith(
            $"Upload again: 3 of 8 rows of 2 files ({_folder["uploads/1-monday.CSV"]}, {_folder["uploads/2-tuesday.csv"]}) written to ", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Reupload_TheSameFileGivenTwice_ReadOnce()
    {
        var run = await Watch("--reupload-from", _folder["a.csv"], "--reupload-from", _folder["a.csv"], "--reupload-csv", _folder["again.csv"]);

        Assert.Equal(Header + "\r\n" + Rows("SN-1", "SN-4"), File.ReadAllText(_folder["again.csv"]));
        Assert.Contains(run.OutputLines, line => line.StartsWith($"Upload again: 2 of 4 rows of {_folder["a.csv"]} written to ", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Exports_Cancelled_WhatIsKnownWritten()
    {
        var slow = Guid.Parse("5c3d4e5f-6a7b-4c8d-9e0f-1a2b3c4d5e6f");
        _service.Fake.AddBatch(Customer, slow).ThenProcessing(FakeDevice.Processing("SN-6"));
        using var cancellation = new CancellationTokenSource();

        var running = CliRun.RunAsync(
            _service,
            TestIds.AppOnlyVariables(),
            ["watch", "--interval", "10ms", "--failed-csv", _folder["failed.csv"], "--reupload-from", _folder["a.csv"], "--reupload-csv", _folder["again.csv"]],
            isErrorRedirected: true,
            cancellation.Token,
            input: $"{Customer:D},{FirstBatch:D}\n{Customer:D},{slow:D}\n");

        // The slow batch polled again and again: the first one, answered finished at its first poll, is known.
        await HangGuard.Until(() => _service.Fake.CallsFor(Customer, slow) >= 3 || running.IsCompleted);
        await cancellation.CancelAsync();
        var run = await running;

        Assert.Equal(ExitCodes.Cancelled, run.ExitCode);
        Assert.Equal(4, File.ReadAllLines(_folder["failed.csv"]).Length);
        Assert.Equal(Header + "\r\n" + Rows("SN-1"), File.ReadAllText(_folder["again.csv"]));
        Assert.Equal("pcbatch: error: Cancelled.", run.ErrorLines[^1]);
    }

    /// <summary>
    /// An export that would replace one of several inputs, or options that cannot be used: the setup (<c>hard:X</c> makes
    /// <c>link.csv</c> a hard link to X, <c>symbolic:X</c> a symbolic link), the options (file names are the scratch
    /// folder's; <c>LIST</c> is the list of batches, the command's argument), and what the one error line says.
    /// </summary>
    [Theory]
    [InlineData("", "--reupload-from a.csv --reupload-from b.csv --reupload-from c.csv --reupload-csv b.csv", "--reupload-csv must not be the original upload file '{b.csv}' (--reupload-from), by any path or link to it: write to a new file.")]
    [InlineData("hard:c.csv", "--reupload-from a.csv --reupload-from b.csv --reupload-from c.csv --reupload-csv link.csv", "--reupload-csv must not be the original upload file '{c.csv}' (--reupload-from)")]
    [InlineData("symbolic:a.csv", "--failed-csv link.csv --reupload-from a.csv --reupload-from b.csv --reupload-from c.csv --reupload-csv again.csv", "--failed-csv must not be the original upload file '{a.csv}' (--reupload-from)")]
    [InlineData("", "--reupload-from uploads --reupload-csv uploads/2.csv", "--reupload-csv must not be the original upload file '{uploads/2.csv}' (--reupload-from)")]
    [InlineData("hard:uploads/1.csv", "--reupload-from uploads --reupload-csv link.csv", "--reupload-csv must not be the original upload file '{uploads/1.csv}' (--reupload-from)")]
    [InlineData("symbolic:uploads/2.csv", "--reupload-from a.csv --reupload-from uploads --failed-csv link.csv --reupload-csv again.csv", "--failed-csv must not be the original upload file '{uploads/2.csv}' (--reupload-from)")]
    [InlineData("", "--failed-csv batches.txt", "--failed-csv must not be the list of batches, by any path or link to it: write to a new file.")]
    [InlineData("hard:batches.txt", "--reupload-from a.csv --reupload-csv link.csv", "--reupload-csv must not be the list of batches")]
    [InlineData("symbolic:batches.txt", "--failed-csv link.csv", "--failed-csv must not be the list of batches")]
    [InlineData("", "--reupload-from a.csv --reupload-from intune.csv --reupload-csv again.csv", "--reupload-from '{intune.csv}' has another header than '{a.csv}'")]
    [InlineData("", "--reupload-from ansi.csv --reupload-from greek.csv --reupload-csv again.csv", "--reupload-from '{greek.csv}' holds characters that the encoding of '{ansi.csv}' (iso-8859-1) cannot")]
    [InlineData("", "--reupload-from empty --reupload-csv again.csv", "--reupload-from '{empty}' is a folder with no .csv file")]
    [InlineData("", "--failed-csv missing/failed.csv", "its folder does not exist.")]
    [InlineData("", "--reupload-from a.csv --reupload-from b.csv", "--reupload-from and --reupload-csv go together: the files the batches were uploaded from, and the file to write.")]
    public async Task ExportThatWouldReplaceAnInputOrFilesThatDoNotGoTogether_Usage_NothingCalledNothingWritten(string setup, string options, string expected)
    {
        File.WriteAllText(_folder["c.csv"], Header + "\r\n" + Rows("SN-8"));
        File.WriteAllText(_folder["intune.csv"], "Device Serial Number,Windows Product ID,Hardware Hash,Group Tag\r\nSN-1,,,Sales\r\n");
        File.WriteAllBytes(_folder["ansi.csv"], [.. "Device Serial Number,Windows Product ID,Hardware Hash\r\nCaf"u8, 0xE9, .. ",,\r\n"u8]);
        File.WriteAllText(_folder["greek.csv"], "Device Serial Number,Windows Product ID,Hardware Hash\r\nΩ-1,,\r\n");
        Directory.CreateDirectory(_folder["uploads"]);
        Directory.CreateDirectory(_folder["empty"]);
        File.Copy(_folder["a.csv"], _folder["uploads/1.csv"]);
        File.Copy(_folder["b.csv"], _folder["uploads/2.csv"]);
        if (setup.Split(':') is [var kind, var target])
        {
            if (kind == "hard")
            {
                Posix.HardLink(_folder[target], _folder["link.csv"]);
            }
            else
            {
                File.CreateSymbolicLink(_folder["link.csv"], _folder[target]);
            }
        }

        var before = Snapshot();
        using var refusing = FakeServiceFactory.Refusing();
        string[] args = [.. options.Split(' ').Select(arg => arg.StartsWith("--", StringComparison.Ordinal) ? arg : _folder[arg])];

        var run = await CliRun.RunAsync(refusing, TestIds.AppOnlyVariables(), ["watch", _folder["batches.txt"], .. args]);

        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.Empty(refusing.Requests);
        Assert.Empty(run.Output);
        var message = System.Text.RegularExpressions.Regex.Replace(expected, @"\{([^}]+)\}", match => _folder[match.Groups[1].Value]);
        Assert.Contains(message, Assert.Single(run.ErrorLines), StringComparison.Ordinal);
        Assert.StartsWith("pcbatch: error: ", run.ErrorLines[0], StringComparison.Ordinal);
        Assert.Equal(before, Snapshot());
    }

    [Fact]
    public async Task ExportIsTheCertificateFile_ByASymbolicLink_UsageBeforeAnything()
    {
        File.WriteAllText(_folder["app.pem"], "not really a certificate");
        File.CreateSymbolicLink(_folder["link.csv"], _folder["app.pem"]);
        var variables = TestIds.AppOnlyVariables();
        variables.Remove("AZURE_CLIENT_SECRET");
        using var refusing = FakeServiceFactory.Refusing();

        var run = await CliRun.RunAsync(
            refusing, variables, "watch", _folder["batches.txt"], "--certificate", _folder["app.pem"], "--reupload-from", _folder["a.csv"], "--reupload-csv", _folder["link.csv"]);

        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.Contains("--reupload-csv must not be the file of --certificate, by any path or link to it", Assert.Single(run.ErrorLines), StringComparison.Ordinal);
        Assert.Equal("not really a certificate", File.ReadAllText(_folder["app.pem"]));
        Assert.Empty(refusing.Requests);
    }

    [Theory]
    [InlineData(false, ExitCodes.Usage)]
    [InlineData(true, ExitCodes.DevicesFailed)]
    public async Task ExportThatCannotBeWrittenAtTheEnd_LeftAsItWas_TheBatchesOutcomeWinsUnlessASuccess(bool withFailedDevices, int exitCode)
    {
        var clean = Guid.Parse("6d4e5f6a-7b8c-4d9e-8f0a-1b2c3d4e5f6a");
        _service.Fake.AddBatch(Customer, clean).ThenFinished(FakeDevice.Finished("SN-2"));
        File.WriteAllText(_folder["one.txt"], $"{Customer:D},{(withFailedDevices ? FirstBatch : clean):D}\n");

        // Another program takes the export's path (a folder now stands there) once the tool has checked it.
        var run = await CliRun.RunAsync(
            new TargetTakenFactory(_service, _folder["failed.csv"]), TestIds.AppOnlyVariables(), "watch", _folder["one.txt"], "--interval", "10ms", "--failed-csv", _folder["failed.csv"]);

        Assert.Equal(exitCode, run.ExitCode);
        Assert.Contains(run.ErrorLines, line => line.Contains("could not be written, and was left as it was", StringComparison.Ordinal));
        Assert.StartsWith("1 batch: ", run.Output, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFiles(_folder.Root, "*.pcbatch-tmp"));
    }

    [Fact]
    public async Task Help_SaysTheBatchColumnsTheFolderAndTheExtension()
    {
        var run = await CliRun.RunAsync(FakeServiceFactory.Refusing(), null, "watch", "--help");

        var help = string.Join(' ', run.OutputLines.Select(line => line.Trim()));
        Assert.Contains("customer id and batch tracking id, then serial number", help, StringComparison.Ordinal);
        Assert.Contains("--reupload-from <file|folder>", help, StringComparison.Ordinal);
        Assert.Contains("every file ending in .csv (any case)", help, StringComparison.Ordinal);
    }

    private Task<CliRun> Watch(params string[] options) =>
        CliRun.RunAsync(_service, TestIds.AppOnlyVariables(), ["watch", _folder["batches.txt"], "--interval", "10ms", .. options]);

    /// <summary>Upload rows for the serial numbers, each with its line break.</summary>
    private static string Rows(params string[] serials) => string.Concat(serials.Select(serial => $"{serial},,,Contoso,Laptop 5\r\n"));

    /// <summary>Every file under the scratch folder with its bytes: what a refused run must leave as it was.</summary>
    private Dictionary<string, string> Snapshot() =>
        Directory.EnumerateFiles(_folder.Root, "*", SearchOption.AllDirectories)
            .Order(StringComparer.Ordinal)
            .ToDictionary(path => path, path => Convert.ToBase64String(File.ReadAllBytes(path)));

    /// <summary>Takes the export's path (a folder now stands there) when the tool connects, as another program could.</summary>
    private sealed class TargetTakenFactory(FakeServiceFactory service, string target) : IBatchClientFactory
    {
        public BatchClientConnection Create(ConnectionSettings settings, CliEnvironment environment)
        {
            Directory.CreateDirectory(target);
            return service.Create(settings, environment);
        }
    }
}
