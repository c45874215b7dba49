#!/usr/bin/env bash
# Reads what 'dotnet test' printed and fails unless each named test assembly reported its run, with at least one test
# passed, none failed and none skipped: a run of zero tests, or an assembly that never ran, fails the check instead of
# passing it. Prints one closing line summed over the runs.
#   build/test-summary.sh <file with the output of dotnet test> <assembly name, such as X.Tests.dll>...
set -euo pipefail
[ $# -ge 2 ] || { echo "usage: build/test-summary.sh <dotnet test output> <assembly>..." >&2; exit 2; }

python3 - "$@" <<'PY'
import re, sys

path, *assemblies = sys.argv[1:]
# Passed!  - Failed:     0, Passed:    13, Skipped:     0, Total:    13, Duration: 1 s - X.Tests.dll (net10.0)
summary = re.compile(r"(?:Passed|Failed)! +- +Failed: +(\d+), +Passed: +(\d+), +Skipped: +(\d+), +Total: +(\d+), .* - (\S+\.dll) \(([^)]+)\)")
runs = {}
with open(path, encoding="utf-8", errors="replace") as log:
    for line in log:
        match = summary.search(line)
        if match:
            failed, passed, skipped, total = (int(match.group(i)) for i in range(1, 5))
            runs.setdefault(match.group(5), []).append((failed, passed, skipped, total, match.group(6)))

problems = []
for assembly in assemblies:
    if assembly not in runs:
        problems.append(f"{assembly}: no run reported (the assembly did not run)")
for assembly, results in sorted(runs.items()):
    for failed, passed, skipped, total, framework in results:
        if passed == 0:
            problems.append(f"{assembly} ({framework}): ran zero tests")
        if failed:
            problems.append(f"{assembly} ({framework}): {failed} failed")
        if skipped:
            problems.append(f"{assembly} ({framework}): {skipped} skipped")

results = [result for results in runs.values() for result in results]
print(f"{sum(r[1] for r in results)} passed, {sum(r[0] for r in results)} failed, {sum(r[2] for r in results)} skipped"
      f" ({len(results)} test runs: {', '.join(sorted(runs))})")
for problem in problems:
    print(f"test summary: FAILED: {problem}", file=sys.stderr)
sys.exit(1 if problems else 0)
PY
