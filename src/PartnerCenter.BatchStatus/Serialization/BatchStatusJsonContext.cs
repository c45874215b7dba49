using System.Text.Json.Serialization;

namespace PartnerCenter.BatchStatus.Serialization;

/// <summary>
/// Source-generated JSON metadata for the contract's models, so that they survive trimming and
/// no reflection is needed to read a response.
/// </summary>
[JsonSerializable(typeof(BatchUploadDetails))]
[JsonSourceGenerationOptions(GenerationMode = JsonSourceGenerationMode.Metadata)]
internal sealed partial class BatchStatusJsonContext : JsonSerializerContext;
