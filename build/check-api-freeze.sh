#!/usr/bin/env bash
# Proves the public API freeze on a temporary copy of the repository: removing a property from the contract makes
# the client's build fail with a public API error that names the property, and recording the change with the
# UpdatePublicApi target (dotnet build -t:UpdatePublicApi) turns it into a reviewable diff of the listing, marking
# nothing *REMOVED* (the property had not shipped), after which the build passes.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
project=src/PartnerCenter.BatchStatus/PartnerCenter.BatchStatus.csproj
listing=src/PartnerCenter.BatchStatus/PublicAPI.Unshipped.txt

fail() { echo "api freeze check: FAILED: $*" >&2; exit 1; }

echo "api freeze check: copying the repository"
mkdir -p "$work/repo"
(cd "$root" && git ls-files -z --cached --others --exclude-standard | xargs -0 -I{} cp --parents {} "$work/repo")
cd "$work/repo"

echo "api freeze check: removing ResourceAttributes.etag from the contract"
python3 - openapi/partner-center-batch-status.yaml <<'PY'
import sys
path = sys.argv[1]
text = open(path).read()
etag = """        etag:
          type: string
          description: The resource's entity tag, when the service sends one.
          nullable: true
"""
if etag not in text:
    sys.exit("The etag property of ResourceAttributes was not found in the contract.")
open(path, "w").write(text.replace(etag, "", 1))
PY

if log=$(dotnet build "$project" -nologo -v:minimal -f net10.0 2>&1); then
  fail "the build passed although the contract removed a public property"
fi
grep -E "error RS0017: .*'PartnerCenter\.BatchStatus\.ResourceAttributes\.Etag\.get" <<<"$log" >/dev/null \
  || { echo "$log" | tail -20; fail "the build failed, but not with a public API error naming ResourceAttributes.Etag"; }
echo "api freeze check: the build failed as it should:"
grep -o "error RS0017: [^(]*" <<<"$log" | sort -u | sed 's/^/  /'

echo "api freeze check: recording the change"
dotnet build "$project" -nologo -v:minimal -t:UpdatePublicApi >/dev/null 2>&1 || fail "dotnet build -t:UpdatePublicApi failed"
diff=$(git diff --no-index -- "$root/$listing" "$listing" || true)
grep -q '^-PartnerCenter\.BatchStatus\.ResourceAttributes\.Etag\.get' <<<"$diff" || fail "the listing update did not remove ResourceAttributes.Etag"
dotnet build "$project" -nologo -v:minimal >/dev/null 2>&1 || fail "the build still fails after the listing was updated"

echo "api freeze check: passed (the removal failed the build by name; the recorded listing is the reviewable diff)"
