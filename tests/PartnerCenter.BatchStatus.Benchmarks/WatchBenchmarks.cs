using System.Globalization;
using System.Text;
using BenchmarkDotNet.Attributes;
using PartnerCenter.BatchStatus.Cli;
using PartnerCenter.BatchStatus.Cli.Demo;

namespace PartnerCenter.BatchStatus.Benchmarks;

/// <summary>
/// <c>pcbatch watch --demo</c> of long lists, in process, output redirected: the demo's three batches, then unknown
/// batches of its customer (each answered 404 by the in-process fake). The time and the allocations per batch stay
/// flat from one thousand to a hundred thousand batches (build/run-benchmarks.sh divides them by the number of
/// batches). One run of the largest case takes seconds: a few iterations
/// are enough, and keep the full run of the benchmarks within minutes.
/// </summary>
[MemoryDiagnoser]
[MinWarmupCount(1)]
[MaxWarmupCount(2)]
[MinIterationCount(3)]
[MaxIterationCount(5)]
public class WatchBenchmarks
{
    private string _list = null!;

    [Params(1_000, 10_000, 100_000)]
    public int Batches { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var list = new StringBuilder(DemoIds.WatchList);
        for (var i = 3; i < Batches; i++)
        {
            list.Append(CultureInfo.InvariantCulture, $"{DemoIds.CustomerId:D},5eed0000-0000-4000-8000-{i:x12}\n");
        }

        _list = Path.Combine(Path.GetTempPath(), $"pcbatch-watch-{Batches}-{Environment.ProcessId}.txt");
        File.WriteAllText(_list, list.ToString());
    }

    [GlobalCleanup]
    public void Cleanup() => File.Delete(_list);

    [Benchmark(Description = "pcbatch watch --demo")]
    public async Task<int> Watch()
    {
        var environment = new CliEnvironment { Out = TextWriter.Null, Error = TextWriter.Null, GetEnvironmentVariable = _ => null };
        var exitCode = await Cli.Program.RunAsync(["watch", "--demo", _list, "--interval", "10ms"], environment);

        // The unknown batches make the worst outcome a service error; anything else means the run went wrong.
        return exitCode == ExitCodes.ServiceError ? exitCode : throw new InvalidOperationException($"pcbatch watch exited with {exitCode}.");
    }
}
