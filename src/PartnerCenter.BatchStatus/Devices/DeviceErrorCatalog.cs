using System.Diagnostics.CodeAnalysis;

namespace PartnerCenter.BatchStatus;

/// <summary>
/// The device registration (Windows Autopilot) error codes that Partner Center reports in
/// <see cref="DeviceUploadDetails.ErrorCode"/>: 801, 802, 803, 806, 807, 808, 809, 810, 811, 812, 813, 814 and 640.
/// </summary>
/// <remarks>
/// 806 and 808 are confirmed by Microsoft support and the Autopilot documentation; 807 and 809 to 814 come from a
/// single draft Microsoft document (<see cref="DeviceError.IsProvisional"/>). A code not listed here has no entry:
/// the device's own <see cref="DeviceUploadDetails.ErrorCode"/> and <see cref="DeviceUploadDetails.ErrorDescription"/>
/// are all there is to know about it, and they are never changed.
/// </remarks>
public static class DeviceErrorCatalog
{
    private static readonly DeviceError[] Entries =
    [
        new("801", "InvalidZtdRequestBody", "The request was malformed or lacked the tenant id.", DeviceErrorNature.Transient,
            "Upload the device again; if the error stays, check the request and the customer's tenant id.", isProvisional: false),
        new("802", "InvalidZtdHardwareHash", "The hardware hash is invalid or incomplete.", DeviceErrorNature.FixData,
            "Capture the device's hardware hash again, then upload the device again.", isProvisional: false),
        new("803", "MissingZtdSerialNumberAndProductKey", "The serial number and product key are missing or invalid.", DeviceErrorNature.FixData,
            "Supply a valid serial number and product key, then upload the device again.", isProvisional: false),
        new("806", "ZtdDeviceAlreadyAssigned", "The device is already registered to the same tenant.", DeviceErrorNature.AlreadyDone,
            "Nothing: the device is already registered to this customer.", isProvisional: false),
        new("807", "ZtdDeviceIsNotRegistered", "The device is not registered under this customer's tenant.", DeviceErrorNature.FixData,
            "Check that the device is registered to this customer before changing or removing it.", isProvisional: true),
        new("808", "ZtdDeviceAssignedToOtherTenant", "The device is registered to another tenant; its previous owner must deregister it.", DeviceErrorNature.Ownership,
            "Ask the tenant that owns the device to deregister it, then upload the device again.", isProvisional: false),
        new("809", "ZtdProfileIsNotRegistered", "The profile is not registered to the tenant.", DeviceErrorNature.FixData,
            "Use a profile registered to this customer's tenant.", isProvisional: true),
        new("810", "ZtdProfileAssignedToOtherTenant", "The profile belongs to another tenant.", DeviceErrorNature.Ownership,
            "Use a profile of this customer's tenant.", isProvisional: true),
        new("811", "ZtdDeviceRegisteredByOtherTenant", "A delete was attempted on a device registered by another tenant.", DeviceErrorNature.Ownership,
            "Only the tenant that registered the device can delete it.", isProvisional: true),
        new("812", "ZtdDeviceNotFound", "No hardware hash matched the manufacturer, model and serial number.", DeviceErrorNature.FixData,
            "Check the manufacturer, model and serial number (or upload the hardware hash), then upload the device again.", isProvisional: true),
        new("813", "ZtdDeviceIsNotUnique", "The device cannot be identified uniquely from the hardware hash.", DeviceErrorNature.FixData,
            "Capture the complete hardware hash, then upload the device again.", isProvisional: true),
        new("814", "ZtdDeviceAlreadyAadRegistered", "The device object already exists in Microsoft Entra ID.", DeviceErrorNature.AlreadyDone,
            "Nothing to register: the device already exists in the customer's directory.", isProvisional: true),
        new("640", "StorageError", "A generic storage failure of the service.", DeviceErrorNature.Transient,
            "Upload the device again later.", isProvisional: false),
    ];

    private static readonly Dictionary<string, DeviceError> ByCode = Entries.ToDictionary(entry => entry.Code, StringComparer.Ordinal);

    /// <summary>Gets every entry of the catalog, in the order of the reference table.</summary>
    public static IReadOnlyList<DeviceError> All { get; } = Array.AsReadOnly(Entries);

    /// <summary>Looks up an error code such as <c>808</c>; surrounding whitespace is ignored.</summary>
    /// <param name="code">The code, as in <see cref="DeviceUploadDetails.ErrorCode"/>.</param>
    /// <param name="entry">The entry, when the catalog knows the code.</param>
    /// <returns><see langword="true"/> when the catalog knows the code.</returns>
    public static bool TryGet(string? code, [NotNullWhen(true)] out DeviceError? entry)
    {
        entry = null;
        return code is not null && ByCode.TryGetValue(code.Trim(), out entry);
    }

    /// <summary>Looks up an error code such as <c>808</c>; surrounding whitespace is ignored.</summary>
    /// <param name="code">The code, as in <see cref="DeviceUploadDetails.ErrorCode"/>.</param>
    /// <returns>The entry, or <see langword="null"/> when the catalog does not know the code.</returns>
    public static DeviceError? Find(string? code) => TryGet(code, out var entry) ? entry : null;
}
