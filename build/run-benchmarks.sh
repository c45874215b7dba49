#!/usr/bin/env bash
# Runs the benchmarks (BenchmarkDotNet's default job: every class, out of process) and writes their figures into
# docs/performance.md, between the markers 'benchmarks:begin' and 'benchmarks:end': ratios against a baseline
# measured in the same run, allocations per call, and whether each target is met. Timings on a shared machine are for
# reading, not for failing a build: no target fails the script. With --check it writes nothing and fails when the
# figures of this run are not the ones the document shows; with --print it only prints them.
#   build/run-benchmarks.sh [--check | --print] [--keep <folder> | --results <folder>] [-- <BenchmarkDotNet arguments>]
# --keep keeps the run's reports and output (run.log) in a folder; --results reads those of an earlier run instead of
# running again.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
mode=()
results=
keep=
while [ $# -gt 0 ]; do
  case "$1" in
    --check | --print) mode=("$1") ;;
    --results) results=$2; shift ;;
    --keep) keep=$2; shift ;;
    --) shift; break ;;
    *) echo "run-benchmarks: unknown argument '$1'" >&2; exit 2 ;;
  esac
  shift
done

if [ -z "$results" ]; then
  if [ -n "$keep" ]; then
    mkdir -p "$keep"
    results=$(cd "$keep" && pwd)
  else
    results=$(mktemp -d)
    trap 'rm -rf "$results"' EXIT
  fi
  load_before=$(cut -d' ' -f1-3 /proc/loadavg)
  echo "run-benchmarks: running every benchmark (about 15 minutes; load average $load_before)"
  dotnet run -c Release --project "$root/tests/PartnerCenter.BatchStatus.Benchmarks" -- --exporters json --artifacts "$results" "$@" \
    2>&1 | tee "$results/run.log"
  echo "load average before: $load_before, after: $(cut -d' ' -f1-3 /proc/loadavg)" >> "$results/run.log"
fi

table=$(python3 - "$results" <<'PY'
import glob, json, os, re, sys

results = sys.argv[1]
runs = {}
host = None
for path in glob.glob(os.path.join(results, "results", "*-report-full*.json")):
    report = json.load(open(path))
    host = report["HostEnvironmentInfo"]
    for b in report["Benchmarks"]:
        if b["Statistics"] is None:
            sys.exit(f"run-benchmarks: {b['FullName']} has no result")
        runs[(b["Type"], b["Method"], b["Parameters"])] = (b["Statistics"]["Mean"], b["Memory"]["BytesAllocatedPerOperation"])
if host is None:
    sys.exit(f"run-benchmarks: no report in {results}/results")
log = open(os.path.join(results, "run.log")).read()

def get(kind, method, parameters=""):
    if (kind, method, parameters) not in runs:
        sys.exit(f"run-benchmarks: {kind}.{method} {parameters} did not run")
    return runs[(kind, method, parameters)]

def kb(b): return f"{b / 1024:,.2f} KB"
def met(ok): return "met" if ok else "**missed**"

out = []
floor_time, floor_bytes = get("SingleCallBenchmarks", "Floor")
out += ["**One status call, documented sample, in memory** (ratios to the floor)", "",
        "| client | time | allocated | allocations |", "|---|---:|---:|---:|",
        f"| floor | 1.00 | {kb(floor_bytes)} | 1.00 |"]
for method, name in (("Kiota", "Kiota way"), ("ThisClient", "BatchStatusClient")):
    time, bytes = get("SingleCallBenchmarks", method)
    out.append(f"| {name} | {time / floor_time:.2f} | {kb(bytes)} | {bytes / floor_bytes:.2f} |")
sample_time, sample_bytes = (v / f for v, f in zip(get("SingleCallBenchmarks", "ThisClient"), (floor_time, floor_bytes)))

out += ["", "**Large batches, in memory** (BatchStatusClient against the floor)", "",
        "| devices | time | floor allocated | BatchStatusClient allocated | allocations |", "|---:|---:|---:|---:|---:|"]
for devices in (10, 1000, 10000):
    (ft, fb), (ct, cb) = (get("LargeBatchBenchmarks", m, f"Devices={devices}") for m in ("Floor", "ThisClient"))
    out.append(f"| {devices:,} | {ct / ft:.2f} | {kb(fb)} | {kb(cb)} | {cb / fb:.2f} |")

(bt, bb), (ct, cb) = get("ConcurrencyBenchmarks", "BareHttpClient"), get("ConcurrencyBenchmarks", "ThisClient")
throughput = bt / ct
facts = {m.group(1): (m.group(2), m.group(3)) for m in re.finditer(r"^\| (bare HttpClient|BatchStatusClient) \| (\d+) \| (\S+) \|$", log, re.M)}
if len(facts) != 2:
    sys.exit("run-benchmarks: the run printed no concurrency facts")
out += ["", "**1,000 calls, 64 in flight, over real sockets** to a Kestrel server on 127.0.0.1 in a process of its own", "",
        "| client | throughput | allocated per call | allocations | connections opened | token acquisitions |",
        "|---|---:|---:|---:|---:|---:|",
        f"| bare HttpClient | 1.00 | {kb(bb)} | 1.00 | {facts['bare HttpClient'][0]} | {facts['bare HttpClient'][1]} |",
        f"| BatchStatusClient | {throughput:.2f} | {kb(cb)} | {cb / bb:.2f} | {facts['BatchStatusClient'][0]} | {facts['BatchStatusClient'][1]} |"]

first = None
out += ["", "**pcbatch watch --demo, per batch** (time per batch against the run of 1,000 batches)", "",
        "| batches | time per batch | allocated per batch |", "|---:|---:|---:|"]
for batches in (1000, 10000, 100000):
    time, bytes = get("WatchBenchmarks", "Watch", f"Batches={batches}")
    first = first or time / batches
    out.append(f"| {batches:,} | {time / batches / first:.2f} | {kb(bytes / batches)} |")

out += ["", "**Targets**", "", "| target | this run | |", "|---|---:|---|",
        f"| documented sample: time ≤ 2× the floor | {sample_time:.2f}× | {met(sample_time <= 2)} |",
        f"| documented sample: allocations ≤ 2× the floor | {sample_bytes:.2f}× | {met(sample_bytes <= 2)} |",
        f"| 1,000 concurrent calls: throughput ≥ 0.8× a bare HttpClient | {throughput:.2f}× | {met(throughput >= 0.8)} |"]
load = re.search(r"^load average before: (.*)$", log, re.M)
out += ["", f"{host['RuntimeVersion']}, BenchmarkDotNet {host['BenchmarkDotNetVersion']}, {host['OsVersion']}, "
        f"{host['ProcessorName']}, {host['LogicalCoreCount']} logical cores; load average (1, 5, 15 min) "
        f"{load.group(1) if load else 'not recorded'}."]
print("\n".join(out))
PY
)

python3 "$root/build/doc-section.py" "$root/docs/performance.md" benchmarks "${mode[@]}" <<<"$table"
