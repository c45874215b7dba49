namespace PartnerCenter.BatchStatus;

/// <summary>
/// One device registration (Windows Autopilot) error code of <see cref="DeviceErrorCatalog"/>: what it means and
/// whether uploading the device again can help.
/// </summary>
public sealed class DeviceError
{
    internal DeviceError(string code, string name, string meaning, DeviceErrorNature nature, string remedy, bool isProvisional)
    {
        Code = code;
        Name = name;
        Meaning = meaning;
        Nature = nature;
        Remedy = remedy;
        IsProvisional = isProvisional;
    }

    /// <summary>Gets the code as the service sends it in <see cref="DeviceUploadDetails.ErrorCode"/>, such as <c>808</c>.</summary>
    public string Code { get; }

    /// <summary>
    /// Gets the error's name as the service sends it in <see cref="DeviceUploadDetails.ErrorDescription"/>, such as
    /// <c>ZtdDeviceAssignedToOtherTenant</c>.
    /// </summary>
    public string Name { get; }

    /// <summary>Gets what the error means, in a short sentence.</summary>
    public string Meaning { get; }

    /// <summary>Gets what kind of problem the error is.</summary>
    public DeviceErrorNature Nature { get; }

    /// <summary>
    /// Gets a value indicating whether uploading the same device again, unchanged, can succeed: <see langword="true"/>
    /// only for <see cref="DeviceErrorNature.Transient"/> errors.
    /// </summary>
    public bool RetryCanHelp => Nature == DeviceErrorNature.Transient;

    /// <summary>Gets what to do about the error, in a short sentence.</summary>
    public string Remedy { get; }

    /// <summary>
    /// Gets a value indicating whether the code's name and meaning come from a single draft Microsoft document
    /// only (807 and 809 to 814), so that their wording is provisional.
    /// </summary>
    public bool IsProvisional { get; }

    /// <summary>Gets the code, the name and the meaning, such as <c>808 ZtdDeviceAssignedToOtherTenant: …</c>.</summary>
    /// <returns>The code, the name and the meaning.</returns>
    public override string ToString() => $"{Code} {Name}: {Meaning}";
}
