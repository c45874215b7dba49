using System.Buffers;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace PartnerCenter.BatchStatus.Serialization;

/// <summary>
/// Adjusts the generated models' JSON metadata: the generated <c>status</c> properties, which fail the whole
/// read on a value the contract does not list, become string properties that keep the raw value and map it
/// tolerantly; details read from a response learn what the response said besides its body.
/// </summary>
internal static class ModelModifiers
{
    private const string StatusJsonName = "status";

    public static void Apply(JsonTypeInfo typeInfo)
    {
        if (typeInfo.Type == typeof(BatchUploadDetails))
        {
            Replace<BatchUploadDetails>(typeInfo, static d => d.RawStatus, static (d, v) => d.SetRawStatus(v));

            // Deserialisation runs inside the call that received the response, so the call's capture is current.
            typeInfo.OnDeserialized = static details => ((BatchUploadDetails)details).Response ??= Errors.ResponseCapture.Current?.Response;
        }
        else if (typeInfo.Type == typeof(DeviceUploadDetails))
        {
            Replace<DeviceUploadDetails>(typeInfo, static d => d.RawStatus, static (d, v) => d.SetRawStatus(v));
        }
    }

    private static void Replace<T>(JsonTypeInfo typeInfo, Func<T, string?> get, Action<T, string?> set)
    {
        for (var i = 0; i < typeInfo.Properties.Count; i++)
        {
            if (typeInfo.Properties[i].Name != StatusJsonName)
            {
                continue;
            }

            // Built the way source-generated metadata is, so that no reflection is needed and trimming keeps it.
            var property = JsonMetadataServices.CreatePropertyInfo(typeInfo.Options, new JsonPropertyInfoValues<string>
            {
                IsProperty = true,
                IsPublic = true,
                DeclaringType = typeof(T),
                PropertyName = nameof(BatchUploadDetails.RawStatus),
                JsonPropertyName = StatusJsonName,
                Getter = target => get((T)target),
                Setter = (target, value) => set((T)target, value),
                Converter = LenientStringConverter.Instance,
            });
            typeInfo.Properties[i] = property;
            return;
        }

        throw new InvalidOperationException($"The generated type {typeof(T).Name} has no '{StatusJsonName}' property; the contract and the client disagree.");
    }

    /// <summary>Reads any scalar as its text, so an unexpected number or boolean does not fail the read.</summary>
    private sealed class LenientStringConverter : JsonConverter<string>
    {
        public static readonly LenientStringConverter Instance = new();

        public override bool HandleNull => true;

        public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            switch (reader.TokenType)
            {
                case JsonTokenType.String:
                    return reader.GetString();
                case JsonTokenType.Number:
                case JsonTokenType.True:
                case JsonTokenType.False:
                    return System.Text.Encoding.UTF8.GetString(reader.HasValueSequence ? reader.ValueSequence.ToArray() : reader.ValueSpan);
                case JsonTokenType.StartObject:
                case JsonTokenType.StartArray:
                    reader.Skip();
                    return null;
                default:
                    return null;
            }
        }

        public override void Write(Utf8JsonWriter writer, string? value, JsonSerializerOptions options)
        {
            if (value is null)
            {
                writer.WriteNullValue();
            }
            else
            {
                writer.WriteStringValue(value);
            }
        }
    }
}
