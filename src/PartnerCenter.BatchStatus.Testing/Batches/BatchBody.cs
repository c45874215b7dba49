using System.Globalization;
using System.Text.Json.Nodes;

namespace PartnerCenter.BatchStatus.Testing;

/// <summary>
/// Writes the bodies the service sends: a <c>BatchUploadDetails</c> (timestamps in UTC without an offset, absent
/// fields left out) and the Partner Center error body of a 4xx or 5xx status.
/// </summary>
internal static class BatchBody
{
    public static string Write(Guid batchTrackingId, string status, DateTimeOffset startedTime, DateTimeOffset? completedTime, IReadOnlyList<FakeDevice> devices) =>
        Present(new()
        {
            ["batchTrackingId"] = batchTrackingId.ToString("D"),
            ["status"] = status,
            ["startedTime"] = Timestamp(startedTime),
            ["completedTime"] = completedTime is { } completed ? Timestamp(completed) : null,
            ["devicesStatus"] = new JsonArray([.. devices.Select(Device)]),
            ["attributes"] = new JsonObject { ["objectType"] = "BatchUploadDetails" },
        }).ToJsonString();

    public static string Error(string code, string description) =>
        new JsonObject { ["code"] = code, ["description"] = description, ["data"] = new JsonArray(), ["source"] = "PartnerFD" }.ToJsonString();

    private static JsonObject Device(FakeDevice device) => Present(new()
    {
        ["deviceId"] = device.DeviceId?.ToString("D"),
        ["serialNumber"] = device.SerialNumber,
        ["productKey"] = device.ProductKey,
        ["status"] = device.Status,
        ["errorCode"] = device.ErrorCode,
        ["errorDescription"] = device.ErrorDescription,
        ["attributes"] = new JsonObject { ["objectType"] = "DeviceUploadDetails" },
    });

    /// <summary>Leaves out the fields without a value, as the service does.</summary>
    private static JsonObject Present(Dictionary<string, JsonNode?> fields) => new(fields.Where(field => field.Value is not null));

    private static string Timestamp(DateTimeOffset value) => value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture);
}
