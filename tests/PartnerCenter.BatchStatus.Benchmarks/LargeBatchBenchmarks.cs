using BenchmarkDotNet.Attributes;
using PartnerCenter.BatchStatus.Benchmarks.Floor;
using PartnerCenter.BatchStatus.Benchmarks.Support;

namespace PartnerCenter.BatchStatus.Benchmarks;

/// <summary>Status bodies with many devices: how time and memory grow with the device count.</summary>
[MemoryDiagnoser]
public class LargeBatchBenchmarks
{
    private FloorClient _floor = null!;
    private BatchStatusClient _client = null!;

    [Params(10, 1_000, 10_000)]
    public int Devices { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var body = Payloads.Batch(Devices);
        _floor = Clients.Floor(new InMemoryHandler(body));
        _client = Clients.ThisClient(new InMemoryHandler(body));
    }

    [Benchmark(Baseline = true, Description = "HttpClient + STJ source generation (floor)")]
    public Task<FloorBatch> Floor() => _floor.GetAsync(Payloads.CustomerId, Payloads.BatchTrackingId);

    [Benchmark(Description = "BatchStatusClient")]
    public Task<BatchUploadDetails> ThisClient() => _client.GetBatchJobStatusAsync(Payloads.CustomerId, Payloads.BatchTrackingId);
}
