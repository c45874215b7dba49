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

// Without a filter BenchmarkDotNet would ask on the console which benchmarks to run; run them all instead.
var filtered = rest.Any(a => a is "--filter" or "-f");
var runArgs = filtered ? rest : [.. rest, "--filter", "*"];
var summaries = BenchmarkSwitcher.FromAssembly(typeof(SingleCallBenchmarks).Assembly).Run(runArgs, config);

// Facts a timing table does not show: connections opened and tokens acquired for the concurrent run.
if (!filtered || rest.Any(a => a.Contains("Concurrency", StringComparison.Ordinal)))
{
    await ConcurrencyFacts.PrintAsync();
}

return summaries.Any(s => s.HasCriticalValidationErrors || s.Reports.Any(r => !r.Success)) ? 1 : 0;
