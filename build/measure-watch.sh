#!/usr/bin/env bash
# Measures 'pcbatch watch' on its in-process demo at growing sizes: for 1,000, 10,000 and 100,000 batches (the demo's
# three, then unknown batches of its customer, each answered 404), the wall time and the peak memory (GNU time's
# maximum resident set size) with the output redirected; then the bytes written to a terminal (a pseudo-terminal of
# 40 x 120 from util-linux 'script') for 2,000 batches. Builds the tool in Release first. Fails when a run fails:
# an exit code other than 2 (the unknown batches are service errors) or a summary that does not count every batch.
# Prints the figures; asserts no timing (timings on a shared machine are for reading, not for failing a build).
#   build/measure-watch.sh [sizes..., default 1000 10000 100000]
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(1000 10000 100000)

fail() { echo "measure-watch: FAILED: $*" >&2; exit 1; }
command -v /usr/bin/time >/dev/null || fail "GNU time (/usr/bin/time) is needed (Debian: apt install time)"
command -v script >/dev/null || fail "util-linux 'script' is needed for the terminal figure"

echo "measure-watch: building pcbatch (Release)"
log=$(dotnet build "$root/src/PartnerCenter.BatchStatus.Cli" -c Release -nologo 2>&1) || { echo "$log" >&2; fail "the build failed"; }
tool=$root/src/PartnerCenter.BatchStatus.Cli/bin/Release/net10.0/pcbatch.dll

# The demo's own list (its three batches), then unknown batches of the demo's customer.
write_list() {
  local count=$1 file=$2
  {
    echo "/customers/47021739-3426-40bf-9601-61b4b6d7c793/batchJobStatus/de30ba7c-0000-4000-8000-000000000808"
    echo "/v1/customers/47021739-3426-40bf-9601-61b4b6d7c793/batchJobStatus/0127ed8e-ff72-4983-a3d8-e8d8bd378932"
    echo "47021739-3426-40bf-9601-61b4b6d7c793,de30ba7c-0000-4000-8000-000000000404"
    for ((i = 3; i < count; i++)); do printf '47021739-3426-40bf-9601-61b4b6d7c793,5eed0000-0000-4000-8000-%012x\n' "$i"; done
  } > "$file"
}

check_summary() {
  local count=$1 file=$2
  local expected="$count batches: 0 finished with no failed device, 2 with failed devices, $((count - 2)) not finished."
  [ "$(head -1 "$file")" = "$expected" ] || fail "$count batches: the summary says '$(head -1 "$file")', not '$expected'"
}

echo "measure-watch: $(nproc) cores, load $(cut -d' ' -f1 /proc/loadavg)"
printf '  %-9s %10s %12s %14s\n' batches "wall (s)" "peak RSS (MB)" "per batch (ms)"
for count in "${sizes[@]}"; do
  write_list "$count" "$work/list.txt"
  status=0
  /usr/bin/time -v -o "$work/time.txt" dotnet "$tool" watch --demo "$work/list.txt" --interval 10ms >"$work/out.txt" 2>"$work/err.txt" || status=$?
  [ "$status" -eq 2 ] || { tail -5 "$work/err.txt" >&2; fail "$count batches: exit code $status, expected 2"; }
  check_summary "$count" "$work/out.txt"
  wall=$(awk -F': ' '/Elapsed \(wall clock\)/ { n = split($2, p, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + p[i]; print s }' "$work/time.txt")
  rss=$(awk -F': ' '/Maximum resident set size/ { printf "%.0f", $2 / 1024 }' "$work/time.txt")
  printf '  %-9s %10.2f %12s %14.3f\n' "$count" "$wall" "$rss" "$(awk -v w="$wall" -v n="$count" 'BEGIN { print w * 1000 / n }')"
done

# The live view on a terminal: everything written to it, for 2,000 batches (the summary goes to a file).
write_list 2000 "$work/list.txt"
status=0
TERM=xterm-256color script -q -e -c "stty rows 40 cols 120 && exec dotnet '$tool' watch --demo '$work/list.txt' --interval 10ms > '$work/out.txt'" /dev/null \
  < /dev/null > "$work/terminal.bin" 2>"$work/err.txt" || status=$?
[ "$status" -eq 2 ] || fail "2000 batches on a terminal: exit code $status, expected 2"
check_summary 2000 "$work/out.txt"
echo "measure-watch: 2000 batches on a 40 x 120 terminal wrote $(wc -c < "$work/terminal.bin") bytes to it"
