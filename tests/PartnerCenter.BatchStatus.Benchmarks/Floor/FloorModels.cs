using System.Text.Json.Serialization;

namespace PartnerCenter.BatchStatus.Benchmarks.Floor;

// The least a client could do: plain records read by a source-generated context, no tolerance, no extras.
public sealed class FloorBatch
{
    [JsonPropertyName("batchTrackingId")] public string? BatchTrackingId { get; set; }

    [JsonPropertyName("status")] public string? Status { get; set; }

    [JsonPropertyName("startedTime")] public DateTime? StartedTime { get; set; }

    [JsonPropertyName("completedTime")] public DateTime? CompletedTime { get; set; }

    [JsonPropertyName("devicesStatus")] public List<FloorDevice>? DevicesStatus { get; set; }

    [JsonPropertyName("attributes")] public FloorAttributes? Attributes { get; set; }
}

public sealed class FloorDevice
{
    [JsonPropertyName("deviceId")] public string? DeviceId { get; set; }

    [JsonPropertyName("serialNumber")] public string? SerialNumber { get; set; }

    [JsonPropertyName("productKey")] public string? ProductKey { get; set; }

    [JsonPropertyName("status")] public string? Status { get; set; }

    [JsonPropertyName("errorCode")] public string? ErrorCode { get; set; }

    [JsonPropertyName("errorDescription")] public string? ErrorDescription { get; set; }

    [JsonPropertyName("attributes")] public FloorAttributes? Attributes { get; set; }
}

public sealed class FloorAttributes
{
    [JsonPropertyName("objectType")] public string? ObjectType { get; set; }
}

[JsonSerializable(typeof(FloorBatch))]
public sealed partial class FloorJsonContext : JsonSerializerContext;
