using System.Text.Json;

namespace PartnerCenter.BatchStatus.Benchmarks.Support;

/// <summary>Response bodies: the documented sample, and generated batches of realistic devices.</summary>
public static class Payloads
{
    public static readonly Guid CustomerId = Guid.Parse("47021739-3426-40bf-9601-61b4b6d7c793");

    public static readonly Guid BatchTrackingId = Guid.Parse("0127ed8e-ff72-4983-a3d8-e8d8bd378932");

    public static byte[] DocumentedSample { get; } = ReadDocumentedSample();

    /// <summary>
    /// A finished batch of <paramref name="deviceCount"/> devices: most finished, some failed with the documented
    /// error codes, some still processing; every device with a serial number, product key and device id.
    /// </summary>
    public static byte[] Batch(int deviceCount)
    {
        var random = new Random(deviceCount);
        string[] errors = ["808 ZtdDeviceAssignedToOtherTenant", "806 ZtdDeviceAlreadyAssigned", "802 InvalidZtdHardwareHash", "812 ZtdDeviceNotFound"];
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("batchTrackingId", BatchTrackingId);
            json.WriteString("status", "finished");
            json.WriteString("startedTime", "2017-07-25T10:00:00");
            json.WriteString("completedTime", "2017-07-25T10:10:00");
            json.WriteStartArray("devicesStatus");
            for (var i = 0; i < deviceCount; i++)
            {
                json.WriteStartObject();
                json.WriteString("deviceId", new Guid(random.Next(), (short)i, (short)(i >> 16), 1, 2, 3, 4, 5, 6, 7, 8));
                json.WriteString("serialNumber", $"PF{random.Next(10_000_000, 99_999_999)}");
                json.WriteString("productKey", $"{random.Next(10000, 99999)}-{random.Next(10000, 99999)}-{random.Next(10000, 99999)}-{random.Next(10000, 99999)}-{random.Next(10000, 99999)}");
                var roll = random.Next(100);
                if (roll < 10)
                {
                    var error = errors[random.Next(errors.Length)].Split(' ');
                    json.WriteString("status", "finished_with_errors");
                    json.WriteString("errorCode", error[0]);
                    json.WriteString("errorDescription", error[1]);
                }
                else
                {
                    json.WriteString("status", roll < 15 ? "processing" : "finished");
                }

                json.WriteStartObject("attributes");
                json.WriteString("objectType", "DeviceUploadDetails");
                json.WriteEndObject();
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteStartObject("attributes");
            json.WriteString("objectType", "BatchUploadDetails");
            json.WriteEndObject();
            json.WriteEndObject();
        }

        return buffer.ToArray();
    }

    private static byte[] ReadDocumentedSample()
    {
        using var stream = typeof(Payloads).Assembly.GetManifestResourceStream("documented-sample.json")
            ?? throw new InvalidOperationException("The documented sample is not embedded.");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}
