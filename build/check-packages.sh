#!/usr/bin/env bash
# Proves that the packages work the way a downstream team uses them:
#   1. packs PartnerCenter.BatchStatus, PartnerCenter.BatchStatus.Testing, PartnerCenter.BatchStatus.Testing.WireMock
#      and PartnerCenter.BatchStatus.Redis with a version of their own into a temporary folder feed, and inspects them:
#      the client holds its assembly and depends on no test or build-tool package; the kit depends on the client of the
#      same version and not on WireMock; the kit's WireMock host depends on the kit of the same version; the Redis
#      budget depends on the client of the same version and on no test server (Garnet);
#      each dependency group of the two libraries lists exactly the packages and projects the project references
#      itself (no transitive package), and Microsoft.Extensions at 8.x for net8.0 and 10.x for net10.0;
#   2. restores tests/PackageConsumer (outside the solution, outside the repository's build settings) from that
#      feed plus the default source into a fresh packages folder, referencing the packages by version, and runs
#      its tests (through FakePartnerCenter on loopback, through the in-process FakePartnerCenterTransport, with a
#      mocked IBatchStatusClient, and with the Redis budget while no Redis answers), with warnings as errors, restore's included (no NU1603); then does the
#      same with tests/PackageConsumerNet8, a .NET 8 service that keeps Microsoft.Extensions 8.x (Hosting 8.0.1),
#      and checks that every Microsoft.Extensions package it resolves is 8.x;
#   3. packs the tool (build/pack-tool.sh: the pointer package, the framework-dependent 'any' package and the native
#      linux-x64 one), inspects them (no code in the pointer, no test library or mock server anywhere, the native
#      package holds its launcher, the native executable and the framework-dependent build), installs the tool with 'dotnet tool install' as a user does (on Linux x64 the
#      native package must be the one installed, its launcher must run the native executable here and the
#      framework-dependent build on request) and runs it beside the framework-dependent build on the same
#      arguments: both must answer alike; then runs the tool's out-of-process tests (sign-in over TLS at a fake
#      Microsoft Entra ID, a fake Partner Center) against the installed tool;
#   4. shows that the check fails when the client package is broken (its assembly without the generated client)
#      and when a package depends on a build-tool package.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

version="0.0.0-check.$(date +%s)"
feed=$work/feed
client_package=$feed/PartnerCenter.BatchStatus.$version.nupkg
kit_package=$feed/PartnerCenter.BatchStatus.Testing.$version.nupkg
wiremock_package=$feed/PartnerCenter.BatchStatus.Testing.WireMock.$version.nupkg
redis_package=$feed/PartnerCenter.BatchStatus.Redis.$version.nupkg
tool_package=$feed/PartnerCenter.BatchStatus.Cli.$version.nupkg
tool_any_package=$feed/PartnerCenter.BatchStatus.Cli.any.$version.nupkg
tool_native_package=$feed/PartnerCenter.BatchStatus.Cli.linux-x64.$version.nupkg
client_project=src/PartnerCenter.BatchStatus/PartnerCenter.BatchStatus.csproj
kit_project=src/PartnerCenter.BatchStatus.Testing/PartnerCenter.BatchStatus.Testing.csproj
wiremock_project=src/PartnerCenter.BatchStatus.Testing.WireMock/PartnerCenter.BatchStatus.Testing.WireMock.csproj
redis_project=src/PartnerCenter.BatchStatus.Redis/PartnerCenter.BatchStatus.Redis.csproj
# Packages that belong to building or testing the client, never to what a consumer receives.
forbidden='^(NSwag(\..*)?|NJsonSchema(\..*)?|xunit(\..*)?|Microsoft\.NET\.Test\.Sdk|coverlet\..*|Microsoft\.CodeAnalysis(\..*)?|Microsoft\.SourceLink\..*|.*\.Analyzers?)$'

