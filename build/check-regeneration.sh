#!/usr/bin/env bash
# Proves that the client is generated from the contract at build time, on a temporary copy of the repository:
#   1. a fresh build generates the client;
#   2. a second build with no change does not run the generator;
#   3. a property added to BatchUploadDetails in the contract is in the compiled assembly after one build;
#      (the public API freeze first fails that build, naming the new property; the check then relaxes the freeze
#      for its temporary copy; build/check-contract-change.sh follows the recording of such a change);
#   4. with the generator disconnected from the contract (it reads a frozen copy), step 3 fails, and for that reason
#      only: the code that reads the new property does not compile.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

project=src/PartnerCenter.BatchStatus/PartnerCenter.BatchStatus.csproj
marker="generating the client from"
probe_json=regenerationProbe
probe_property=RegenerationProbe

copy_repository() {
  local target=$1
  mkdir -p "$target"
  (cd "$root" && git ls-files -z --cached --others --exclude-standard | xargs -0 -I{} cp --parents {} "$target")
}

build() {
  # Prints the build log; the generator announces itself with "$marker".
  dotnet build "$1/$project" -nologo -v:minimal -p:TreatWarningsAsErrors=true "${@:2}" 2>&1
}

add_probe_property() {
  python3 - "$1/openapi/partner-center-batch-status.yaml" "$probe_json" <<'PY'
import sys
path, name = sys.argv[1], sys.argv[2]
text = open(path).read()
anchor = "    BatchUploadDetails:\n      type: object\n      description: The status of a device batch upload.\n      properties:\n"
if anchor not in text:
    sys.exit("The BatchUploadDetails schema was not found in the contract.")
text = text.replace(anchor, anchor + f"        {name}:\n          type: string\n          nullable: true\n          description: Added by the regeneration check.\n", 1)
open(path, "w").write(text)
PY
  # Code that only compiles when the generated model has the new property.
  cat > "$1/src/PartnerCenter.BatchStatus/RegenerationProbe.cs" <<CS
namespace PartnerCenter.BatchStatus;

internal static class RegenerationProbeUse
{
    internal static string? Read(BatchUploadDetails details) => details.$probe_property;
}
CS
}

assembly_has_probe() {
  local dll
  dll=$(find "$1/src/PartnerCenter.BatchStatus/bin" -name PartnerCenter.BatchStatus.dll | head -n 1)
  [ -n "$dll" ] && grep -q -a "$probe_json" "$dll" && grep -q -a "$probe_property" "$dll"
}

fail() { echo "regeneration check: FAILED: $*" >&2; exit 1; }

echo "regeneration check: copying the repository"
copy_repository "$work/repo"

echo "regeneration check: 1. fresh build"
log=$(build "$work/repo") || { echo "$log"; fail "the fresh build failed"; }
grep -q "$marker" <<<"$log" || fail "the fresh build did not run the generator"

echo "regeneration check: 2. no-op build"
stamp=$(find "$work/repo/src/PartnerCenter.BatchStatus/obj" -name PartnerCenterRestClient.stamp | head -n 1)
[ -n "$stamp" ] || fail "the fresh build left no generator stamp (PartnerCenterRestClient.stamp) to compare"
before=$(stat -c %.9Y "$stamp")
log=$(build "$work/repo") || { echo "$log"; fail "the no-op build failed"; }
if grep -q "$marker" <<<"$log"; then fail "a build with no change ran the generator"; fi
[ "$before" = "$(stat -c %.9Y "$stamp")" ] || fail "a build with no change touched the generator's stamp"

echo "regeneration check: 3. contract change"
cp "$work/repo/openapi/partner-center-batch-status.yaml" "$work/frozen-contract.yaml"
cp -r "$work/repo" "$work/disconnected"
add_probe_property "$work/repo"
if log=$(build "$work/repo"); then fail "the public API freeze let a new public property through"; fi
grep -q "$marker" <<<"$log" || fail "the contract change did not run the generator"
grep -q "error RS0016: Symbol '$probe_property.get' is not part of the declared public API" <<<"$log" \
  || { echo "$log" | tail -20; fail "the build after the contract change failed for another reason than the public API freeze"; }
echo "regeneration check:    the public API freeze fired for $probe_property, as it should; relaxing it for this copy"
log=$(build "$work/repo" -p:PublicApiFreeze=false) || { echo "$log"; fail "the build after the contract change failed"; }
assembly_has_probe "$work/repo" || fail "the property added to the contract is not in the compiled assembly"

echo "regeneration check: 4. the check itself fails when the generator is disconnected from the contract"
add_probe_property "$work/disconnected"
# Newer than the copy's generator stamp, so the generator runs again, from the frozen copy.
touch "$work/frozen-contract.yaml"
if log=$(build "$work/disconnected" -p:BatchStatusContract="$work/frozen-contract.yaml" -p:PublicApiFreeze=false); then
  fail "with the generator reading a frozen contract, the code that reads the new property still compiled: the check proves nothing"
fi
# The expected failure, and no other: the generator ran from the frozen copy, and the only errors are the probe's
# code not finding the property the frozen contract lacks (a restore or tool failure would prove nothing).
grep -q "$marker frozen-contract.yaml" <<<"$log" || { echo "$log" | tail -20; fail "the disconnected build did not run the generator from the frozen contract"; }
errors=$(grep -oE 'error( [A-Z]+[0-9]+)? ?: [^[]*' <<<"$log" | sort -u)
expected_error="error CS1061: 'BatchUploadDetails' does not contain a definition for '$probe_property'"
[ -n "$errors" ] && ! grep -vF "$expected_error" <<<"$errors" >/dev/null \
  || { echo "$log" | tail -20; fail "the disconnected build failed, but not (only) because the property was missing: $errors"; }
echo "regeneration check:    the disconnected build failed as it should: $(head -n 1 <<<"$errors")"

echo "regeneration check: passed (generated on change, skipped when unchanged, disconnection detected)"
