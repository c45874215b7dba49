using BenchmarkDotNet.Attributes;
using PartnerCenter.BatchStatus.Benchmarks.Floor;
using PartnerCenter.BatchStatus.Benchmarks.Support;

namespace PartnerCenter.BatchStatus.Benchmarks;

/// <summary>1,000 status calls, 64 in flight, over real sockets to a loopback server running in its own process.</summary>
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
        _server = await LoopbackServer.StartAsync();
        _bare = Clients.Floor(new SocketsHttpHandler(), _server.Endpoint);
        _client = Clients.ThisClientOverSockets(_server.Endpoint);
    }

    [GlobalCleanup]
    public async Task Cleanup()
    {
        _client.Dispose();
        await _server.DisposeAsync();
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Calls, Description = "bare HttpClient")]
    public Task BareHttpClient() => RunAsync(ct => _bare.GetAsync(Payloads.CustomerId, Payloads.BatchTrackingId, ct));

    [Benchmark(OperationsPerInvoke = Calls, Description = "BatchStatusClient")]
    public Task ThisClient() => RunAsync(ct => _client.GetBatchJobStatusAsync(Payloads.CustomerId, Payloads.BatchTrackingId, ct));

    /// <summary>Runs the concurrent case once per client and prints the connections opened and the tokens acquired.</summary>
    public static async Task PrintFactsAsync()
    {
        await using var server = await LoopbackServer.StartAsync();
        var bare = Clients.Floor(new SocketsHttpHandler(), server.Endpoint);
        await RunAsync(ct => bare.GetAsync(Payloads.CustomerId, Payloads.BatchTrackingId, ct));
        var bareConnections = await server.ConnectionsAcceptedAsync();
        var tokens = Clients.TokenAcquisitions;
        using var client = Clients.ThisClientOverSockets(server.Endpoint);
        await RunAsync(ct => client.GetBatchJobStatusAsync(Payloads.CustomerId, Payloads.BatchTrackingId, ct));
        Console.WriteLine($"""

            Concurrency facts ({Calls} calls, {InFlight} in flight, one run each):
            | client | connections opened | token acquisitions |
            |---|---:|---:|
            | bare HttpClient | {bareConnections} | n/a |
            | BatchStatusClient | {await server.ConnectionsAcceptedAsync() - bareConnections} | {Clients.TokenAcquisitions - tokens} |
            """);
    }

    private static Task RunAsync<T>(Func<CancellationToken, Task<T>> call) =>
        Parallel.ForEachAsync(Enumerable.Range(0, Calls), new ParallelOptions { MaxDegreeOfParallelism = InFlight }, async (_, ct) => await call(ct));
}