# Files no tool package may carry: a test library, the kit's WireMock host, or WireMock and its world.
tool_forbidden='^tools/(.*/)?(PartnerCenter\.BatchStatus\.Testing\.WireMock|WireMock[^/]*|xunit[^/]*|Microsoft\.NET\.Test\.Sdk|Handlebars[^/]*|Scriban[^/]*|Fare|RandomDataGenerator|SimMetrics[^/]*|JsonConverter\.[^/]*|NJsonSchema[^/]*|NSwag[^/]*|Newtonsoft\.Json|TinyMapper|Stef\.Validation|XPath2[^/]*|JmesPath[^/]*|Microsoft\.AspNetCore\.[^/]*)\.dll$'

fail() { echo "package check: FAILED: $*" >&2; exit 1; }

# The closing line of a test run (the output of dotnet test in $1); fails unless each named assembly ran tests, all passed.
test_summary() {
  local log=$1
  shift
  printf '%s\n' "$log" >"$work/test.log"
  bash "$root/build/test-summary.sh" "$work/test.log" "$@"
}

# grep for lines that may well match nothing (the files a package must not hold, say): unlike 'grep || true', a broken
# expression or any other error of grep fails the check instead of matching nothing.
matching() {
  local code=0
  grep "$@" || code=$?
  [ "$code" -le 1 ] || fail "grep $* failed"
}

# Prints one line per entry of a package (a zip), or the text of one entry.
package_entries() { python3 -c 'import sys, zipfile; print("\n".join(zipfile.ZipFile(sys.argv[1]).namelist()))' "$1"; }
package_nuspec() { python3 -c 'import sys, zipfile; z = zipfile.ZipFile(sys.argv[1]); print(z.read([n for n in z.namelist() if n.endswith(".nuspec")][0]).decode("utf-8-sig"))' "$1"; }
# Prints "id version" for each dependency of a nuspec read from standard input.
nuspec_dependencies() {
  python3 -c '
import sys, xml.etree.ElementTree as ET
for element in ET.fromstring(sys.stdin.read()).iter():
    if element.tag.endswith("}dependency"):
        print(element.get("id"), element.get("version"))'
}

# Prints "framework id version" for each dependency of each group of a nuspec read from standard input.
nuspec_groups() {
  python3 -c '
import sys, xml.etree.ElementTree as ET
for group in ET.fromstring(sys.stdin.read()).iter():
    if group.tag.endswith("}group"):
        for dependency in group:
            print(group.get("targetFramework"), dependency.get("id"), dependency.get("version"))'
}

# Prints the packages (less private ones) and projects that a project references itself for one framework.
declared_dependencies() {
  local project=$1 framework=$2
  dotnet msbuild "$root/$project" -nologo -getItem:PackageReference -getItem:ProjectReference -p:TargetFramework="$framework" \
    | python3 -c '
import json, os, sys
items = json.load(sys.stdin)["Items"]
for item in items.get("PackageReference", []):
    if item.get("PrivateAssets", "").lower() != "all":
        print(item["Identity"])
for item in items.get("ProjectReference", []):
    print(os.path.splitext(os.path.basename(item["Identity"].replace("\\", "/")))[0])' | sort
}

# Succeeds when each dependency group of a nuspec (third argument) names exactly what the project references itself,
# with Microsoft.Extensions on the line of the group's framework; otherwise says what differs.
check_direct_dependencies() {
  local name=$1 project=$2 nuspec=$3 framework groups declared listed wrong
  groups=$(nuspec_groups <<<"$nuspec")
  for framework in net8.0 net10.0; do
    declared=$(declared_dependencies "$project" "$framework")
    listed=$(awk -v f="$framework" '$1 == f { print $2 }' <<<"$groups" | sort)
    if [ "$declared" != "$listed" ]; then
      echo "package check: $name lists other dependencies for $framework than its project references:" >&2
      diff <(echo "$declared") <(echo "$listed") | sed -n 's/^</  referenced, not listed:/p; s/^>/  listed, not referenced:/p' >&2
      return 1
    fi
    wrong=$(awk -v f="$framework" -v line="${framework#net}" '$1 == f && $2 ~ /^Microsoft\.Extensions\./ && index($3, int(line) ".") != 1' <<<"$groups")
    if [ -n "$wrong" ]; then
      echo "package check: $name depends on another line of Microsoft.Extensions than ${framework#net}.x for $framework: $wrong" >&2
      return 1
    fi
  done
}

