namespace PartnerCenter.BatchStatus;

/// <summary>
/// The device registration (Windows Autopilot) errors that Partner Center reports in
/// <see cref="DeviceUploadDetails.ErrorCode"/> and <see cref="DeviceUploadDetails.ErrorDescription"/>: the codes 801,
/// 802, 803, 806, 807, 808, 809, 810, 811, 812, 813, 814 and 640, and the errors that come without a number,
/// <c>ZtdDeviceDuplicated</c> and <c>HashNot4k</c>. Look an error up by its code, by its name (any spelling), or both.
/// </summary>
/// <remarks>
/// 806 and 808 are confirmed by Microsoft support and the Autopilot documentation; 807, 809 to 814 and <c>HashNot4k</c>
/// come from a single draft Microsoft document, and no public source gives <c>StorageError</c> the number 640: those are
/// marked <see cref="DeviceError.IsProvisional"/>, with <see cref="DeviceError.Source"/> saying why. An error whose code
/// and name are both not listed here has no entry: the device's own <see cref="DeviceUploadDetails.ErrorCode"/> and
/// <see cref="DeviceUploadDetails.ErrorDescription"/> are all there is to know about it, and they are never changed.
/// </remarks>
public static class DeviceErrorCatalog
{
    private const string Documented = "Microsoft's public documentation of Windows Autopilot device registration errors.";
    private const string Confirmed = "Confirmed by Microsoft support and the Windows Autopilot documentation.";
    private const string Draft = "A single draft Microsoft document only: the wording is provisional.";

    // Microsoft support's remedy for a device that another tenant holds (806 when it is not this customer's, 808).
    private const string PreviousOwnerRemedy =
        "Have the previous owner remove the device from their Microsoft Store for Business or Intune (Devices > Remove devices), "
        + "then upload it again; failing that, open a Microsoft support case with the upload CSV file, an invoice showing the "
        + "serial number and the company name, and the output of 'Mdmdiagnosticstool.exe -area Autopilot -cab'.";

