#!/usr/bin/env bash
# Runs pcbatch's four-process tests of the shared request budget (tests/PartnerCenter.BatchStatus.Cli.Tests,
# Category=SharedBudget: four 'pcbatch watch' of 25 batches each against one fake Partner Center on loopback that
# throttles at 10 requests per second for the partner) and writes what each process did into docs/shared-budget.md.
# The tests assert what must hold on any machine (at most 3 429s with the budget shared at 9/s, every batch once, and so on); the
# figures are this machine's and this run's.
#   build/run-shared-budget.sh            run the tests and rewrite the document's section
#   build/run-shared-budget.sh --print    run them and only print the section
# PCBATCH_TEST_REDIS=host:port runs them against that server instead of an embedded Garnet.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
mode=()
[ "${1:-}" = "--print" ] && mode=(--print)

figures=$(mktemp)
trap 'rm -f "$figures"' EXIT
PCBATCH_SHARED_BUDGET_FIGURES="$figures" dotnet test "$root/tests/PartnerCenter.BatchStatus.Cli.Tests" \
  --filter "Category=SharedBudget" -nologo >/dev/null || { echo "the shared budget's tests failed: run them for the details" >&2; exit 1; }

engine="an embedded Garnet server"
[ -n "${PCBATCH_TEST_REDIS:-}" ] && engine="the Redis server at $PCBATCH_TEST_REDIS"
table=$(python3 - "$figures" "$engine" <<'PY'
import json, sys
path, engine = sys.argv[1:3]
rows = [json.loads(line) for line in open(path, encoding="utf-8") if line.strip()]
order = ["shared", "own budgets", "a 429 to one", "Redis gone mid-run"]
meaning = {
    "shared": "one budget of 9/s shared through Redis",
    "own budgets": "a budget of 5/s in each process, nothing shared",
    "a 429 to one": "shared at 9/s; one batch of process 1 answers 429 with Retry-After: 4 first",
    "Redis gone mid-run": "shared at 10/s; Redis cut off after the 40th request",
}
runs = [run for run in order if any(row["Run"] == run for row in rows)]
if len(runs) != len(order):
    sys.exit(f"expected the runs {order}, got {sorted({row['Run'] for row in rows})}")
print(f"Measured by `build/run-shared-budget.sh` against {engine}: per process, the requests the fake received for its")
print("batches, how many it answered 429, and the process's wall time.")
print()
print("| run | process | requests | 429s | wall time |")
print("|---|---:|---:|---:|---:|")
for run in runs:
    for row in sorted((row for row in rows if row["Run"] == run), key=lambda row: row["Process"]):
        print(f"| {meaning[run]} | {row['Process']} | {row['Requests']} | {row['Throttled']} | {row['WallSeconds']:.1f} s |")
PY
)
python3 "$root/build/doc-section.py" "$root/docs/shared-budget.md" figures "${mode[@]}" <<<"$table"