# Fails when a nuspec (standard input) depends on a test or build-tool package.
check_no_tooling_dependency() {
  local name=$1 leaked
  leaked=$(nuspec_dependencies | awk '{print $1}' | matching -E "$forbidden") || return 1
  [ -z "$leaked" ] || { echo "package check: $name depends on test or build-tool packages: $leaked" >&2; return 1; }
}

# A grep that ends a pipeline reads all of it (no -q): one that quit at its first match could leave the writer before it a
# broken pipe, and pipefail would then fail the check that matched.
inspect_packages() {
  local entries
  entries=$(package_entries "$client_package")
  grep -qx 'lib/net10.0/PartnerCenter.BatchStatus.dll' <<<"$entries" || fail "the client package has no lib/net10.0/PartnerCenter.BatchStatus.dll"
  if grep -E '^(build|buildTransitive|analyzers|tools|content|contentFiles)/|\.(yaml|targets|props)$|nswag\.json$' <<<"$entries"; then
    fail "the client package carries build tooling or sources (listed above)"
  fi
  package_nuspec "$client_package" | check_no_tooling_dependency "PartnerCenter.BatchStatus" || fail "the client package leaks tooling"

  package_nuspec "$kit_package" | check_no_tooling_dependency "PartnerCenter.BatchStatus.Testing" || fail "the testing kit leaks tooling"
  package_nuspec "$kit_package" | nuspec_dependencies | grep -x "PartnerCenter.BatchStatus $version" >/dev/null \
    || fail "the testing kit does not depend on PartnerCenter.BatchStatus $version"
  grep -qx 'lib/net10.0/PartnerCenter.BatchStatus.Testing.dll' <<<"$(package_entries "$kit_package")" || fail "the kit package has no assembly"
  if package_nuspec "$kit_package" | nuspec_dependencies | grep -iE '^WireMock'; then fail "the testing kit depends on WireMock (listed above)"; fi
  package_nuspec "$wiremock_package" | check_no_tooling_dependency "PartnerCenter.BatchStatus.Testing.WireMock" || fail "the kit's WireMock host leaks tooling"
  package_nuspec "$wiremock_package" | nuspec_dependencies | grep -x "PartnerCenter.BatchStatus.Testing $version" >/dev/null \
    || fail "the kit's WireMock host does not depend on PartnerCenter.BatchStatus.Testing $version"
  package_nuspec "$redis_package" | check_no_tooling_dependency "PartnerCenter.BatchStatus.Redis" || fail "the Redis budget leaks tooling"
  package_nuspec "$redis_package" | nuspec_dependencies | grep -x "PartnerCenter.BatchStatus $version" >/dev/null \
    || fail "the Redis budget does not depend on PartnerCenter.BatchStatus $version"
  if package_nuspec "$redis_package" | nuspec_dependencies | grep -iE '^(Microsoft\.Garnet|Garnet)'; then fail "the Redis budget depends on its tests' Garnet server (listed above)"; fi

  check_direct_dependencies PartnerCenter.BatchStatus "$client_project" "$(package_nuspec "$client_package")" \
    || fail "the client package does not list exactly its direct dependencies"
  check_direct_dependencies PartnerCenter.BatchStatus.Testing "$kit_project" "$(package_nuspec "$kit_package")" \
    || fail "the kit package does not list exactly its direct dependencies"
  check_direct_dependencies PartnerCenter.BatchStatus.Testing.WireMock "$wiremock_project" "$(package_nuspec "$wiremock_package")" \
    || fail "the kit's WireMock host does not list exactly its direct dependencies"
  check_direct_dependencies PartnerCenter.BatchStatus.Redis "$redis_project" "$(package_nuspec "$redis_package")" \
    || fail "the Redis budget does not list exactly its direct dependencies"

  # Both shipped libraries: both frameworks, XML docs, a package README and a symbols package with the PDBs.
  local package id tfm nuspec
  for package in "$client_package" "$kit_package" "$wiremock_package" "$redis_package"; do
    id=$(basename "$package" ".$version.nupkg")
    entries=$(package_entries "$package")
    for tfm in net8.0 net10.0; do
      grep -qx "lib/$tfm/$id.dll" <<<"$entries" || fail "$id has no lib/$tfm/$id.dll"
      grep -qx "lib/$tfm/$id.xml" <<<"$entries" || fail "$id has no XML docs for $tfm"
      grep -qx "lib/$tfm/$id.pdb" <<<"$(package_entries "${package%.nupkg}.snupkg")" || fail "$id has no symbols for $tfm"
    done
    grep -qx 'README.md' <<<"$entries" || fail "$id has no package README"
    nuspec=$(package_nuspec "$package")
    grep -q '<readme>README.md</readme>' <<<"$nuspec" || fail "$id does not declare its README"
    grep -q '<license type="expression">MIT</license>' <<<"$nuspec" || fail "$id has no license expression"
  done

  # The command-line tool: the package that 'dotnet tool install' names points to one package per platform, the
  # framework-dependent one ('any') and the native one for Linux x64; none of them carries a test library or mock server
  # (the tool runs its demo over the kit's in-process fake; only the kit's WireMock host depends on WireMock.Net).
  nuspec=$(package_nuspec "$tool_package")
  grep -q '<packageType name="DotnetTool" />' <<<"$nuspec" || fail "the tool package is not a .NET tool"
  entries=$(package_entries "$tool_package")
  grep -qx 'README.md' <<<"$entries" || fail "the tool package has no README"
  if grep -E '\.(dll|pdb)$|/pcbatch$' <<<"$entries"; then fail "the tool's pointer package carries code (listed above)"; fi
  local settings
  settings=$(python3 -c 'import sys, zipfile; print(zipfile.ZipFile(sys.argv[1]).read("tools/any/any/DotnetToolSettings.xml").decode("utf-8-sig"))' "$tool_package")
  for rid in any linux-x64; do
    grep -q "<RuntimeIdentifierPackage RuntimeIdentifier=\"$rid\" Id=\"PartnerCenter.BatchStatus.Cli.$rid\" />" <<<"$settings" \
      || fail "the tool package does not point to PartnerCenter.BatchStatus.Cli.$rid for $rid"
  done

  entries=$(package_entries "$tool_any_package")
  for entry in README.md tools/net10.0/any/pcbatch.dll tools/net10.0/any/pcbatch.runtimeconfig.json tools/net10.0/any/DotnetToolSettings.xml; do
    grep -qx "$entry" <<<"$entries" || fail "the tool's 'any' package has no $entry"
  done
  [ -f "${tool_any_package%.nupkg}.snupkg" ] || fail "the tool's 'any' package has no symbols package"
  local leaked
  leaked=$(matching -iE "$tool_forbidden" <<<"$entries")
  [ -z "$leaked" ] || fail "the tool's 'any' package carries test or mock-server libraries: $leaked"
  echo "package check:    tool 'any' package: $(grep -c '\.dll$' <<<"$entries") assembly files, none of a test library or mock server"

  if [ -f "$tool_native_package" ]; then
    # The launcher (the entry point), the native executable, and the framework-dependent build the launcher falls back to.
    entries=$(package_entries "$tool_native_package")
    for entry in tools/any/linux-x64/pcbatch-launcher tools/any/linux-x64/pcbatch tools/any/linux-x64/managed/pcbatch.dll; do
      grep -qx "$entry" <<<"$entries" || fail "the tool's native package has no $entry"
    done
    local other launcher
    other=$(matching -E '^tools/' <<<"$entries" | matching -vE '^tools/any/linux-x64/(pcbatch-launcher|pcbatch|DotnetToolSettings\.xml|managed/.*)$')
    [ -z "$other" ] || fail "the tool's native package holds files outside its layout: $other"
    leaked=$(matching -iE "$tool_forbidden" <<<"$entries")
    [ -z "$leaked" ] || fail "the tool's native package carries test or mock-server libraries: $leaked"
    launcher=$(python3 -c 'import sys, zipfile; print(zipfile.ZipFile(sys.argv[1]).read("tools/any/linux-x64/pcbatch-launcher").decode())' "$tool_native_package")
    [ "$(head -1 <<<"$launcher")" = '#!/bin/sh' ] || fail "the native package's entry point is not the launcher script"
    grep -qE -- '-ge [0-9]+ \]' <<<"$launcher" || fail "the launcher names no glibc version"
    echo "package check:    tool linux-x64 package: the launcher, the native executable ($(python3 -c 'import sys, zipfile; print(round(zipfile.ZipFile(sys.argv[1]).getinfo("tools/any/linux-x64/pcbatch").file_size / 1048576, 1))' "$tool_native_package") MB, glibc 2.$(grep -oE -- '-ge [0-9]+' <<<"$launcher" | cut -d' ' -f2)+) and the framework-dependent build"
  elif [ "$(uname -s)-$(uname -m)" = Linux-x86_64 ]; then
    fail "no native tool package was made on Linux x64"
  fi
}