    private static readonly DeviceError[] Entries =
    [
        new("801", ["InvalidZtdRequestBody"], "The request was malformed or lacked the tenant id.", DeviceErrorNature.Transient,
            "Upload the device again as it is; if the error stays, check the request and the customer's tenant id.", false, Documented),
        new("802", ["InvalidZtdHardwareHash"], "The hardware hash is invalid or incomplete.", DeviceErrorNature.FixData,
            "The hash lacks the manufacturer or the serial number: check what the device reports, capture its 4K hardware hash again, then upload the device again.",
            false, Documented),
        new("803", ["MissingZtdSerialNumberAndProductKey"], "The serial number and product key are missing or invalid.", DeviceErrorNature.FixData,
            "Supply a valid serial number and product key (or the hardware hash), then upload the device again.", false, Documented),
        new("806", ["ZtdDeviceAlreadyAssigned"], "The device is already registered to the same tenant.", DeviceErrorNature.AlreadyDone,
            "Nothing when the device shows in this customer's Windows Autopilot devices. If it does not, another tenant holds it. " + PreviousOwnerRemedy,
            false, Confirmed),
        new("807", ["ZtdDeviceIsNotRegistered"], "The device is not registered under this customer's tenant.", DeviceErrorNature.FixData,
            "Check that the device is registered to this customer before changing or removing it.", true, Draft),
        new("808", ["ZtdDeviceAssignedToOtherTenant", "ZtdDeviceAssignedToAnotherTenant"], "The device is registered to another tenant; its previous owner must deregister it.",
            DeviceErrorNature.Ownership, PreviousOwnerRemedy, false,
            Confirmed + " Intune's page spells the name ZtdDeviceAssignedToAnotherTenant."),
        new("809", ["ZtdProfileIsNotRegistered"], "The profile is not registered to the tenant.", DeviceErrorNature.FixData,
            "Use a profile registered to this customer's tenant.", true, Draft),
        new("810", ["ZtdProfileAssignedToOtherTenant"], "The profile belongs to another tenant.", DeviceErrorNature.Ownership,
            "Use a profile of this customer's tenant.", true, Draft),
        new("811", ["ZtdDeviceRegisteredByOtherTenant"], "A delete was attempted on a device registered by another tenant.", DeviceErrorNature.Ownership,
            "Only the tenant that registered the device can delete it.", true, Draft),
        new("812", ["ZtdDeviceNotFound"], "No hardware hash matched the manufacturer, model and serial number.", DeviceErrorNature.FixData,
            "Check the manufacturer, model and serial number, or upload the 4K hardware hash instead: a device re-registered after a repair "
            + "with only its product key or its manufacturer, model and serial number fails with this error.", true, Draft),
        new("813", ["ZtdDeviceIsNotUnique"], "The device cannot be identified uniquely from the hardware hash.", DeviceErrorNature.FixData,
            "Capture the complete 4K hardware hash, then upload the device again.", true, Draft),
        new("814", ["ZtdDeviceAlreadyAadRegistered"], "The device object already exists in Microsoft Entra ID.", DeviceErrorNature.AlreadyDone,
            "Nothing to register: the device already exists in the customer's directory.", true, Draft),
        new("640", ["StorageError"], "A generic storage failure of the service.", DeviceErrorNature.Transient,
            "Upload the device again later; if the error stays, contact Microsoft support.", true,
            "Named in Microsoft's Autopilot pages, but no public source gives it the number 640: provisional."),
        new(null, ["ZtdDeviceDuplicated"], "The same hardware hash appears twice in one upload; only one of its rows was processed.", DeviceErrorNature.FixData,
            "Remove the duplicate row from the upload file; upload the device again only if its other row failed too.", false,
            "Microsoft's Windows Autopilot and Intune pages, without a number."),
        new(null, ["HashNot4k"], "The hardware hash is not the full 4K hash.", DeviceErrorNature.FixData,
            "Capture the 4K hardware hash again on the device (a device re-registered after a repair needs the 4K hash, not its product key "
            + "or its manufacturer, model and serial number), then upload it again.", true,
            "A single draft Microsoft document, with its number still to be decided: the wording is provisional."),
    ];

    private static readonly Dictionary<string, DeviceError> ByCode = Entries
        .Where(entry => entry.Code is not null)
        .ToDictionary(entry => entry.Code!, StringComparer.Ordinal);

    // The service sends names as listed; the pages that spell them differently also vary their casing.
    private static readonly Dictionary<string, DeviceError> ByName = Entries
        .SelectMany(entry => entry.Names.Select(name => (Name: name, Entry: entry)))
        .ToDictionary(pair => pair.Name, pair => pair.Entry, StringComparer.OrdinalIgnoreCase);

    /// <summary>Gets every entry of the catalog: the numbered codes in the order of the reference table, then the errors without a number.</summary>
    public static IReadOnlyList<DeviceError> All { get; } = Array.AsReadOnly(Entries);

    /// <summary>
    /// Looks up an error by its code such as <c>808</c>, or by its name such as <c>ZtdDeviceDuplicated</c> (in any of its
    /// spellings, ignoring case) when the code is absent or unknown: some errors come without a number, and the name then
    /// tells which one it is. Surrounding whitespace is ignored.
    /// </summary>
    /// <param name="code">The code, as in <see cref="DeviceUploadDetails.ErrorCode"/> (a number sent as JSON is read as its digits, <c>"808"</c>).</param>
    /// <param name="name">The name, as in <see cref="DeviceUploadDetails.ErrorDescription"/>.</param>
    /// <returns>The entry, or <see langword="null"/> when the catalog knows neither the code nor the name.</returns>
    public static DeviceError? Find(string? code, string? name = null) =>
        code is not null && ByCode.TryGetValue(code.Trim(), out var byCode) ? byCode
        : name is not null && ByName.TryGetValue(name.Trim(), out var byName) ? byName : null;
}
