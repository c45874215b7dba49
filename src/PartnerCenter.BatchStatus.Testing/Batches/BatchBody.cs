using System.Globalization;
using System.Text;
using System.Text.Json;

namespace PartnerCenter.BatchStatus.Testing;

/// <summary>Writes a <c>BatchUploadDetails</c> body the way the service does: timestamps in UTC without an offset, absent fields left out.</summary>
internal static class BatchBody
{
    public static string Write(Guid batchTrackingId, string status, DateTimeOffset startedTime, DateTimeOffset? completedTime, IReadOnlyList<FakeDevice> devices)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("batchTrackingId", batchTrackingId.ToString("D", CultureInfo.InvariantCulture));
            writer.WriteString("status", status);
            writer.WriteString("startedTime", Timestamp(startedTime));
            if (completedTime is { } completed)
            {
                writer.WriteString("completedTime", Timestamp(completed));
            }

            writer.WriteStartArray("devicesStatus");
            foreach (var device in devices)
            {
                WriteDevice(writer, device);
            }

            writer.WriteEndArray();
            WriteAttributes(writer, "BatchUploadDetails");
            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static void WriteDevice(Utf8JsonWriter writer, FakeDevice device)
    {
        writer.WriteStartObject();
        if (device.DeviceId is { } deviceId)
        {
            writer.WriteString("deviceId", deviceId.ToString("D", CultureInfo.InvariantCulture));
        }

        writer.WriteString("serialNumber", device.SerialNumber);
        WriteIfPresent(writer, "productKey", device.ProductKey);
        writer.WriteString("status", device.Status);
        WriteIfPresent(writer, "errorCode", device.ErrorCode);
        WriteIfPresent(writer, "errorDescription", device.ErrorDescription);
        WriteAttributes(writer, "DeviceUploadDetails");
        writer.WriteEndObject();
    }

    private static void WriteIfPresent(Utf8JsonWriter writer, string name, string? value)
    {
        if (value is not null)
        {
            writer.WriteString(name, value);
        }
    }

    private static void WriteAttributes(Utf8JsonWriter writer, string objectType)
    {
        writer.WriteStartObject("attributes");
        writer.WriteString("objectType", objectType);
        writer.WriteEndObject();
    }

    private static string Timestamp(DateTimeOffset value) =>
        value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture);
}