# Copies the consumer as a downstream team has it (its own folder, no build output) with a nuget.config that adds
# only the given folder feed on top of the machine's default source.
prepare_consumer() {
  local target=$1 source=$2 consumer=${3:-PackageConsumer}
  mkdir -p "$target"
  (cd "$root/tests/$consumer" && find . -path ./bin -prune -o -path ./obj -prune -o -type f -print0 | xargs -0 -I{} cp --parents {} "$target")
  cat > "$target/nuget.config" <<XML
<?xml version="1.0" encoding="utf-8"?>
<configuration>
  <packageSources>
    <add key="packages-under-test" value="$source" />
  </packageSources>
</configuration>
XML
}

echo "package check: 1. packing version $version"
for project in "$client_project" "$kit_project" "$wiremock_project" "$redis_project"; do
  log=$(dotnet pack "$root/$project" -c Release -nologo -v:minimal -o "$feed" -p:Version="$version" --artifacts-path "$work/artifacts" 2>&1) \
    || { echo "$log"; fail "dotnet pack $project failed"; }
done
log=$("$root/build/pack-tool.sh" "$feed" -p:Version="$version" 2>&1) || { echo "$log"; fail "build/pack-tool.sh failed"; }
[ -f "$client_package" ] && [ -f "$kit_package" ] && [ -f "$wiremock_package" ] && [ -f "$redis_package" ] && [ -f "$tool_package" ] && [ -f "$tool_any_package" ] || fail "the packages were not produced"
inspect_packages
for package in "$client_package" "$kit_package" "$wiremock_package" "$redis_package"; do
  for framework in net8.0 net10.0; do
    echo "package check:    $(basename "$package" ".$version.nupkg") $framework: $(package_nuspec "$package" | nuspec_groups | awk -v f="$framework" '$1 == f { print $2 " " $3 }' | paste -sd, - | sed 's/,/, /g')"
  done
