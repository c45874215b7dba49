using System.Text.Json;
using PartnerCenter.BatchStatus.Serialization;

namespace PartnerCenter.BatchStatus.Testing;

/// <summary>
/// Builds the client's models for unit tests that mock <see cref="IBatchStatusClient"/>, including what only a
/// response can set, such as a status the contract does not list.
/// </summary>
/// <example>
/// <code>
/// var details = BatchStatusModelFactory.BatchUploadDetails(
///     status: DeviceUploadStatus.Finished,
///     devicesStatus: [BatchStatusModelFactory.DeviceUploadDetails("SN-1", DeviceUploadStatus.FinishedWithErrors, errorCode: "808")]);
/// </code>
/// </example>
public static class BatchStatusModelFactory
{
    /// <summary>Builds a <see cref="BatchStatus.BatchUploadDetails"/>.</summary>
    /// <param name="batchTrackingId">The batch tracking id.</param>
    /// <param name="status">The batch's status.</param>
    /// <param name="startedTime">When the batch started.</param>
    /// <param name="completedTime">When the batch completed.</param>
    /// <param name="devicesStatus">The devices; an empty list when <see langword="null"/>, as the service sends.</param>
    /// <param name="rawStatus">
    /// The status as the service would send it, for a value the contract does not list (such as <c>cancelled</c>):
    /// then <see cref="BatchStatus.BatchUploadDetails.Status"/> is <see cref="DeviceUploadStatus.Unknown"/> and
    /// <see cref="BatchStatus.BatchUploadDetails.Status"/> keeps the value. Give either this or <paramref name="status"/>.
    /// </param>
    /// <returns>The details, with <c>attributes.objectType</c> set as the service sets it and no <see cref="BatchStatus.BatchUploadDetails.Response"/>.</returns>
    /// <exception cref="ArgumentException">Both <paramref name="status"/> and <paramref name="rawStatus"/> are given.</exception>
    public static BatchUploadDetails BatchUploadDetails(
        string? batchTrackingId = null,
        DeviceUploadStatus? status = null,
        DateTimeOffset? startedTime = null,
        DateTimeOffset? completedTime = null,
        IEnumerable<DeviceUploadDetails>? devicesStatus = null,
        string? rawStatus = null)
    {
        var details = new BatchUploadDetails { Status = StatusText(status, rawStatus) };
        details.BatchTrackingId = batchTrackingId;
        details.StartedTime = startedTime;
        details.CompletedTime = completedTime;
        details.DevicesStatus = [.. devicesStatus ?? []];
        details.Attributes = new ResourceAttributes { ObjectType = nameof(BatchStatus.BatchUploadDetails) };
        return details;
    }

    /// <summary>Builds a <see cref="BatchStatus.DeviceUploadDetails"/>.</summary>
    /// <param name="serialNumber">The device's serial number.</param>
    /// <param name="status">The device's status.</param>
    /// <param name="errorCode">The device registration error code, such as <c>808</c>.</param>
    /// <param name="errorDescription">The error's name, such as <c>ZtdDeviceAssignedToOtherTenant</c>.</param>
    /// <param name="productKey">The device's product key.</param>
    /// <param name="deviceId">The device id.</param>
    /// <param name="rawStatus">
    /// The status as the service would send it, for a value the contract does not list: then
    /// <see cref="BatchStatus.DeviceUploadDetails.Status"/> is <see cref="DeviceUploadStatus.Unknown"/>.
    /// Give either this or <paramref name="status"/>.
    /// </param>
    /// <returns>The device's details, with <c>attributes.objectType</c> set as the service sets it.</returns>
    /// <exception cref="ArgumentException">Both <paramref name="status"/> and <paramref name="rawStatus"/> are given.</exception>
    public static DeviceUploadDetails DeviceUploadDetails(
        string? serialNumber = null,
        DeviceUploadStatus? status = null,
        string? errorCode = null,
        string? errorDescription = null,
        string? productKey = null,
        string? deviceId = null,
        string? rawStatus = null)
    {
        var device = new DeviceUploadDetails { Status = StatusText(status, rawStatus) };
        device.SerialNumber = serialNumber;
        device.ErrorCode = errorCode;
        device.ErrorDescription = errorDescription;
        device.ProductKey = productKey;
        device.DeviceId = deviceId;
        device.Attributes = new ResourceAttributes { ObjectType = nameof(BatchStatus.DeviceUploadDetails) };
        return device;
    }

    /// <summary>Builds the documented sample response: a finished batch with one device that failed with error 808.</summary>
    /// <returns>The details, read from the contract's example file as the client reads a response.</returns>
    public static BatchUploadDetails DocumentedSample() =>
        JsonSerializer.Deserialize(Testing.DocumentedSample.Json, BatchStatusJson.BatchUploadDetails)
        ?? throw new InvalidOperationException("The documented sample is empty.");

    private static string? StatusText(DeviceUploadStatus? status, string? rawStatus) =>
        status is not null && rawStatus is not null
            ? throw new ArgumentException("Give either the status or the raw status, not both.", nameof(rawStatus))
            : rawStatus ?? status?.ToString();
}
