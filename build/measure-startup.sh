#!/usr/bin/env bash
# Measures how fast pcbatch starts, side by side with a trivial .NET tool installed the same way: packs the tool
# (build/pack-tool.sh), makes a trivial console tool (Console.WriteLine) in a temporary folder, installs both with
# 'dotnet tool install --tool-path', and times 'pcbatch status --demo' (no --wait) against the trivial tool, and the
# framework-dependent build ('any', what platforms without a native package get) too. Uses hyperfine when it is on
# PATH (Debian: apt install hyperfine), else a loop of runs timed here. Prints the means and the ratios; asserts no
# timing (timings on a shared machine are for reading, not for failing a build), but fails when any run, timed or
# not, ends with another exit code than a good run's (0 for the trivial tool, 1 for the demo's failed device).
# Writes the table into docs/performance.md (section 'startup'); with --check it writes nothing and fails when the
# figures of this run are not the ones the document shows.
#   build/measure-startup.sh [--check] [runs, default 40]
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
check=()
if [ "${1:-}" = --check ]; then check=(--check); shift; fi
runs=${1:-40}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
version=0.0.0-startup.$(date +%s)

echo "measure-startup: packing pcbatch $version"
"$root/build/pack-tool.sh" "$work/feed" -p:Version="$version" >/dev/null
dotnet tool install PartnerCenter.BatchStatus.Cli --version "$version" --tool-path "$work/tools" --add-source "$work/feed" >/dev/null
mkdir -p "$work/any"
python3 -c 'import sys, zipfile; zipfile.ZipFile(sys.argv[1]).extractall(sys.argv[2])' "$work/feed/PartnerCenter.BatchStatus.Cli.any.$version.nupkg" "$work/any"

echo "measure-startup: making the trivial tool"
mkdir -p "$work/trivial"
cat > "$work/trivial/Trivial.csproj" <<'XML'
<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup>
    <OutputType>Exe</OutputType>
    <TargetFramework>net10.0</TargetFramework>
    <PackAsTool>true</PackAsTool>
    <ToolCommandName>trivial</ToolCommandName>
    <PackageId>Trivial.Tool</PackageId>
    <Version>1.0.0</Version>
  </PropertyGroup>
</Project>
XML
echo 'System.Console.WriteLine("hello");' > "$work/trivial/Program.cs"
# In the temporary folder, outside the repository's build settings: a plain project as anyone makes it.
log=$(cd "$work/trivial" && dotnet pack -c Release -o "$work/trivial-feed" -nologo 2>&1) || { echo "$log" >&2; exit 1; }
dotnet tool install Trivial.Tool --version 1.0.0 --tool-path "$work/tools" --add-source "$work/trivial-feed" >/dev/null

installed=$(readlink -f "$work/tools/pcbatch")
case "$installed" in */partnercenter.batchstatus.cli.linux-x64/*) kind="native (linux-x64)" ;; *) kind="framework-dependent" ;; esac
names=("trivial tool" "pcbatch status --demo, installed: $kind" "pcbatch status --demo, framework-dependent ('any')")
commands=("$work/tools/trivial" "$work/tools/pcbatch status --demo" "dotnet $work/any/tools/net10.0/any/pcbatch.dll status --demo")
# The exit code of a good run: pcbatch status --demo exits with 1 (ExitCodes.DevicesFailed: the demo's batch has a
# failed device). A run that ends otherwise fails the measurement: a tool that crashes at once is not fast.
expected=(0 1 1)
if [ "$kind" != framework-dependent ]; then
  # What the launcher of the native package runs on an older glibc or on musl.
  names+=("pcbatch status --demo, installed, PCBATCH_FRAMEWORK_DEPENDENT=1")
  commands+=("env PCBATCH_FRAMEWORK_DEPENDENT=1 $work/tools/pcbatch status --demo")
  expected+=(1)
fi

fail() { echo "measure-startup: FAILED: $*" >&2; exit 1; }

# Each command once, before timing: its exit code, with what it printed when that is not the expected one.
for i in "${!commands[@]}"; do
  code=0
  # shellcheck disable=SC2086 # each command is a list of words
  ${commands[$i]} >"$work/check.out" 2>&1 || code=$?
  [ "$code" -eq "${expected[$i]}" ] || { cat "$work/check.out" >&2; fail "'${names[$i]}' exited with $code, not ${expected[$i]}"; }
done

means=()
if command -v hyperfine >/dev/null 2>&1; then
  # -i lets the runs of pcbatch (exit code 1) be timed; every run's exit code is checked from the export below.
  hyperfine -N -i --warmup 5 --runs "$runs" --export-json "$work/times.json" "${commands[@]}" >/dev/null 2>"$work/hyperfine.err" \
    || { cat "$work/hyperfine.err" >&2; exit 1; }
  python3 - "$work/times.json" "${expected[@]}" <<'PY' || fail "a timed run did not end with its expected exit code (listed above)"
import json, sys
results = json.load(open(sys.argv[1]))["results"]
expected = [int(code) for code in sys.argv[2:]]
wrong = False
for result, code in zip(results, expected, strict=True):
    codes = result.get("exit_codes")
    if codes is None or len(codes) == 0:
        print(f"{result['command']}: this hyperfine reports no exit codes", file=sys.stderr)
        wrong = True
    elif any(c != code for c in codes):
        print(f"{result['command']}: exit codes {sorted(set(codes))}, expected {code} each time", file=sys.stderr)
        wrong = True
sys.exit(1 if wrong else 0)
PY
  mapfile -t means < <(python3 -c 'import json, sys; [print(round(r["mean"] * 1000, 1)) for r in json.load(open(sys.argv[1]))["results"]]' "$work/times.json")
  tool="hyperfine, $runs runs after 5 warm-ups"
else
  # Runs a command <count> times; fails on the first run that does not end with the expected exit code.
  run_times() {
    local count=$1 code_expected=$2 code
    shift 2
    for _ in $(seq "$count"); do
      code=0
      "$@" >/dev/null 2>&1 || code=$?
      [ "$code" -eq "$code_expected" ] || fail "'$*' exited with $code, not $code_expected"
    done
  }
  for i in "${!commands[@]}"; do
    # shellcheck disable=SC2086 # each command is a list of words
    run_times 3 "${expected[$i]}" ${commands[$i]}
    start=$(date +%s%N)
    # shellcheck disable=SC2086
    run_times "$runs" "${expected[$i]}" ${commands[$i]}
    means+=("$(( ($(date +%s%N) - start) / runs / 100000 ))e-1")
  done
  mapfile -t means < <(printf '%s\n' "${means[@]}" | python3 -c 'import sys; [print(round(float(l), 1)) for l in sys.stdin]')
  tool="a loop of $runs runs after 3 warm-ups"
fi

{
  echo "| | mean | vs the trivial tool |"
  echo "|---|---:|---:|"
  for i in "${!names[@]}"; do
    echo "| ${names[$i]} | ${means[$i]} ms | $(python3 -c "print(f'{float(\"${means[$i]}\") / float(\"${means[0]}\"):.2f}')") |"
  done
  echo
  echo "Mean wall time ($tool); $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg) after the runs."
} | python3 "$root/build/doc-section.py" "$root/docs/performance.md" startup "${check[@]}"
