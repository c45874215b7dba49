using System.Text.Json;

namespace PartnerCenter.BatchStatus.Benchmarks.Floor;

/// <summary>A bare HttpClient and a source-generated JSON context: the floor any client is measured against.</summary>
public sealed class FloorClient(HttpClient httpClient)
{
    public async Task<FloorBatch> GetAsync(Guid customerId, Guid batchTrackingId, CancellationToken cancellationToken = default)
    {
        using var response = await httpClient.GetAsync($"v1/customers/{customerId}/batchJobStatus/{batchTrackingId}", HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        response.EnsureSuccessStatusCode();
        await using var body = await response.Content.ReadAsStreamAsync(cancellationToken);
        return await JsonSerializer.DeserializeAsync(body, FloorJsonContext.Default.FloorBatch, cancellationToken)
            ?? throw new InvalidOperationException("Empty body.");
    }
}
