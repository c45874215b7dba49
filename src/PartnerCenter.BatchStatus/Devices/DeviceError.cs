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
        Names = Array.AsReadOnly(names);
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
    /// <c>ZtdDeviceAssignedToOtherTenant</c>: the first of <see cref="Names"/>.
    /// </summary>
    public string Name => Names[0];

    /// <summary>
    /// Gets every spelling of the error's name seen in results and in Microsoft's pages, the usual one first, such as
    /// <c>ZtdDeviceAssignedToOtherTenant</c> and <c>ZtdDeviceAssignedToAnotherTenant</c> for 808.
    /// </summary>
    public IReadOnlyList<string> Names { get; }

    /// <summary>Gets what the error means, in a short sentence.</summary>
    public string Meaning { get; }

    /// <summary>Gets what kind of problem the error is, and so what to do next; never <see cref="DeviceErrorNature.Unknown"/>.</summary>
    public DeviceErrorNature Nature { get; }

    /// <summary>
    /// Gets a value indicating whether uploading the same device again, unchanged, can succeed: <see langword="true"/>
    /// only for <see cref="DeviceErrorNature.Transient"/> errors.
    /// </summary>
    public bool RetryCanHelp => Nature == DeviceErrorNature.Transient;

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

    /// <summary>Gets the code (when there is one), the name and the meaning, such as <c>808 ZtdDeviceAssignedToOtherTenant: …</c>.</summary>
    /// <returns>The code, the name and the meaning.</returns>
    public override string ToString() => Code is null ? $"{Name}: {Meaning}" : $"{Code} {Name}: {Meaning}";
}
