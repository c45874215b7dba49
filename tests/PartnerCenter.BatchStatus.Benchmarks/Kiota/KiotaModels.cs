using System.Runtime.Serialization;
using Microsoft.Kiota.Abstractions.Serialization;

namespace PartnerCenter.BatchStatus.Benchmarks.Kiota;

// Hand-written the way Kiota generates models for this operation: IParsable with field deserializers. The benchmarks
// only read, so the models do not write.
public enum KiotaDeviceUploadStatus
{
    [EnumMember(Value = "unknown")] Unknown,
    [EnumMember(Value = "queued")] Queued,
    [EnumMember(Value = "processing")] Processing,
    [EnumMember(Value = "finished")] Finished,
    [EnumMember(Value = "finished_with_errors")] FinishedWithErrors,
}

public sealed class KiotaBatchUploadDetails : IAdditionalDataHolder, IParsable
{
    public IDictionary<string, object> AdditionalData { get; set; } = new Dictionary<string, object>();

    public string? BatchTrackingId { get; set; }

    public KiotaDeviceUploadStatus? Status { get; set; }

    public DateTimeOffset? StartedTime { get; set; }

    public DateTimeOffset? CompletedTime { get; set; }

    public List<KiotaDeviceUploadDetails>? DevicesStatus { get; set; }

    public KiotaResourceAttributes? Attributes { get; set; }

    public static KiotaBatchUploadDetails CreateFromDiscriminatorValue(IParseNode parseNode) => new();

    public IDictionary<string, Action<IParseNode>> GetFieldDeserializers() => new Dictionary<string, Action<IParseNode>>
    {
        { "batchTrackingId", n => BatchTrackingId = n.GetStringValue() },
        { "status", n => Status = n.GetEnumValue<KiotaDeviceUploadStatus>() },
        { "startedTime", n => StartedTime = n.GetDateTimeOffsetValue() },
        { "completedTime", n => CompletedTime = n.GetDateTimeOffsetValue() },
        { "devicesStatus", n => DevicesStatus = n.GetCollectionOfObjectValues(KiotaDeviceUploadDetails.CreateFromDiscriminatorValue)?.ToList() },
        { "attributes", n => Attributes = n.GetObjectValue(KiotaResourceAttributes.CreateFromDiscriminatorValue) },
    };

    public void Serialize(ISerializationWriter writer) => throw new NotSupportedException();
}

public sealed class KiotaDeviceUploadDetails : IAdditionalDataHolder, IParsable
{
    public IDictionary<string, object> AdditionalData { get; set; } = new Dictionary<string, object>();

    public string? DeviceId { get; set; }

    public string? SerialNumber { get; set; }

    public string? ProductKey { get; set; }

    public KiotaDeviceUploadStatus? Status { get; set; }

    public string? ErrorCode { get; set; }

    public string? ErrorDescription { get; set; }

    public KiotaResourceAttributes? Attributes { get; set; }

    public static KiotaDeviceUploadDetails CreateFromDiscriminatorValue(IParseNode parseNode) => new();

    public IDictionary<string, Action<IParseNode>> GetFieldDeserializers() => new Dictionary<string, Action<IParseNode>>
    {
        { "deviceId", n => DeviceId = n.GetStringValue() },
        { "serialNumber", n => SerialNumber = n.GetStringValue() },
        { "productKey", n => ProductKey = n.GetStringValue() },
        { "status", n => Status = n.GetEnumValue<KiotaDeviceUploadStatus>() },
        { "errorCode", n => ErrorCode = n.GetStringValue() },
        { "errorDescription", n => ErrorDescription = n.GetStringValue() },
        { "attributes", n => Attributes = n.GetObjectValue(KiotaResourceAttributes.CreateFromDiscriminatorValue) },
    };

    public void Serialize(ISerializationWriter writer) => throw new NotSupportedException();
}

public sealed class KiotaResourceAttributes : IAdditionalDataHolder, IParsable
{
    public IDictionary<string, object> AdditionalData { get; set; } = new Dictionary<string, object>();

    public string? ObjectType { get; set; }

    public static KiotaResourceAttributes CreateFromDiscriminatorValue(IParseNode parseNode) => new();

    public IDictionary<string, Action<IParseNode>> GetFieldDeserializers() => new Dictionary<string, Action<IParseNode>>
    {
        { "objectType", n => ObjectType = n.GetStringValue() },
    };

    public void Serialize(ISerializationWriter writer) => throw new NotSupportedException();
}
