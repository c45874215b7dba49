namespace PartnerCenter.BatchStatus.Tests.Devices;

public sealed class DeviceErrorCatalogTests
{
    [Theory]
    [InlineData("801", "InvalidZtdRequestBody", DeviceErrorNature.Transient, true, false)]
    [InlineData("802", "InvalidZtdHardwareHash", DeviceErrorNature.FixData, false, false)]
    [InlineData("803", "MissingZtdSerialNumberAndProductKey", DeviceErrorNature.FixData, false, false)]
    [InlineData("806", "ZtdDeviceAlreadyAssigned", DeviceErrorNature.AlreadyDone, false, false)]
    [InlineData("807", "ZtdDeviceIsNotRegistered", DeviceErrorNature.FixData, false, true)]
    [InlineData("808", "ZtdDeviceAssignedToOtherTenant", DeviceErrorNature.Ownership, false, false)]
    [InlineData("809", "ZtdProfileIsNotRegistered", DeviceErrorNature.FixData, false, true)]
    [InlineData("810", "ZtdProfileAssignedToOtherTenant", DeviceErrorNature.Ownership, false, true)]
    [InlineData("811", "ZtdDeviceRegisteredByOtherTenant", DeviceErrorNature.Ownership, false, true)]
    [InlineData("812", "ZtdDeviceNotFound", DeviceErrorNature.FixData, false, true)]
    [InlineData("813", "ZtdDeviceIsNotUnique", DeviceErrorNature.FixData, false, true)]
    [InlineData("814", "ZtdDeviceAlreadyAadRegistered", DeviceErrorNature.AlreadyDone, false, true)]
    [InlineData("640", "StorageError", DeviceErrorNature.Transient, true, true)]
    public void Find_DocumentedCode_ReturnsItsEntry(string code, string name, DeviceErrorNature nature, bool retryCanHelp, bool provisional)
    {
        var entry = DeviceErrorCatalog.Find(code);
        Assert.NotNull(entry);

        Assert.Equal(code, entry.Code);
        Assert.Equal(name, entry.Name);
        Assert.Equal(nature, entry.Nature);
        Assert.Equal(retryCanHelp, entry.Nature == DeviceErrorNature.Transient);
        Assert.Equal(provisional, entry.IsProvisional);
        Assert.False(string.IsNullOrWhiteSpace(entry.Meaning));
        Assert.False(string.IsNullOrWhiteSpace(entry.Remedy));
        Assert.False(string.IsNullOrWhiteSpace(entry.Source));
        Assert.Same(entry, DeviceErrorCatalog.Find(" " + code + " "));
        Assert.Same(entry, DeviceErrorCatalog.Find(code, name: null));
    }

    [Fact]
    public void All_HoldsTheThirteenNumberedCodesThenTheErrorsWithoutANumber()
    {
        Assert.Equal(
            ["801", "802", "803", "806", "807", "808", "809", "810", "811", "812", "813", "814", "640", null, null],
            DeviceErrorCatalog.All.Select(entry => entry.Code));
        Assert.Equal(["ZtdDeviceDuplicated", "HashNot4k"], DeviceErrorCatalog.All.Where(entry => entry.Code is null).Select(entry => entry.Name));
    }

    [Fact]
    public void All_EveryNameSpellingBelongsToOneEntry()
    {
        var names = DeviceErrorCatalog.All.SelectMany(entry => entry.Names).ToArray();

        Assert.Equal(names.Length, names.Distinct(StringComparer.OrdinalIgnoreCase).Count());
        Assert.All(DeviceErrorCatalog.All, entry => Assert.Equal(entry.Name, entry.Names[0]));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("999")]
    [InlineData("0808")]
    [InlineData("ZtdDeviceAssignedToOtherTenant")]
    public void Find_UnknownCode_HasNoEntry(string? code)
    {
        Assert.Null(DeviceErrorCatalog.Find(code));
    }

    [Fact]
    public void ToString_NamesCodeAndName()
    {
        var entry = DeviceErrorCatalog.Find("808")!;
        var duplicated = DeviceErrorCatalog.Find(code: null, "ZtdDeviceDuplicated")!;

        Assert.Equal("808 ZtdDeviceAssignedToOtherTenant", entry.ToString());
        Assert.Equal("ZtdDeviceDuplicated", duplicated.ToString());
    }
}
