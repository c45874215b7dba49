using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace PartnerCenter.BatchStatus.Serialization;

/// <summary>
/// Reads timestamps that carry no offset as UTC. Partner Center sends <c>2017-07-25T10:00:00</c> and documents
/// it as UTC; the default reading would apply the machine's local offset, so the same response would mean
/// different instants on machines in different zones. Timestamps with an offset keep it when read; every timestamp is
/// written in UTC, so that what the model writes reads the same whichever offset the service chose.
/// </summary>
internal sealed class UtcDateTimeOffsetConverter : JsonConverter<DateTimeOffset>
{
    public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        UtcTimestamp.Read(ref reader) ?? throw new JsonException("Expected a timestamp, found an empty string.");

    public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value.ToUniversalTime());
}

/// <summary>
/// The nullable form of <see cref="UtcDateTimeOffsetConverter"/>: an empty string (which the service may send
/// for a time it does not know yet) reads as <see langword="null"/>.
/// </summary>
internal sealed class NullableUtcDateTimeOffsetConverter : JsonConverter<DateTimeOffset?>
{
    public override bool HandleNull => true;

    public override DateTimeOffset? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        // A time the service does not know yet, or sends in a form no one can read, is unknown; it does not fail the batch.
        if (reader.TokenType != JsonTokenType.String)
        {
            reader.Skip();
            return null;
        }

        try
        {
            return UtcTimestamp.Read(ref reader);
        }
        catch (Exception exception) when (exception is JsonException or InvalidOperationException)
        {
            // InvalidOperationException: a string that is no text (a lone surrogate escaped, bytes that are not UTF-8).
            return null;
        }
    }

    public override void Write(Utf8JsonWriter writer, DateTimeOffset? value, JsonSerializerOptions options)
    {
        if (value is { } timestamp)
        {
            writer.WriteStringValue(timestamp.ToUniversalTime());
        }
        else
        {
            writer.WriteNullValue();
        }
    }
}

internal static class UtcTimestamp
{
    public static DateTimeOffset? Read(ref Utf8JsonReader reader)
    {
        if (reader.TokenType != JsonTokenType.String)
        {
            throw new JsonException($"Expected a timestamp string, found {reader.TokenType}.");
        }

        var text = reader.GetString();
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var value))
        {
            return value;
        }

        throw new JsonException("The value is not a timestamp.");
    }
}