done

echo "package check: 2. the consumer, restored from the packages into a fresh packages folder"
prepare_consumer "$work/consumer" "$feed"
export NUGET_PACKAGES=$work/packages
log=$(dotnet test "$work/consumer/PackageConsumer.csproj" -nologo -p:PartnerCenterBatchStatusVersion="$version" 2>&1) \
  || { echo "$log"; fail "the consumer's tests failed"; }
summary=$(test_summary "$log" PackageConsumer.dll) || { echo "$log"; fail "the consumer's tests did not all run and pass"; }
echo "package check:    the consumer's tests: $summary"
[ -d "$NUGET_PACKAGES/partnercenter.batchstatus/$version" ] || fail "the client package was not restored from the feed"
if grep -qi '"NSwag.MSBuild/' "$work/consumer/obj/project.assets.json"; then fail "the consumer's restore graph holds NSwag.MSBuild"; fi

echo "package check:    a .NET 8 service that keeps Microsoft.Extensions 8.x"
prepare_consumer "$work/consumer-net8" "$feed" PackageConsumerNet8
log=$(dotnet test "$work/consumer-net8/PackageConsumerNet8.csproj" -nologo -p:PartnerCenterBatchStatusVersion="$version" 2>&1) \
  || { echo "$log"; fail "the .NET 8 consumer's tests failed"; }
