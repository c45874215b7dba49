#!/usr/bin/env bash
# Follows the "Changing the contract" walk-through of docs/contract.md on a temporary copy of the repository, running
# its commands as the page writes them:
#   1. adds an optional property to BatchUploadDetails in the contract (with its description);
#   2. the first build fails with RS0016 naming the new property (the public API freeze);
#   3. the documented route (dotnet build ... -t:UpdatePublicApi) records it;
#   4. the build passes;
#   5. the diff adds exactly the property's two lines to PublicAPI.Unshipped.txt;
#   6. the contract and documentation tests pass (the page's last command runs the whole solution; CI runs that
#      on the unchanged repository already, so this runs the tests that read the contract and the docs), and each of
#      the groups (the conventions, the contract and the generated models) ran at least one test.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
listing=src/PartnerCenter.BatchStatus/PublicAPI.Unshipped.txt

fail() { echo "contract change check: FAILED: $*" >&2; exit 1; }

# The commands of the walk-through: the first shell block after the "## Changing the contract" heading.
mapfile -t steps < <(awk '
  /^#+ Changing the contract$/ { section = 1; next }
  section && /^#/ { exit }
  section && /^```sh$/ { block = 1; next }
  block && /^```$/ { exit }
  block && NF { print }' "$root/docs/contract.md")
expected=(
  "dotnet build src/PartnerCenter.BatchStatus"
  "dotnet build src/PartnerCenter.BatchStatus -t:UpdatePublicApi"
  "dotnet build src/PartnerCenter.BatchStatus"
  "git diff -- openapi src/PartnerCenter.BatchStatus/PublicAPI.Unshipped.txt"
  "dotnet test BatchStatusClient.sln"
)
[ "${steps[*]}" = "${expected[*]}" ] || {
  printf '  %s\n' "${steps[@]}" >&2
  fail "the walk-through of docs/contract.md (above) is not the one this check follows: update the page or this check together"
}

echo "contract change check: copying the repository"
mkdir -p "$work/repo"
(cd "$root" && git ls-files -z --cached --others --exclude-standard | xargs -0 -I{} cp --parents {} "$work/repo")
cd "$work/repo"
git init -q && git add -A && git -c user.name=check -c user.email=check@localhost commit -q -m "before the contract change"

echo "contract change check: 1. adding BatchUploadDetails.batchName to the contract"
python3 - openapi/partner-center-batch-status.yaml <<'PY'
import sys
path = sys.argv[1]
text = open(path).read()
anchor = "    BatchUploadDetails:\n      type: object\n      description: The status of a device batch upload.\n      properties:\n"
if anchor not in text:
    sys.exit("The BatchUploadDetails schema was not found in the contract.")
text = text.replace(anchor, anchor + "        batchName:\n          type: string\n          nullable: true\n          description: The name the partner gave the batch.\n", 1)
open(path, "w").write(text)
PY

echo "contract change check: 2. $ ${steps[0]}"
if log=$(${steps[0]} -nologo -v:minimal 2>&1); then
  fail "the build passed although the contract added a public property"
fi
grep -q "error RS0016: Symbol 'BatchName.get' is not part of the declared public API" <<<"$log" \
  || { echo "$log" | tail -20; fail "the build failed, but not with the public API error naming BatchName"; }
echo "contract change check:    failed with RS0016 naming BatchName, as docs/contract.md says"

echo "contract change check: 3. $ ${steps[1]}"
log=$(${steps[1]} -nologo -v:minimal 2>&1) || { echo "$log"; fail "recording the public API failed"; }
grep -E 'PublicAPI.Unshipped.txt [0-9]+ added' <<<"$log" | sed 's/^ */contract change check:    /'

echo "contract change check: 4. $ ${steps[2]}"
log=$(${steps[2]} -nologo -v:minimal 2>&1) || { echo "$log" | tail -20; fail "the build still fails after the change was recorded"; }

echo "contract change check: 5. $ ${steps[3]}"
diff=$(${steps[3]})
grep -q '^+ *batchName:' <<<"$diff" || { echo "$diff"; fail "the diff does not show the contract change"; }
added=$(git diff -U0 -- "$listing" | grep -E '^\+[^+]' | sed 's/^+//' || true)
expected_lines=$'PartnerCenter.BatchStatus.BatchUploadDetails.BatchName.get -> string?\nPartnerCenter.BatchStatus.BatchUploadDetails.BatchName.set -> void'
[ "$added" = "$expected_lines" ] || { echo "$diff"; fail "the listing did not gain exactly the two lines of BatchName"; }
if git diff -U0 -- "$listing" | grep -qE '^-[^-]'; then echo "$diff"; fail "the listing lost lines"; fi
sed 's/^/contract change check:      /' <<<"$added"

echo "contract change check: 6. the contract and documentation tests (the page runs: ${steps[4]})"
# Each part on its own, so that a filter matching nothing (zero tests, which dotnet test reports as success) fails.
for part in Conventions Contract Models; do
  log=$(dotnet test tests/PartnerCenter.BatchStatus.Tests -nologo --filter "FullyQualifiedName~PartnerCenter.BatchStatus.Tests.$part." 2>&1) \
    || { echo "$log" | tail -40; fail "the $part tests failed after the change"; }
  printf '%s\n' "$log" >"$work/$part.log"
  summary=$(bash "$root/build/test-summary.sh" "$work/$part.log" PartnerCenter.BatchStatus.Tests.dll) \
    || { echo "$log" | tail -40; fail "the $part tests did not all run and pass after the change"; }
  echo "contract change check:    $part: $summary"
done

echo "contract change check: passed (the walk-through of docs/contract.md, from the edit to a green build and the reviewable diff)"
