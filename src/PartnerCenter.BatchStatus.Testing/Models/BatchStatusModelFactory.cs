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
    /// <param name="status">The batch's status, known or not (such as <c>"cancelled"</c>, which the contract does not list).</param>
    /// <param name="startedTime">When the batch started.</param>
    /// <param name="completedTime">When the batch completed.</param>
    /// <param name="devicesStatus">The devices; an empty list when <see langword="null"/>, as the service sends.</param>
    /// <returns>The details, with <c>attributes.objectType</c> set as the service sets it and no <see cref="BatchStatus.BatchUploadDetails.Response"/>.</returns>
    public static BatchUploadDetails BatchUploadDetails(
        string? batchTrackingId = null,
        DeviceUploadStatus? status = null,
        DateTimeOffset? startedTime = null,
        DateTimeOffset? completedTime = null,
        IEnumerable<DeviceUploadDetails>? devicesStatus = null)
    {
        var details = new BatchUploadDetails { Status = status?.ToString() };
        details.BatchTrackingId = batchTrackingId;
        details.StartedTime = startedTime;
        details.CompletedTime = completedTime;
        details.DevicesStatus = [.. devicesStatus ?? []];
        details.Attributes = new ResourceAttributes { ObjectType = nameof(BatchStatus.BatchUploadDetails) };
        return details;
    }

    /// <summary>Builds a <see cref="BatchStatus.DeviceUploadDetails"/>.</summary>
    /// <param name="serialNumber">The device's serial number.</param>
    /// <param name="status">The device's status, known or not.</param>
    /// <param name="errorCode">The device registration error code, such as <c>808</c>.</param>
    /// <param name="errorDescription">The error's name, such as <c>ZtdDeviceAssignedToOtherTenant</c>.</param>
    /// <param name="productKey">The device's product key.</param>
    /// <param name="deviceId">The device id.</param>
    /// <returns>The device's details, with <c>attributes.objectType</c> set as the service sets it.</returns>
    public static DeviceUploadDetails DeviceUploadDetails(
        string? serialNumber = null,
        DeviceUploadStatus? status = null,
        string? errorCode = null,
        string? errorDescription = null,
        string? productKey = null,
        string? deviceId = null)
    {
        var device = new DeviceUploadDetails { Status = status?.ToString() };
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
}