summary=$(test_summary "$log" PackageConsumerNet8.dll) || { echo "$log"; fail "the .NET 8 consumer's tests did not all run and pass"; }
echo "package check:    the .NET 8 consumer's tests: $summary"
extensions=$(PartnerCenterBatchStatusVersion="$version" dotnet list "$work/consumer-net8/PackageConsumerNet8.csproj" package --include-transitive \
  | awk '$1 == ">" && $2 ~ /^Microsoft\.Extensions\./ { print $2, $NF }')
echo "$extensions" | sed 's/^/package check:      /'
[ -n "$extensions" ] || fail "the .NET 8 consumer resolved no Microsoft.Extensions package"
if grep -v ' 8\.' <<<"$extensions"; then fail "the .NET 8 consumer resolved Microsoft.Extensions packages of another line than 8.x (listed above)"; fi

echo "package check: 3. the tool, installed from the packages as a user installs it"
tools=$work/tools
log=$(dotnet tool install PartnerCenter.BatchStatus.Cli --version "$version" --tool-path "$tools" --add-source "$feed" 2>&1) \
  || { echo "$log"; fail "dotnet tool install failed"; }
installed=$(readlink -f "$tools/pcbatch")
if [ -f "$tool_native_package" ]; then
  [[ "$installed" == */partnercenter.batchstatus.cli.linux-x64/* ]] || fail "on Linux x64 the installed pcbatch is not the native one: $installed"
  # Which program the launcher runs, seen from the process it becomes (exec keeps the process id): the native executable
  # on this machine's glibc, the framework-dependent build when asked to (as on an older glibc or musl).
  # The demo with --wait runs for seconds: the process is watched until it is no longer the launcher's shell.
  which_runs() {
    local pid exe="" code=0
    env "$@" "$tools/pcbatch" status --demo --wait >/dev/null 2>&1 &
    pid=$!
    for _ in $(seq 100); do
      exe=$(readlink "/proc/$pid/exe" 2>/dev/null) || { exe=""; break; }
      case "${exe##*/}" in sh|dash|bash|env) sleep 0.05 ;; *) break ;; esac
    done
    wait "$pid" || code=$?
    # The demo's batch has a failed device: exit code 1 is its good run.
    [ "$code" -eq 1 ] || fail "the installed pcbatch status --demo --wait ($*) exited with $code, not 1"
    echo "${exe##*/}"
  }
  [ "$(which_runs)" = pcbatch ] || fail "the launcher does not run the native executable on this machine (glibc $(getconf GNU_LIBC_VERSION))"
  [ "$(which_runs PCBATCH_FRAMEWORK_DEPENDENT=1)" = dotnet ] || fail "with PCBATCH_FRAMEWORK_DEPENDENT=1 the launcher does not run the framework-dependent build"
  echo "package check:    installed: the native package (linux-x64); its launcher runs the native pcbatch here, and managed/ on request"
fi
# The framework-dependent build, as the 'any' package holds it, runs beside the installed one: both must answer the
# same, word for word, exit code included (the ids of each answer are random, so GUIDs are masked).
fallback=$work/tool-any
mkdir -p "$fallback"
python3 -c 'import sys, zipfile; zipfile.ZipFile(sys.argv[1]).extractall(sys.argv[2])' "$tool_any_package" "$fallback"
run_tool() { # run_tool <command...>: prints the exit code, then each stream, masked (and sorted with SORTED=1)
  local code=0 mask order=cat
  # Masked: the ids of each answer, and the clock (the waiting demo's batch starts when it is first asked for).
  mask='s/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/<guid>/g; s/[0-9]{4}-[0-9]{2}-[0-9]{2}[ T][0-9]{2}:[0-9]{2}:[0-9]{2}/<time>/g; s/[0-9]+(\.[0-9]+)? s\b/<n> s/g'
  [ "${SORTED:-0}" = 1 ] && order=sort
  (cd "$work" && env -i PATH="$PATH" HOME="$work/home" DOTNET_CLI_HOME="$work/home" TERM=dumb NO_COLOR=1 "$@" \
    >"$work/tool.out" 2>"$work/tool.err") || code=$?
  echo "exit $code"
  sed -E "$mask" "$work/tool.out" | $order
  echo "--- standard error"
  sed -E "$mask" "$work/tool.err" | $order
}
demo_output=$(run_tool "$tools/pcbatch" status --demo)
grep -qx 'exit 1' <<<"$(head -1 <<<"$demo_output")" && grep -q '808 ZtdDeviceAssignedToOtherTenant' <<<"$demo_output" \
  || { echo "$demo_output"; fail "the installed pcbatch status --demo did not report the documented batch (exit 1, error 808)"; }
