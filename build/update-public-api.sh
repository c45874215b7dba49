#!/usr/bin/env bash
# Records the current public API of every shipped project in its PublicAPI.Unshipped.txt: what is new is added,
# what is gone is removed (or marked *REMOVED* when it had shipped). Run it after a change that was meant to alter
# the public API, such as a contract change, and review the diff before committing it.
#
# The analyzer's own code fix skips generated files, so this reads the analyzer's findings from the compiler's
# SARIF log instead, which covers the generated client too.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

for project in src/*/*.csproj; do
  dir=$(dirname "$project")
  name=$(basename "$dir")
  for file in PublicAPI.Shipped.txt PublicAPI.Unshipped.txt; do
    [ -f "$dir/$file" ] || printf '#nullable enable\n' > "$dir/$file"
  done
  sarif="$work/$name.sarif"
  echo "update-public-api: $project"
  dotnet build "$project" -nologo -v:quiet --no-incremental -f net10.0 \
    -p:TreatWarningsAsErrors=false "-p:ErrorLog=$sarif%2Cversion=2.1" >/dev/null || true
  [ -s "$sarif" ] || { echo "update-public-api: no compiler log for $project; does it build?" >&2; exit 1; }
  python3 - "$sarif" "$dir" <<'PY'
import json, sys
sarif, folder = sys.argv[1], sys.argv[2]
added, removed = set(), set()
for run in json.load(open(sarif))["runs"]:
    for result in run.get("results", []):
        name = result.get("properties", {}).get("customProperties", {}).get("APIName")
        if not name:
            continue
        if result["ruleId"] == "RS0016":
            added.add(name)
        elif result["ruleId"] == "RS0017":
            removed.add(name)
shipped_path, unshipped_path = f"{folder}/PublicAPI.Shipped.txt", f"{folder}/PublicAPI.Unshipped.txt"
shipped = {l for l in open(shipped_path).read().splitlines() if l and not l.startswith("#")}
lines = [l for l in open(unshipped_path).read().splitlines() if l and not l.startswith("#")]
lines = [l for l in lines if l not in removed] + sorted(added)
lines += sorted("*REMOVED*" + r for r in removed if r in shipped)
open(unshipped_path, "w").write("#nullable enable\n" + "".join(l + "\n" for l in sorted(set(lines), key=lambda l: l.removeprefix("*REMOVED*"))))
print(f"  {len(added)} added, {len(removed)} removed")
PY
done
