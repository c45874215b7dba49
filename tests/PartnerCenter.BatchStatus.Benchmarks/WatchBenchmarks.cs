using System.Globalization;
using System.Text;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using PartnerCenter.BatchStatus.Cli;
using PartnerCenter.BatchStatus.Cli.Demo;

namespace PartnerCenter.BatchStatus.Benchmarks;

/// <summary>
/// <c>pcbatch watch --demo</c> of long lists, in process, output redirected: the demo's three batches, then unknown
/// batches of its customer (each answered 404 by the in-process fake). The time and the allocations per batch stay
/// flat from one thousand to a hundred thousand batches. One run of the largest case takes seconds: a few iterations
/// are enough, and keep the full run of the benchmarks within minutes.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(PerBatchConfig))]
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

    /// <summary>Adds the mean time and the allocations divided by the number of batches.</summary>
    private sealed class PerBatchConfig : ManualConfig
    {
        public PerBatchConfig()
        {
            AddColumn(new PerBatchColumn("Time/batch", (summary, report) => report.ResultStatistics?.Mean is { } mean ? $"{mean / 1000 / Batches(report):0.0} μs" : "-"));
            AddColumn(new PerBatchColumn("Alloc/batch", (summary, report) => report.GcStats.GetBytesAllocatedPerOperation(report.BenchmarkCase) is { } bytes ? $"{(double)bytes / 1024 / Batches(report):0.00} KB" : "-"));
        }

        private static int Batches(BenchmarkReport report) => (int)report.BenchmarkCase.Parameters["Batches"];
    }

    private sealed class PerBatchColumn(string name, Func<Summary, BenchmarkReport, string> value) : IColumn
    {
        public string Id => name;

        public string ColumnName => name;

        public bool AlwaysShow => true;

        public ColumnCategory Category => ColumnCategory.Custom;

        public int PriorityInCategory => 0;

        public bool IsNumeric => true;

        public UnitType UnitType => UnitType.Dimensionless;

        public string Legend => name + " divided by the number of batches";

        public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, SummaryStyle.Default);

        public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style) =>
            summary[benchmarkCase] is { } report ? value(summary, report) : "-";

        public bool IsAvailable(Summary summary) => true;

        public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;
    }
}
