#!/usr/bin/env bash
# Packs pcbatch into a folder: the tool package that 'dotnet tool install' names (a pointer to one package per
# platform), the framework-dependent package for any platform ('any'), and, on Linux x64, the native package
# (compiled ahead of time, which needs a C toolchain: clang, or gcc when there is no clang).
#   build/pack-tool.sh <output folder> [more 'dotnet pack' arguments, such as -p:Version=1.2.3]
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
[ $# -ge 1 ] || { echo "usage: build/pack-tool.sh <output folder> [dotnet pack arguments]" >&2; exit 2; }
output=$1
shift
project=$root/src/PartnerCenter.BatchStatus.Cli/PartnerCenter.BatchStatus.Cli.csproj
# A fresh build folder each time: a tool package takes everything in its publish folder, stale files included.
artifacts=$(mktemp -d)
trap 'rm -rf "$artifacts"' EXIT

pack() {
  local log
  log=$(dotnet pack "$project" -c Release -nologo -v:minimal -o "$output" --artifacts-path "$artifacts" "$@" 2>&1) \
    || { echo "$log" >&2; echo "pack-tool: dotnet pack $* failed" >&2; exit 1; }
}

pack "$@"
pack -r any "$@"
case "$(uname -s)-$(uname -m)" in
  Linux-x86_64)
    linker=()
    if ! command -v clang >/dev/null 2>&1; then
      command -v gcc >/dev/null 2>&1 || { echo "pack-tool: the native package needs clang or gcc on PATH" >&2; exit 1; }
      linker=(-p:CppCompilerAndLinker=gcc)
    fi
    pack -r linux-x64 "${linker[@]}" "$@"
    ;;
  *)
    echo "pack-tool: the native package is made on Linux x64 only; this machine packs the pointer and 'any' packages" >&2
    ;;
esac
ls "$output"/PartnerCenter.BatchStatus.Cli.*nupkg
