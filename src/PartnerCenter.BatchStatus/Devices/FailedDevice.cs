namespace PartnerCenter.BatchStatus;

/// <summary>A device of a batch that failed, with what the catalog knows about its error, and so what to do next with it.</summary>
public sealed class FailedDevice
{
    internal FailedDevice(DeviceUploadDetails device, DeviceError? error)
    {
        Device = device;
        Error = error;
    }

    /// <summary>Gets the device as the service reported it, unchanged.</summary>
    public DeviceUploadDetails Device { get; }

    /// <summary>
    /// Gets the catalog's entry for the device's error (found by its code, or by its name), or <see langword="null"/>
    /// when the device has neither or ones the catalog does not know (then <see cref="DeviceUploadDetails.ErrorCode"/>
    /// and <see cref="DeviceUploadDetails.ErrorDescription"/> are all there is).
    /// </summary>
    public DeviceError? Error { get; }

    /// <summary>
    /// Gets what to do next with the device: upload it again as it is (<see cref="DeviceErrorNature.Transient"/>), fix
    /// its data first, chase its owner, nothing (already registered), or look at it (<see cref="DeviceErrorNature.Unknown"/>,
    /// when <see cref="Error"/> is <see langword="null"/>).
    /// </summary>
    public DeviceErrorNature Nature => Error?.Nature ?? DeviceErrorNature.Unknown;
}
