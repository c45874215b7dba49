#!/usr/bin/env bash
# Lints the OpenAPI contract with two linters written elsewhere, at pinned versions installed from npm into a temporary
# folder (nothing is installed into the repository): Redocly CLI (its recommended rules, openapi/redocly.yaml) and
# Spectral (spectral:oas, openapi/.spectral.yaml). Any error or warning of either fails the check.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
contract="$root/openapi/partner-center-batch-status.yaml"
redocly_version=2.77.0
spectral_version=6.16.3
tools=$(mktemp -d)
trap 'rm -rf "$tools"' EXIT

echo "contract lint: installing @redocly/cli@$redocly_version and @stoplight/spectral-cli@$spectral_version"
(cd "$tools" && npm install --no-audit --no-fund --no-save --silent --prefix "$tools" \
  "@redocly/cli@$redocly_version" "@stoplight/spectral-cli@$spectral_version" >"$tools/install.log" 2>&1) \
  || { cat "$tools/install.log"; echo "contract lint: FAILED: the linters did not install" >&2; exit 1; }

echo "contract lint: redocly lint"
"$tools/node_modules/.bin/redocly" lint --config "$root/openapi/redocly.yaml" --max-problems 100 "$contract" >"$tools/redocly.log" 2>&1 \
  && status=0 || status=$?
# Redocly exits 0 on warnings: a warning fails this check too.
if [ "$status" -ne 0 ] || ! grep -q "Your API description is valid" "$tools/redocly.log" || grep -qE "You have [0-9]+ warning" "$tools/redocly.log"; then
  cat "$tools/redocly.log"
  echo "contract lint: FAILED: Redocly found problems" >&2
  exit 1
fi

echo "contract lint: spectral lint"
"$tools/node_modules/.bin/spectral" lint --ruleset "$root/openapi/.spectral.yaml" --fail-severity hint "$contract" \
  || { echo "contract lint: FAILED: Spectral found problems" >&2; exit 1; }

echo "contract lint: passed (Redocly $redocly_version and Spectral $spectral_version report nothing)"
