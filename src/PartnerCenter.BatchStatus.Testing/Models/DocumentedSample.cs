using System.Text.Json.Nodes;

namespace PartnerCenter.BatchStatus.Testing;

/// <summary>
/// The documented sample of the operation: a finished batch with one device that failed with error 808.
/// The body is the contract's example file, <c>openapi/examples/batch-upload-details.sample.json</c>, embedded as it is.
/// </summary>
public static class DocumentedSample
{
    private const string ResourceName = "PartnerCenter.BatchStatus.Testing.batch-upload-details.sample.json";

    private static readonly Lazy<string> Body = new(ReadBody);

    /// <summary>Gets the customer id of the documented request.</summary>
    // The body does not carry the customer id; the documented request's path does.
    public static Guid CustomerId { get; } = Guid.Parse("47021739-3426-40bf-9601-61b4b6d7c793");

    /// <summary>Gets the batch tracking id of the documented response.</summary>
    public static Guid BatchTrackingId { get; } = JsonNode.Parse(Json)!["batchTrackingId"]!.GetValue<Guid>();

    /// <summary>Gets the documented response body, as the contract's example file holds it.</summary>
    public static string Json => Body.Value;

    private static string ReadBody()
    {
        using var reader = new StreamReader(typeof(DocumentedSample).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"The resource '{ResourceName}' is missing from {typeof(DocumentedSample).Assembly.GetName().Name}."));
        return reader.ReadToEnd();
    }
}
