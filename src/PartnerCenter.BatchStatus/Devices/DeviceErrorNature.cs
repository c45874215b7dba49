namespace PartnerCenter.BatchStatus;

/// <summary>
/// What kind of problem a device registration error stands for, and so what to do next with the device: upload it
/// again as it is, fix its data first, chase its owner, nothing, or look at it (unknown).
/// </summary>
public enum DeviceErrorNature
{
    /// <summary>A passing failure of the service or of the request: uploading the device again, as it is, can succeed.</summary>
    Transient = 0,

    /// <summary>The device's data (hardware hash, serial number, product key, profile) is wrong or incomplete: fix it, then upload again.</summary>
    FixData = 1,

    /// <summary>What the upload asked for is already the case (the device is registered): nothing is left to do.</summary>
    AlreadyDone = 2,

    /// <summary>The device or profile belongs to another tenant: that tenant must release it first (chase the previous owner or the customer).</summary>
    Ownership = 3,

    /// <summary>
    /// The error is not in <see cref="DeviceErrorCatalog"/> (or the device gave no error): the device's own
    /// <see cref="DeviceUploadDetails.ErrorCode"/> and <see cref="DeviceUploadDetails.ErrorDescription"/> are all there
    /// is. Never the nature of a catalog entry.
    /// </summary>
    Unknown = 4,
}
