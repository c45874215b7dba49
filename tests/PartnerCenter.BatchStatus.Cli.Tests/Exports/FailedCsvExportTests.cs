using PartnerCenter.BatchStatus.Cli.Tests.Support;
using PartnerCenter.BatchStatus.Testing;

namespace PartnerCenter.BatchStatus.Cli.Tests.Exports;

/// <summary><c>--failed-csv</c>: every failed device with what to do next, the service's values kept as sent.</summary>
public sealed class FailedCsvExportTests : IDisposable
{
    private const string Header = "Serial number,Product key,Device id,Status,Error code,Error name,What to do,Remedy";
    private static readonly Guid Batch = Guid.Parse("7c4e1b2a-3d5f-4a6b-9c8d-0e1f2a3b4c5d");

    private readonly FakeServiceFactory _service = new();
    private readonly ScratchFolder _folder = new();

    public void Dispose()
    {
        _service.Dispose();
        _folder.Dispose();
    }

    [Fact]
    public async Task FailedCsv_EachKind_WhatToDoAndRemedy_QuotedWhereNeeded()
    {
        var deviceId = Guid.Parse("0b1c2d3e-4f50-4617-8293-a4b5c6d7e8f9");
        _service.Fake.AddBatch(DocumentedSample.CustomerId, Batch).ThenFinished(
            FakeDevice.Finished("OK-1"),
            new FakeDevice("T-1") { ProductKey = "12345-67890-09876-54321-13579", DeviceId = deviceId, Status = "finished_with_errors", ErrorCode = "801" },
            new FakeDevice("O-1") { Status = "finished_with_errors", ErrorDescription = "ZtdDeviceAssignedToAnotherTenant" },
            FakeDevice.Failed("U-1", "950", "Line one,\nwith \"quotes\""));

        var run = await CliRun.RunAsync(_service, TestIds.AppOnlyVariables(), "status", TestIds.Customer, Batch.ToString(), "--failed-csv", _folder["failed.csv"]);

        Assert.Equal(ExitCodes.DevicesFailed, run.ExitCode);
        var text = File.ReadAllText(_folder["failed.csv"]);
        Assert.StartsWith(Header + Environment.NewLine, text, StringComparison.Ordinal);
        var remedy801 = DeviceErrorCatalog.Find("801")!.Remedy;
        var remedy808 = DeviceErrorCatalog.Find("808")!.Remedy;
        Assert.Contains($"T-1,12345-67890-09876-54321-13579,{deviceId},finished_with_errors,801,InvalidZtdRequestBody,upload again,\"{remedy801}\"", text, StringComparison.Ordinal);

        // Found by its Intune spelling: the code comes from the catalog, the name stays as sent.
        Assert.Contains($"O-1,,,finished_with_errors,808,ZtdDeviceAssignedToAnotherTenant,chase the owner,\"{remedy808}\"", text, StringComparison.Ordinal);

        // Unknown: the service's text on one line, quoted so that its comma and quotes stay in one cell.
        Assert.Contains("U-1,,,finished_with_errors,950,\"Line one, with \"\"quotes\"\"\",unknown: check the error,", text, StringComparison.Ordinal);
        Assert.DoesNotContain("OK-1", text, StringComparison.Ordinal);
        Assert.Contains($"Failed devices: 3 devices written to {_folder["failed.csv"]}", run.OutputLines);
    }

    [Fact]
    public async Task FailedCsv_NoFailedDevice_HeaderOnly()
    {
        _service.Fake.AddBatch(DocumentedSample.CustomerId, Batch).ThenFinished(FakeDevice.Finished("OK-1"));

        var run = await CliRun.RunAsync(_service, TestIds.AppOnlyVariables(), "status", TestIds.Customer, Batch.ToString(), "--failed-csv", _folder["failed.csv"]);

        Assert.Equal(ExitCodes.Success, run.ExitCode);
        Assert.Equal(Header + Environment.NewLine, File.ReadAllText(_folder["failed.csv"]));
        Assert.Contains($"Failed devices: 0 devices written to {_folder["failed.csv"]}", run.OutputLines);
    }

    [Fact]
    public async Task FailedCsv_WithJson_TheOutputStaysOneJsonDocument()
    {
        _service.Fake.AddDocumentedSample();

        var run = await CliRun.RunAsync(_service, TestIds.AppOnlyVariables(), "status", TestIds.Customer, TestIds.DocumentedBatch, "--json", "--failed-csv", _folder["failed.csv"]);

        Assert.StartsWith("{", run.Output, StringComparison.Ordinal);
        Assert.EndsWith("}", run.Output.TrimEnd(), StringComparison.Ordinal);
        Assert.Contains($"Failed devices: 1 device written to {_folder["failed.csv"]}", run.ErrorLines);
        Assert.StartsWith("1234567890,12345-67890-09876-54321-13579,,finished_with_errors,808,ZtdDeviceAssignedToOtherTenant,chase the owner,", File.ReadAllLines(_folder["failed.csv"])[1], StringComparison.Ordinal);
    }
}
