using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using PartnerCenter.BatchStatus.Serialization;

namespace PartnerCenter.BatchStatus.Cli.Output;

/// <summary>
/// Writes <c>--json</c>: the tool's own envelope, one stable shape for scripts. It is not the service's body as
/// received (the client reads that into its model): it holds the ids that were asked for, the ids of the answer to
/// quote to support, and the batch's details as the client's model writes them.
/// </summary>
/// <remarks>
/// <code>
/// {
///   "customerId": "…", "batchTrackingId": "…",   // as asked for
///   "requestId": "…", "correlationId": "…",      // MS-RequestId and MS-CorrelationId of the answer, or null
///   "details": { "batchTrackingId": …, "status": …, "startedTime": …, "completedTime": …, "devicesStatus": [ … ], "attributes": { … } },
///   "unreadValues": [ "$.startedTime", … ],      // JSON paths of the answer's values the model could not hold (the first 1,000)
///   "unreadValueCount": 1                        // how many there were in all
/// }
/// </code>
/// In <c>details</c>, a field the service did not send is left out (never <c>null</c>), a status is as sent (also one
/// the client does not know), fields the contract does not list are kept, and times are UTC, ISO 8601 with their
/// <c>+00:00</c> offset written out (the service sends them without one). <c>unreadValues</c> and
/// <c>unreadValueCount</c> come with <c>details</c>: empty and 0 when every value of the answer was read.
/// </remarks>
internal static class JsonReport
{
    // The client's metadata (source-generated: no reflection, so the tool can be compiled ahead of time), writing no
    // null field.
    private static readonly JsonTypeInfo<BatchUploadDetails> DetailsInfo = (JsonTypeInfo<BatchUploadDetails>)
        new JsonSerializerOptions(BatchStatusJson.BatchUploadDetails.Options) { DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull }
            .GetTypeInfo(typeof(BatchUploadDetails));

    private static readonly JsonWriterOptions WriterOptions = new()
    {
        Indented = true,
        Encoder = TerminalSafeJsonEncoder.Instance,
    };

    /// <summary>Writes the envelope.</summary>
    /// <param name="writer">Where to write.</param>
    /// <param name="details">The batch.</param>
    /// <param name="batch">The ids that were asked for.</param>
    public static void Write(TextWriter writer, BatchUploadDetails details, BatchTrackingLocation batch) =>
        Write(writer, batch, details, details.Response?.RequestId, details.Response?.CorrelationId, error: null, WriterOptions);

    /// <summary>
    /// Writes the envelope of one batch of <c>pcbatch watch</c> on one line: the same shape, with <c>details</c> left out
    /// when no poll succeeded, and an <c>error</c> field when the batch's wait failed.
    /// </summary>
    /// <param name="writer">Where to write.</param>
    /// <param name="batch">The ids that were asked for.</param>
    /// <param name="details">The final or last seen details, or <see langword="null"/>.</param>
    /// <param name="requestId">The request id of the last answer, or <see langword="null"/>.</param>
    /// <param name="correlationId">The correlation id of the batch's calls.</param>
    /// <param name="error">Why the wait failed, in one line, or <see langword="null"/> when the batch finished.</param>
    public static void WriteLine(TextWriter writer, BatchTrackingLocation batch, BatchUploadDetails? details, string? requestId, string? correlationId, string? error) =>
        Write(writer, batch, details, requestId, correlationId, error, WriterOptions with { Indented = false });

    private static void Write(TextWriter writer, BatchTrackingLocation batch, BatchUploadDetails? details, string? requestId, string? correlationId, string? error, JsonWriterOptions options)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, options))
        {
            json.WriteStartObject();
            json.WriteString("customerId", batch.CustomerId.ToString("D"));
            json.WriteString("batchTrackingId", batch.BatchTrackingId.ToString("D"));
            json.WriteString("requestId", requestId);
            json.WriteString("correlationId", correlationId);
            if (details is not null)
            {
                json.WritePropertyName("details");
                JsonSerializer.Serialize(json, details, DetailsInfo);
                json.WriteStartArray("unreadValues");
                foreach (var path in details.Response?.UnreadValues ?? [])
                {
                    json.WriteStringValue(path);
                }

                json.WriteEndArray();
                json.WriteNumber("unreadValueCount", details.Response?.UnreadValueCount ?? 0);
            }

            if (error is not null)
            {
                json.WriteString("error", error);
            }

            json.WriteEndObject();
        }

        writer.WriteLine(System.Text.Encoding.UTF8.GetString(buffer.ToArray()));
    }
}
