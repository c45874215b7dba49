using System.Text;
using System.Text.Json;

namespace PartnerCenter.BatchStatus.Testing;

/// <summary>Writes the error body Partner Center sends with a 4xx or 5xx status.</summary>
internal static class PartnerCenterErrorBody
{
    public const string Source = "PartnerFD";

    public static string Write(string code, string description)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("code", code);
            writer.WriteString("description", description);
            writer.WriteStartArray("data");
            writer.WriteEndArray();
            writer.WriteString("source", Source);
            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }
}
