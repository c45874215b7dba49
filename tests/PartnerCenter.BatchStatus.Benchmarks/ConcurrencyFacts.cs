using PartnerCenter.BatchStatus.Benchmarks.Floor;
using PartnerCenter.BatchStatus.Benchmarks.Support;

namespace PartnerCenter.BatchStatus.Benchmarks;

/// <summary>Runs the concurrent case once per client and prints connections opened and tokens acquired.</summary>
public static class ConcurrencyFacts
{
    public static async Task PrintAsync()
    {
        Console.WriteLine();
        Console.WriteLine($"Concurrency facts ({ConcurrencyBenchmarks.Calls} calls, {ConcurrencyBenchmarks.InFlight} in flight, one run each):");
        Console.WriteLine("| client | connections opened | token acquisitions |");
        Console.WriteLine("|---|---:|---:|");

        await using (var server = await LoopbackServer.StartAsync(Payloads.DocumentedSample))
        {
            var bare = new FloorClient(new HttpClient(new SocketsHttpHandler()) { BaseAddress = server.Endpoint });
            await ConcurrencyBenchmarks.RunAsync(ct => bare.GetAsync(Payloads.CustomerId, Payloads.BatchTrackingId, ct));
            Console.WriteLine($"| bare HttpClient | {server.ConnectionsAccepted} | n/a |");
        }

        await using (var server = await LoopbackServer.StartAsync(Payloads.DocumentedSample))
        {
            Clients.ResetTokenAcquisitions();
            using var client = Clients.ThisClientOverSockets(server.Endpoint);
            await ConcurrencyBenchmarks.RunAsync(ct => client.GetBatchJobStatusAsync(Payloads.CustomerId, Payloads.BatchTrackingId, ct));
            Console.WriteLine($"| BatchStatusClient | {server.ConnectionsAccepted} | {Clients.TokenAcquisitions} |");
        }
    }
}
