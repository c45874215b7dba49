namespace PartnerCenter.BatchStatus;

/// <summary>
/// One device registration (Windows Autopilot) error of <see cref="DeviceErrorCatalog"/>: its code (when it has one),
/// every spelling of its name, what it means, whether uploading the device again can help, what to do about it and
/// where its wording comes from.
/// </summary>
public sealed class DeviceError
{
    internal DeviceError(string? code, string[] names, string meaning, DeviceErrorNature nature, string remedy, bool isProvisional, string source)
    {
        Code = code;
        Names = names;
        Meaning = meaning;
        Nature = nature;
        Remedy = remedy;
        IsProvisional = isProvisional;
        Source = source;
    }

    /// <summary>
    /// Gets the code as the service sends it in <see cref="DeviceUploadDetails.ErrorCode"/>, such as <c>808</c>, or
    /// <see langword="null"/> for an error that public sources name without a number (such as <c>ZtdDeviceDuplicated</c>).
    /// </summary>
    public string? Code { get; }

    /// <summary>
    /// Gets the error's name as the service sends it in <see cref="DeviceUploadDetails.ErrorDescription"/>, such as
    /// <c>ZtdDeviceAssignedToOtherTenant</c>. <see cref="DeviceErrorCatalog.Find"/> also knows the other spellings seen in
    /// Microsoft's pages, such as <c>ZtdDeviceAssignedToAnotherTenant</c> for 808.
    /// </summary>
    public string Name => Names[0];

    /// <summary>Every spelling of the name, the usual one first.</summary>
    internal string[] Names { get; }

    /// <summary>Gets what the error means, in a short sentence.</summary>
    public string Meaning { get; }

    /// <summary>Gets what kind of problem the error is, and so what to do next; never <see cref="DeviceErrorNature.Unknown"/>.</summary>
    public DeviceErrorNature Nature { get; }

    /// <summary>Gets what to do about the error: the public guidance of Microsoft support and documentation, in a few sentences.</summary>
    public string Remedy { get; }

    /// <summary>
    /// Gets a value indicating whether the wording is provisional: the code's name and meaning come from a single draft
    /// Microsoft document only (807, 809 to 814, <c>HashNot4k</c>), or no public source gives the code its number (640).
    /// <see cref="Source"/> says which.
    /// </summary>
    public bool IsProvisional { get; }

    /// <summary>Gets where the code, the name and the meaning come from, in a short sentence.</summary>
    public string Source { get; }

    /// <summary>Gets the code (when there is one) and the name, such as <c>808 ZtdDeviceAssignedToOtherTenant</c>.</summary>
    /// <returns>The code and the name.</returns>
    public override string ToString() => Code is null ? Name : Code + " " + Name;
}
