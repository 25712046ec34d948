#!/usr/bin/env bash
# Instructions per engine call, total and per method, counted by valgrind's callgrind: the difference between a run
# of 1,000 and one of 3,000 calls of one scenario, so start-up and compilation cancel out. Deterministic, unlike
# time, so it compares a change with the one before it on a busy machine.
# Usage: bench/callgrind.sh [generated|posted|malformed|violation|xml|select] [methods to list, default 40]
set -euo pipefail
scenario=${1:-generated}
top=${2:-40}
root=$(cd "$(dirname "$0")/.." && pwd)
command -v valgrind >/dev/null || { echo "valgrind is not installed (apt-get install valgrind)" >&2; exit 1; }
command -v python3 >/dev/null || { echo "python3 is needed to read callgrind's output" >&2; exit 1; }

dotnet build -c Release --nologo -v quiet "$root/bench/ChatMock.Benchmarks" >/dev/null
dll="$root/artifacts/bin/ChatMock.Benchmarks/release/ChatMock.Benchmarks.dll"
work=$(mktemp -d "${TMPDIR:-/tmp}/chatmock-callgrind.XXXXXX")
trap 'rm -rf "$work"' EXIT

run() { # NAME CALLS: callgrind output and the runtime's perf map of the same process
  DOTNET_PerfMapEnabled=1 DOTNET_TieredCompilation=0 CHATMOCK_PROFILE_WARMUP_MS=0 CHATMOCK_JOURNAL_CAPACITY=1 \
    timeout 1200 valgrind --tool=callgrind --callgrind-out-file="$work/$1.out" dotnet "$dll" profile "$scenario" "$2" \
    </dev/null >"$work/$1.log" 2>&1
  local pid
  pid=$(sed -n 's/^==\([0-9]*\)==.*/\1/p' "$work/$1.log" | head -n 1)
  mv "/tmp/perf-$pid.map" "$work/$1.map"
  rm -f "/tmp/perfinfo-$pid.map"
}

echo "Counting instructions for '$scenario' (two runs under valgrind, one after the other, a few minutes)..."
# One after the other: run at once on a busy two-core machine, both runs ended in an unhandled exception inside a
# compiled regular expression's match (December 2026), three times of four.
run short 1000
run long 3000

python3 - "$work" "$top" <<'PY'
import bisect, collections, re, subprocess, sys
work, top = sys.argv[1], int(sys.argv[2])

def load(name):
    entries = []
    for line in open(f"{work}/{name}.map"):
        parts = line.rstrip("\n").split(" ", 2)
        if len(parts) == 3:
            entries.append((int(parts[0], 16), int(parts[1], 16), parts[2]))
    entries.sort()
    starts = [e[0] for e in entries]
    def method(address):
        i = bisect.bisect_right(starts, address) - 1
        return entries[i][2] if i >= 0 and entries[i][0] <= address < entries[i][0] + entries[i][1] else None
    text = subprocess.run(["callgrind_annotate", "--threshold=100", "--inclusive=yes", f"{work}/{name}.out"],
                          capture_output=True, text=True).stdout
    costs, total = collections.Counter(), 0
    for line in text.splitlines():
        m = re.match(r"\s*([\d,]+)\s+\(\s*[\d.]+%\)\s+(.*)", line)
        if not m:
            continue
        count, function = int(m.group(1).replace(",", "")), m.group(2)
        if "PROGRAM TOTALS" in function:
            total = count
            continue
        address = re.search(r"0x([0-9a-f]+)", function)
        if address and "[???]" in function:
            function = method(int(address.group(1), 16)) or function
        function = re.sub(r"'\d+$", "", function)
        costs[function] = max(costs[function], count)
    return costs, total

short, short_total = load("short")
long, long_total = load("long")
calls = 2000
print(f"{(long_total - short_total) / calls:,.0f} instructions per call; inclusive, per managed method:")
# Managed methods only (named through the perf map): the runtime's own frames are unnamed in its stripped binaries.
per_call = {f: (long[f] - short.get(f, 0)) / calls for f in long if "::" in f and "Benchmarks" not in f}
for function, count in sorted(per_call.items(), key=lambda kv: -kv[1])[:top]:
    print(f"{count:>10,.0f}  {function[:150]}")
PY
