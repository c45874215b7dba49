using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using PartnerCenter.BatchStatus.Benchmarks;

// --short: every benchmark runs once, in process, so CI proves they compile and execute (no figures).
var isShort = args.Contains("--short");
var rest = args.Where(a => a != "--short").ToArray();
var config = isShort
    ? DefaultConfig.Instance.AddJob(Job.Dry.WithToolchain(InProcessEmitToolchain.Instance)).WithOptions(ConfigOptions.DisableOptimizationsValidator)
    : DefaultConfig.Instance;

var summaries = BenchmarkSwitcher.FromAssembly(typeof(SingleCallBenchmarks).Assembly).Run(rest.Length == 0 ? ["--filter", "*"] : rest, config);

// Facts a timing table does not show: connections opened and tokens acquired for the concurrent run.
if (rest.Length == 0 || rest.Any(a => a.Contains("Concurrency", StringComparison.Ordinal)))
{
    await ConcurrencyFacts.PrintAsync();
}

return summaries.Any(s => s.HasCriticalValidationErrors || s.Reports.Any(r => !r.Success)) ? 1 : 0;
