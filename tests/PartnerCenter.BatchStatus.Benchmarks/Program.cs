using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using PartnerCenter.BatchStatus.Benchmarks;
using PartnerCenter.BatchStatus.Benchmarks.Support;

// The concurrency benchmark's loopback server: this assembly again, in a process of its own.
if (args is [LoopbackServer.ServeArgument])
{
    await LoopbackServer.ServeAsync();
    return 0;
}

// --short: every benchmark runs once, in process, so CI proves they compile and execute (no figures). A full run builds
// the benchmarks again in a process of their own, which takes minutes on a busy machine.
var isShort = args.Contains("--short");
var rest = args.Where(a => a != "--short").ToArray();
var config = isShort
    ? DefaultConfig.Instance.AddJob(Job.Dry.WithToolchain(InProcessEmitToolchain.Instance)).WithOptions(ConfigOptions.DisableOptimizationsValidator)
    : ManualConfig.Create(DefaultConfig.Instance).WithBuildTimeout(TimeSpan.FromMinutes(15));

// Without a filter BenchmarkDotNet would ask on the console which benchmarks to run; run them all instead.
var filtered = rest.Any(a => a is "--filter" or "-f");
var runArgs = filtered ? rest : [.. rest, "--filter", "*"];
var summaries = BenchmarkSwitcher.FromAssembly(typeof(SingleCallBenchmarks).Assembly).Run(runArgs, config);

// Facts a timing table does not show: connections opened and tokens acquired for the concurrent run.
if (!filtered || rest.Any(a => a.Contains("Concurrency", StringComparison.Ordinal)))
{
    await ConcurrencyBenchmarks.PrintFactsAsync();
}

return summaries.Any(s => s.HasCriticalValidationErrors || s.Reports.Any(r => !r.Success)) ? 1 : 0;