customer=47021739-3426-40bf-9601-61b4b6d7c793
batch=0127ed8e-ff72-4983-a3d8-e8d8bd378932
cases=(
  "status --demo"
  "status --demo --json"
  "status --demo --wait"
  ""
  "help"
  "status --help"
  "watch --help"
  "--version"
  "status --demo --jsn"
  "status $customer $batch"
  "status $customer $batch --tenant $customer --client-id $batch --endpoint https://api.partnercenter.microsoft.com/v1/"
  "status $customer not-a-guid"
)
for arguments in "${cases[@]}"; do
  # shellcheck disable=SC2086 # each case is a list of words
  native=$(run_tool "$tools/pcbatch" $arguments)
  # shellcheck disable=SC2086
  managed=$(run_tool dotnet "$fallback/tools/net10.0/any/pcbatch.dll" $arguments)
  if [ "$native" != "$managed" ]; then
    diff <(echo "$managed") <(echo "$native") | sed 's/^/  /' >&2
    fail "'pcbatch $arguments': the installed tool and the framework-dependent build answer differently (diff above: < framework-dependent, > installed)"
  fi
  if [ -f "$tool_native_package" ]; then
    # shellcheck disable=SC2086
    launched=$(run_tool PCBATCH_FRAMEWORK_DEPENDENT=1 "$tools/pcbatch" $arguments)
    [ "$launched" = "$managed" ] || { diff <(echo "$managed") <(echo "$launched") | sed 's/^/  /' >&2; fail "'pcbatch $arguments': the launcher's framework-dependent build answers differently"; }
  fi
done
# pcbatch watch polls its batches side by side: the order of their lines is the scheduler's.
native=$(SORTED=1 run_tool "$tools/pcbatch" watch --demo --json)
managed=$(SORTED=1 run_tool dotnet "$fallback/tools/net10.0/any/pcbatch.dll" watch --demo --json)
[ "$native" = "$managed" ] || { diff <(echo "$managed") <(echo "$native") | sed 's/^/  /' >&2; fail "'pcbatch watch --demo --json' differs between the installed tool and the framework-dependent build"; }
echo "package check:    the installed pcbatch (native, and its launcher's framework-dependent build) and the 'any' build answer alike in $((${#cases[@]} + 1)) cases (demo, JSON, waits, watch, help, usage and settings errors)"

# The out-of-process tests of the tool (a real sign-in at a fake Microsoft Entra ID over TLS, calls to a fake Partner
# Center, failures of each kind), this time against the installed tool.
log=$(env -u NUGET_PACKAGES PCBATCH_UNDER_TEST="$tools/pcbatch" dotnet test "$root/tests/PartnerCenter.BatchStatus.Cli.Tests/PartnerCenter.BatchStatus.Cli.Tests.csproj" \
  -nologo --filter Category=OutOfProcess 2>&1) || { echo "$log"; fail "the out-of-process tests failed against the installed pcbatch"; }
summary=$(test_summary "$log" PartnerCenter.BatchStatus.Cli.Tests.dll) || { echo "$log"; fail "the out-of-process tests did not all run and pass against the installed pcbatch"; }
echo "package check:    the tool's out-of-process tests against the installed pcbatch: $summary"

echo "package check: 4. the check notices broken packages"
# a. A client package whose assembly lacks the generated client: the consumer must not build. The stand-in
#    assembly has the client's name and nothing of the contract, as if the generator had not run.
mkdir -p "$work/stub" "$work/broken-feed"
cat > "$work/stub/Stub.csproj" <<'XML'
<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup>
    <TargetFramework>net10.0</TargetFramework>
    <AssemblyName>PartnerCenter.BatchStatus</AssemblyName>
  </PropertyGroup>
