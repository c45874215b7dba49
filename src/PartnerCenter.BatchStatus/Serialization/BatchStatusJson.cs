using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace PartnerCenter.BatchStatus.Serialization;

/// <summary>
/// The JSON settings of the client: source-generated metadata, values of an unexpected kind read tolerantly,
/// and timestamps without an offset read as UTC.
/// </summary>
public static class BatchStatusJson
{
    /// <summary>Gets read-only options configured as the client reads and writes the contract's models.</summary>
    internal static JsonSerializerOptions Options { get; } = CreateOptions();

    /// <summary>
    /// Gets the metadata of <see cref="BatchStatus.BatchUploadDetails"/> as the client reads and writes it, for the
    /// <see cref="JsonSerializer"/> overloads that need no reflection (trimmed and native AOT applications included):
    /// <c>JsonSerializer.Deserialize(json, BatchStatusJson.BatchUploadDetails)</c>. Use it to read details saved from an
    /// earlier call, or to write them; its <see cref="JsonTypeInfo.Options"/> are the client's read-only settings.
    /// Details read this way have no <see cref="BatchStatus.BatchUploadDetails.Response"/>: values the models cannot hold
    /// are left out as in a call, but nothing lists them (a call lists them in <see cref="PartnerCenterResponseInfo.UnreadValues"/>).
    /// </summary>
    public static JsonTypeInfo<BatchUploadDetails> BatchUploadDetails { get; } =
        (JsonTypeInfo<BatchUploadDetails>)Options.GetTypeInfo(typeof(BatchUploadDetails));

    /// <summary>Applies the client's settings to <paramref name="options"/>.</summary>
    /// <param name="options">The options to change.</param>
    /// <exception cref="ArgumentNullException"><paramref name="options"/> is <see langword="null"/>.</exception>
    internal static void Configure(JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.TypeInfoResolver = BatchStatusJsonContext.Default.WithAddedModifier(TolerantReading.Apply);

        // As the service's own SDK reads it: "Status" is the status, not a member the contract does not declare.
        options.PropertyNameCaseInsensitive = true;
        options.Converters.Add(new UtcDateTimeOffsetConverter());
        options.Converters.Add(new NullableUtcDateTimeOffsetConverter());
    }

    private static JsonSerializerOptions CreateOptions()
    {
        var options = new JsonSerializerOptions();
        Configure(options);
        options.MakeReadOnly();
        return options;
    }
}
