using System.Buffers;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace PartnerCenter.BatchStatus.Serialization;

/// <summary>
/// Reads the generated models tolerantly: a value of an unexpected kind (a number where the contract says string, a string
/// where it says object, a device that is not an object) is read as its text or left out, so that one odd value never
/// costs the rest of the batch; <see cref="UnreadValues"/> then names what was left out.
/// </summary>
internal static class TolerantReading
{
    public static void Apply(JsonTypeInfo typeInfo)
    {
        if (typeInfo.Type != typeof(BatchUploadDetails) && typeInfo.Type != typeof(DeviceUploadDetails) && typeInfo.Type != typeof(ResourceAttributes))
        {
            return;
        }

        foreach (var property in typeInfo.Properties)
        {
            property.CustomConverter ??= property.PropertyType switch
            {
                var type when type == typeof(string) => LenientStringConverter.Instance,
                var type when type == typeof(ResourceAttributes) => TolerantObjectConverter<ResourceAttributes>.Instance,
                var type when type == typeof(IList<DeviceUploadDetails>) => TolerantListConverter<DeviceUploadDetails>.Instance,
                _ => null,
            };
        }
    }

    /// <summary>Reads any scalar as its text, so an unexpected number or boolean does not fail the read.</summary>
    private sealed class LenientStringConverter : JsonConverter<string>
    {
        public static readonly LenientStringConverter Instance = new();

        public override bool HandleNull => true;

        public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => reader.TokenType switch
        {
            JsonTokenType.String => TextOrNull(ref reader),
            JsonTokenType.Number or JsonTokenType.True or JsonTokenType.False =>
                System.Text.Encoding.UTF8.GetString(reader.HasValueSequence ? reader.ValueSequence.ToArray() : reader.ValueSpan),
            _ => SkipToNull(ref reader),
        };

        /// <summary>Reads a string, or no value for one that is no text (a lone surrogate escaped, bytes that are not UTF-8).</summary>
        private static string? TextOrNull(ref Utf8JsonReader reader)
        {
            try
            {
                return reader.GetString();
            }
            catch (InvalidOperationException)
            {
                return null;
            }
        }

        /// <summary>Skips an object or an array (anything else is one token already read) and reads it as no value.</summary>
        private static string? SkipToNull(ref Utf8JsonReader reader)
        {
            reader.Skip();
            return null;
        }

        // A null value is written as JSON null.
        public override void Write(Utf8JsonWriter writer, string? value, JsonSerializerOptions options) => writer.WriteStringValue(value);
    }

    /// <summary>Reads an object as <typeparamref name="T"/>; any other value is skipped and reads as <see langword="null"/>.</summary>
    private sealed class TolerantObjectConverter<T> : JsonConverter<T>
        where T : class
    {
        public static readonly TolerantObjectConverter<T> Instance = new();

        public override bool HandleNull => true;

        public override T? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            if (reader.TokenType != JsonTokenType.StartObject)
            {
                reader.Skip();
                return null;
            }

            return JsonSerializer.Deserialize(ref reader, (JsonTypeInfo<T>)options.GetTypeInfo(typeof(T)));
        }

        // A null value is written as JSON null.
        public override void Write(Utf8JsonWriter writer, T? value, JsonSerializerOptions options) =>
            JsonSerializer.Serialize(writer, value, (JsonTypeInfo<T?>)options.GetTypeInfo(typeof(T)));
    }

    /// <summary>Reads an array, leaving out elements that are not objects; anything but an array reads as <see langword="null"/>.</summary>
    private sealed class TolerantListConverter<T> : JsonConverter<IList<T>>
        where T : class
    {
        public static readonly TolerantListConverter<T> Instance = new();

        public override bool HandleNull => true;

        public override IList<T>? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            if (reader.TokenType != JsonTokenType.StartArray)
            {
                reader.Skip();
                return null;
            }

            var typeInfo = (JsonTypeInfo<T>)options.GetTypeInfo(typeof(T));
            var list = new List<T>();
            while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
            {
                if (reader.TokenType == JsonTokenType.StartObject && JsonSerializer.Deserialize(ref reader, typeInfo) is { } item)
                {
                    list.Add(item);
                }
                else
                {
                    reader.Skip();
                }
            }

            return list;
        }

        public override void Write(Utf8JsonWriter writer, IList<T>? value, JsonSerializerOptions options)
        {
            if (value is null)
            {
                writer.WriteNullValue();
                return;
            }

            var typeInfo = (JsonTypeInfo<T>)options.GetTypeInfo(typeof(T));
            writer.WriteStartArray();
            foreach (var item in value)
            {
                JsonSerializer.Serialize(writer, item, typeInfo);
            }

            writer.WriteEndArray();
        }
    }
}
