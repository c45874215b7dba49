using System.Text.Json;
using PartnerCenter.BatchStatus.Serialization;

namespace PartnerCenter.BatchStatus.Tests.Devices;

/// <summary>Looking errors up by code, by each spelling of their name, or both, as results carry them.</summary>
public sealed class DeviceErrorLookupTests
{
    [Theory]
    [InlineData("ZtdDeviceAssignedToOtherTenant", "808")]
    [InlineData("ZtdDeviceAssignedToAnotherTenant", "808")]
    [InlineData("ztddeviceassignedtoanothertenant", "808")]
    [InlineData(" InvalidZtdHardwareHash ", "802")]
    [InlineData("ZtdDeviceAlreadyAssigned", "806")]
    [InlineData("StorageError", "640")]
    public void Find_EachSpellingOfTheName_FindsTheNumberedEntry(string name, string code)
    {
        var entry = DeviceErrorCatalog.Find(code: null, name);

        Assert.Equal(code, entry?.Code);
        Assert.Contains(name.Trim(), entry!.Names, StringComparer.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData("ZtdDeviceDuplicated", DeviceErrorNature.FixData, false)]
    [InlineData("HashNot4k", DeviceErrorNature.FixData, true)]
    public void Find_ErrorWithoutANumber_HasNoCode(string name, DeviceErrorNature nature, bool provisional)
    {
        var entry = DeviceErrorCatalog.Find(code: null, name);

        Assert.NotNull(entry);
        Assert.Null(entry.Code);
        Assert.Equal(name, entry.Name);
        Assert.Equal(nature, entry.Nature);
        Assert.NotEqual(DeviceErrorNature.Transient, entry.Nature);
        Assert.Equal(provisional, entry.IsProvisional);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("ZtdSomethingNew")]
    [InlineData("808")]
    [InlineData("The device is registered to another tenant")]
    public void Find_UnknownName_HasNoEntry(string? name)
    {
        Assert.Null(DeviceErrorCatalog.Find(code: null, name));
    }

    [Theory]
    [InlineData("808", "ZtdDeviceDuplicated", "808")] // the number wins over a name that disagrees
    [InlineData("950", "ZtdDeviceAssignedToAnotherTenant", "808")] // an unknown number: the name tells
    [InlineData("", "InvalidZtdHardwareHash", "802")]
    [InlineData("806", null, "806")]
    public void Find_CodeAndName_CodeFirstThenName(string? code, string? name, string expectedCode)
    {
        Assert.Equal(expectedCode, DeviceErrorCatalog.Find(code, name)?.Code);
    }

    [Fact]
    public void Find_UnknownCodeAndUnknownName_NoEntry()
    {
        Assert.Null(DeviceErrorCatalog.Find("950", "ZtdSomethingNew"));
        Assert.Null(DeviceErrorCatalog.Find(null, null));
    }

    [Fact]
    public void Remedies_CarrySupportsGuidance()
    {
        Assert.All(["806", "808"], code =>
        {
            var remedy = DeviceErrorCatalog.Find(code)!.Remedy;
            Assert.Contains("Microsoft Store for Business or Intune", remedy, StringComparison.Ordinal);
            Assert.Contains("invoice", remedy, StringComparison.Ordinal);
            Assert.Contains("Mdmdiagnosticstool.exe -area Autopilot -cab", remedy, StringComparison.Ordinal);
        });
        Assert.Contains("4K hash", DeviceErrorCatalog.Find(null, "HashNot4k")!.Remedy, StringComparison.Ordinal);
        Assert.Contains("4K hardware hash instead", DeviceErrorCatalog.Find("812")!.Remedy, StringComparison.Ordinal);
        Assert.Contains("no public source gives it the number 640", DeviceErrorCatalog.Find("640")!.Source, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{\"status\":\"finished_with_errors\",\"errorCode\":\"808\"}", "808")]
    [InlineData("{\"status\":\"finished_with_errors\",\"errorDescription\":\"ZtdDeviceAssignedToAnotherTenant\"}", "808")]
    [InlineData("{\"status\":\"finished_with_errors\",\"errorCode\":\"950\",\"errorDescription\":\"InvalidZtdHardwareHash\"}", "802")]
    public void GetError_Device_FoundByCodeOrName(string json, string expectedCode)
    {
        var device = JsonSerializer.Deserialize<DeviceUploadDetails>(json, BatchStatusJson.Options)!;

        Assert.Equal(expectedCode, device.GetError()?.Code);
    }

    [Fact]
    public void GetError_NumericCodeAsTheModelHoldsIt_FindsTheEntry()
    {
        // The service may send "errorCode": 808 as a JSON number; the model holds it as the string "808".
        var device = new DeviceUploadDetails { ErrorCode = 808.ToString(System.Globalization.CultureInfo.InvariantCulture) };

        Assert.Equal("ZtdDeviceAssignedToOtherTenant", device.GetError()?.Name);
    }

    [Fact]
    public void GetError_UnknownCodeAndName_StaysAsSentAndIsUnknown()
    {
        var device = new DeviceUploadDetails { Status = "finished_with_errors", ErrorCode = "950", ErrorDescription = "ZtdSomethingNew" };
        var details = new BatchUploadDetails { Status = "finished", DevicesStatus = [device] };

        var failed = Assert.Single(details.GetFailedDevices());

        Assert.Null(failed.Error);
        Assert.Equal(DeviceErrorNature.Unknown, failed.Nature);
        Assert.Equal(("950", "ZtdSomethingNew"), (device.ErrorCode, device.ErrorDescription));
        Assert.Same(failed.Device, Assert.Single(details.GetFailedDevices(), f => f.Nature == DeviceErrorNature.Unknown).Device);
    }
}
