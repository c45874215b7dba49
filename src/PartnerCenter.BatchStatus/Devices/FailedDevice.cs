namespace PartnerCenter.BatchStatus;

/// <summary>A device of a batch that failed, with what the catalog knows about its error code.</summary>
public sealed class FailedDevice
{
    /// <summary>Initializes a new instance of the <see cref="FailedDevice"/> class.</summary>
    /// <param name="device">The device as the service reported it.</param>
    /// <param name="error">The catalog's entry for the device's error code, or <see langword="null"/> when it has none.</param>
    /// <exception cref="ArgumentNullException"><paramref name="device"/> is <see langword="null"/>.</exception>
    public FailedDevice(DeviceUploadDetails device, DeviceError? error)
    {
        ArgumentNullException.ThrowIfNull(device);
        Device = device;
        Error = error;
    }

    /// <summary>Gets the device as the service reported it, unchanged.</summary>
    public DeviceUploadDetails Device { get; }

    /// <summary>
    /// Gets the catalog's entry for the device's error code, or <see langword="null"/> when the device has no code
    /// or one the catalog does not know (then <see cref="DeviceUploadDetails.ErrorCode"/> and
    /// <see cref="DeviceUploadDetails.ErrorDescription"/> are all there is).
    /// </summary>
    public DeviceError? Error { get; }

    /// <summary>
    /// Gets a value indicating whether uploading the device again, unchanged, can succeed; <see langword="null"/>
    /// when the error is not in the catalog.
    /// </summary>
    public bool? RetryCanHelp => Error?.RetryCanHelp;
}
