using BenchmarkDotNet.Attributes;
using PartnerCenter.BatchStatus.Benchmarks.Floor;
using PartnerCenter.BatchStatus.Benchmarks.Kiota;
using PartnerCenter.BatchStatus.Benchmarks.Support;

namespace PartnerCenter.BatchStatus.Benchmarks;

/// <summary>One status call for the documented sample, through an in-memory final handler (no sockets).</summary>
[MemoryDiagnoser]
public class SingleCallBenchmarks
{
    private FloorClient _floor = null!;
    private KiotaClient _kiota = null!;
    private BatchStatusClient _client = null!;

    [GlobalSetup]
    public void Setup()
    {
        _floor = Clients.Floor(new InMemoryHandler(Payloads.DocumentedSample));
        _kiota = new KiotaClient(new InMemoryHandler(Payloads.DocumentedSample), Clients.Endpoint);
        _client = Clients.ThisClient(new InMemoryHandler(Payloads.DocumentedSample));
    }

    [Benchmark(Baseline = true, Description = "HttpClient + STJ source generation (floor)")]
    public Task<FloorBatch> Floor() => _floor.GetAsync(Payloads.CustomerId, Payloads.BatchTrackingId);

    [Benchmark(Description = "Kiota request adapter + IParsable")]
    public Task<KiotaBatchUploadDetails> Kiota() => _kiota.GetAsync(Payloads.CustomerId, Payloads.BatchTrackingId);

    [Benchmark(Description = "BatchStatusClient")]
    public Task<BatchUploadDetails> ThisClient() => _client.GetBatchJobStatusAsync(Payloads.CustomerId, Payloads.BatchTrackingId);
}
