using BenchmarkDotNet.Attributes;
using PartnerCenter.BatchStatus.Benchmarks.Floor;
using PartnerCenter.BatchStatus.Benchmarks.Support;

namespace PartnerCenter.BatchStatus.Benchmarks;

/// <summary>1,000 status calls, 64 in flight, over real sockets to a loopback server.</summary>
[MemoryDiagnoser]
public class ConcurrencyBenchmarks
{
    public const int Calls = 1_000;
    public const int InFlight = 64;

    private LoopbackServer _server = null!;
    private FloorClient _bare = null!;
    private BatchStatusClient _client = null!;

    [GlobalSetup]
    public async Task Setup()
    {
        _server = await LoopbackServer.StartAsync(Payloads.DocumentedSample);
        _bare = new FloorClient(new HttpClient(new SocketsHttpHandler()) { BaseAddress = _server.Endpoint });
        _client = Clients.ThisClientOverSockets(_server.Endpoint);
    }

    [GlobalCleanup]
    public async Task Cleanup() => await _server.DisposeAsync();

    [Benchmark(Baseline = true, OperationsPerInvoke = Calls, Description = "bare HttpClient")]
    public Task BareHttpClient() => RunAsync(ct => _bare.GetAsync(Payloads.CustomerId, Payloads.BatchTrackingId, ct));

    [Benchmark(OperationsPerInvoke = Calls, Description = "BatchStatusClient")]
    public Task ThisClient() => RunAsync(ct => _client.GetBatchJobStatusAsync(Payloads.CustomerId, Payloads.BatchTrackingId, ct));

    public static Task RunAsync<T>(Func<CancellationToken, Task<T>> call) =>
        Parallel.ForEachAsync(
            Enumerable.Range(0, Calls),
            new ParallelOptions { MaxDegreeOfParallelism = InFlight },
            async (_, ct) => await call(ct));
}
