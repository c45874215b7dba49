namespace PartnerCenter.BatchStatus.Testing;

/// <summary>
/// A device in a batch that the kit's fakes serve: its serial number, status and, when it failed,
/// the device registration error.
/// </summary>
/// <example>
/// <code>
/// FakeDevice.Finished("SN-1");
/// FakeDevice.Failed("SN-2", "808", "ZtdDeviceAssignedToOtherTenant");
/// new FakeDevice("SN-3") { Status = "quarantined" }; // a status the contract does not list
/// </code>
/// </example>
public sealed class FakeDevice
{
    /// <summary>Initializes a new instance of the <see cref="FakeDevice"/> class, finished without error.</summary>
    /// <param name="serialNumber">The device's serial number.</param>
    /// <exception cref="ArgumentException"><paramref name="serialNumber"/> is empty.</exception>
    /// <exception cref="ArgumentNullException"><paramref name="serialNumber"/> is <see langword="null"/>.</exception>
    public FakeDevice(string serialNumber)
    {
        ArgumentException.ThrowIfNullOrEmpty(serialNumber);
        SerialNumber = serialNumber;
    }

    /// <summary>Gets the device's serial number.</summary>
    public string SerialNumber { get; }

    /// <summary>Gets the device's product key; not sent when <see langword="null"/>.</summary>
    public string? ProductKey { get; init; }

    /// <summary>Gets the device id; not sent when <see langword="null"/>, as in the documented sample.</summary>
    public Guid? DeviceId { get; init; }

    /// <summary>
    /// Gets the device's status as sent on the wire, such as <c>finished_with_errors</c>; any value, including
    /// ones the contract does not list. The default value is <c>finished</c>.
    /// </summary>
    public string Status { get; init; } = DeviceUploadStatus.Finished.ToString();

    /// <summary>Gets the device registration error code, such as <c>808</c>; not sent when <see langword="null"/>.</summary>
    public string? ErrorCode { get; init; }

    /// <summary>Gets the error's name, such as <c>ZtdDeviceAssignedToOtherTenant</c>; not sent when <see langword="null"/>.</summary>
    public string? ErrorDescription { get; init; }

    /// <summary>Creates a device that is still waiting to be processed.</summary>
    /// <param name="serialNumber">The device's serial number.</param>
    /// <param name="productKey">The device's product key, if it should be sent.</param>
    /// <returns>The device, with status <c>queued</c>.</returns>
    /// <exception cref="ArgumentException"><paramref name="serialNumber"/> is <see langword="null"/> or empty.</exception>
    public static FakeDevice Queued(string serialNumber, string? productKey = null) => new(serialNumber) { ProductKey = productKey, Status = DeviceUploadStatus.Queued.ToString() };

    /// <summary>Creates a device that is being processed.</summary>
    /// <param name="serialNumber">The device's serial number.</param>
    /// <param name="productKey">The device's product key, if it should be sent.</param>
    /// <returns>The device, with status <c>processing</c>.</returns>
    /// <exception cref="ArgumentException"><paramref name="serialNumber"/> is <see langword="null"/> or empty.</exception>
    public static FakeDevice Processing(string serialNumber, string? productKey = null) => new(serialNumber) { ProductKey = productKey, Status = DeviceUploadStatus.Processing.ToString() };

    /// <summary>Creates a device that was registered without error.</summary>
    /// <param name="serialNumber">The device's serial number.</param>
    /// <param name="productKey">The device's product key, if it should be sent.</param>
    /// <returns>The device, with status <c>finished</c>.</returns>
    /// <exception cref="ArgumentException"><paramref name="serialNumber"/> is <see langword="null"/> or empty.</exception>
    public static FakeDevice Finished(string serialNumber, string? productKey = null) => new(serialNumber) { ProductKey = productKey };

    /// <summary>Creates a device whose registration failed.</summary>
    /// <param name="serialNumber">The device's serial number.</param>
    /// <param name="errorCode">The device registration error code, such as <c>808</c>; <see langword="null"/> for an error without a number.</param>
    /// <param name="errorDescription">The error's name, such as <c>ZtdDeviceAssignedToOtherTenant</c>, if it should be sent.</param>
    /// <param name="productKey">The device's product key, if it should be sent.</param>
    /// <param name="deviceId">The device id, if it should be sent.</param>
    /// <returns>The device, with status <c>finished_with_errors</c>.</returns>
    /// <exception cref="ArgumentException"><paramref name="serialNumber"/> is <see langword="null"/> or empty, or <paramref name="errorCode"/> is empty.</exception>
    public static FakeDevice Failed(string serialNumber, string? errorCode, string? errorDescription = null, string? productKey = null, Guid? deviceId = null) =>
        errorCode is { Length: 0 }
            ? throw new ArgumentException("The error code must not be empty; give null for an error without a number.", nameof(errorCode))
            : new(serialNumber) { Status = DeviceUploadStatus.FinishedWithErrors.ToString(), ErrorCode = errorCode, ErrorDescription = errorDescription, ProductKey = productKey, DeviceId = deviceId };
}