</Project>
XML
echo 'namespace PartnerCenter.BatchStatus; internal static class NothingGenerated;' > "$work/stub/Stub.cs"
log=$(dotnet build "$work/stub/Stub.csproj" -c Release -nologo -v:minimal -o "$work/stub/out" 2>&1) || { echo "$log"; fail "the stand-in assembly did not build"; }
python3 - "$client_package" "$work/broken-feed/$(basename "$client_package")" "$work/stub/out/PartnerCenter.BatchStatus.dll" <<'PY'
import sys, zipfile
source_path, target_path, stub_path = sys.argv[1:4]
with zipfile.ZipFile(source_path) as source, zipfile.ZipFile(target_path, "w", zipfile.ZIP_DEFLATED) as target:
    for item in source.infolist():
        data = source.read(item.filename)
        if item.filename == "lib/net10.0/PartnerCenter.BatchStatus.dll":
            data = open(stub_path, "rb").read()
        target.writestr(item, data)
PY
cp "$kit_package" "$wiremock_package" "$redis_package" "$work/broken-feed/"
prepare_consumer "$work/broken-consumer" "$work/broken-feed"
# Everything but the packages under test comes from the first restore; those must come from the broken feed.
cp -r "$work/packages" "$work/broken-packages"
rm -rf "$work/broken-packages"/partnercenter.batchstatus*
export NUGET_PACKAGES=$work/broken-packages
if log=$(dotnet build "$work/broken-consumer/PackageConsumer.csproj" -nologo -p:PartnerCenterBatchStatusVersion="$version" 2>&1); then
  fail "the consumer built against a client package without the generated client: the check proves nothing"
fi
grep -qE "error CS0246: .*'(IBatchStatusClient|BatchStatusClient|DeviceUploadStatus|BatchUploadDetails)'" <<<"$log" \
  || { echo "$log"; fail "the consumer failed against the broken package, but not for the missing client"; }
echo "package check:    a client package without the generated client fails the consumer's build (CS0246)"

# b. A package that depends on a build-tool package is rejected.
doctored=$(package_nuspec "$client_package" | sed 's#<group targetFramework="net10.0" */>#<group targetFramework="net10.0"><dependency id="NSwag.MSBuild" version="14.7.1" /></group>#; s#<group targetFramework="net10.0">#&<dependency id="NSwag.MSBuild" version="14.7.1" />#')
if check_no_tooling_dependency "doctored client" <<<"$doctored" 2>/dev/null; then
  fail "a client package depending on NSwag.MSBuild passed the dependency check"
fi
echo "package check:    a package depending on NSwag.MSBuild is rejected"

# c. A pinned transitive package, or Microsoft.Extensions of the wrong line, in a dependency group is rejected.
nuspec=$(package_nuspec "$client_package")
doctored=$(sed 's#<group targetFramework="net8.0">#&<dependency id="Microsoft.Extensions.Logging" version="8.0.1" />#' <<<"$nuspec")
if check_direct_dependencies "doctored client" "$client_project" "$doctored" 2>/dev/null; then
  fail "a client package listing a transitive package passed the dependency check"
fi
doctored=$(sed '/<group targetFramework="net8.0">/,/<\/group>/ s#\(id="Microsoft.Extensions.Options" version="\)8[^"]*#\110.0.0#' <<<"$nuspec")
if check_direct_dependencies "doctored client" "$client_project" "$doctored" 2>/dev/null; then
  fail "a client package depending on Microsoft.Extensions 10.x for net8.0 passed the dependency check"
fi
echo "package check:    a package listing a transitive package, or Microsoft.Extensions 10.x for net8.0, is rejected"

# d. The files no tool package may carry are recognised (a pattern that matched nothing would pass every package).
for entry in tools/net10.0/any/PartnerCenter.BatchStatus.Testing.WireMock.dll tools/net10.0/any/WireMock.Net.Minimal.dll tools/any/linux-x64/managed/xunit.core.dll; do
  [ -n "$(matching -iE "$tool_forbidden" <<<"$entry")" ] || fail "the files no tool package may carry do not include $entry: the check proves nothing"
done
echo "package check:    a tool package holding the kit's WireMock host, WireMock or xunit is recognised"

echo "package check: passed (packed, inspected, consumed by version from a fresh packages folder, the tool installed and run, broken packages detected)"
