#!/usr/bin/env bash
# Load, start-up and memory figures for ChatMock's standalone server, with its baselines measured in the same run
# on the same machine (DESIGN.md "Budgets"):
#   - throughput and latency with wrk: ChatMock, a bare WireMock.Net callback stub answering a fixed ChatMessage,
#     ChatMock with every request going through WireMock.Net's matching (as when a user's mapping exists),
#     a bare Kestrel endpoint doing the same (the machine's ceiling) and, when npm can install it, Stoplight Prism
#     mocking contracts/openapi.json; ChatMock again with the live page open (an SSE client connected to
#     /__admin/chatmock/ui/events and reading, on the same server process); each warmed up, then measured in
#     interleaved rounds;
#   - start-up: process start to the first 200 of the standalone server; time to the first answer in memory;
#   - memory: one million calls with the default journal capacity; RSS and managed heap at 10,000 and at the end.
# Everything listens on 127.0.0.1 ports the system chooses, runs under `timeout`, and is stopped on exit.
#
# Usage: bench/load.sh [--duration S] [--rounds N] [--warmup S] [--connections C] [--threads T]
#                      [--memory-calls N] [--no-memory] [--no-throughput] [--no-prism] [--no-startup] [--no-page] [--quick]
set -euo pipefail

duration=10 rounds=3 warmup=30 connections=32 threads=1 memory_calls=1000000
run_memory=1 run_throughput=1 run_prism=1 run_startup=1 run_page=1 startup_runs=5
while [ $# -gt 0 ]; do
  case "$1" in
    --duration) duration=$2; shift ;;
    --rounds) rounds=$2; shift ;;
    --warmup) warmup=$2; shift ;;
    --connections) connections=$2; shift ;;
    --threads) threads=$2; shift ;;
    --memory-calls) memory_calls=$2; shift ;;
    --no-memory) run_memory=0 ;;
    --no-throughput) run_throughput=0 ;;
    --no-prism) run_prism=0 ;;
    --no-startup) run_startup=0 ;;
    --no-page) run_page=0 ;;
    --quick) duration=3 rounds=2 warmup=5 memory_calls=50000 startup_runs=2 ;;
    -h|--help) sed -n '2,15p' "$0"; exit 0 ;;
    *) echo "unknown option: $1 (see --help)" >&2; exit 2 ;;
  esac
  shift
done

root=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d "${TMPDIR:-/tmp}/chatmock-bench.XXXXXX")
lua="$root/bench/post.lua"
# Longest any started process may live: everything below ends well within it.
life=$(( 600 + rounds * 5 * (duration + 5) + warmup * 5 + (run_memory ? 2400 : 0) ))
declare -a started=()

cleanup() {
  for pid in "${started[@]}"; do
    kill "$pid" 2>/dev/null || true
  done
  for pid in "${started[@]}"; do
    wait "$pid" 2>/dev/null || true
  done
  rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

say() { printf '%s\n' "$*"; }
now_ms() { echo $(( $(date +%s%N) / 1000000 )); }
median() { sort -g | awk '{ v[NR] = $1 } END { if (NR == 0) print "nan"; else if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

# --- tools ---------------------------------------------------------------------------------------------------
if ! command -v wrk >/dev/null; then
  sudo=""; [ "$(id -u)" -eq 0 ] || sudo="sudo"
  say "Installing wrk from Debian's packages..."
  $sudo apt-get install -y wrk >/dev/null 2>&1 || { $sudo apt-get update >/dev/null && $sudo apt-get install -y wrk >/dev/null; }
fi

say "Building (Release)..."
for project in src/ChatMock.Server bench/ChatMock.Baselines bench/ChatMock.Benchmarks; do
  dotnet build -c Release --nologo -v quiet "$root/$project" >"$work/build.log" 2>&1 || { cat "$work/build.log"; exit 1; }
done
bin="$root/artifacts/bin"
server_dll="$bin/ChatMock.Server/release/ChatMock.Server.dll"
baselines_dll="$bin/ChatMock.Baselines/release/ChatMock.Baselines.dll"
benchmarks_dll="$bin/ChatMock.Benchmarks/release/ChatMock.Benchmarks.dll"

prism=""
prism_note=""
if [ "$run_prism" -eq 1 ]; then
  if ! command -v npm >/dev/null; then
    prism_note="npm is not installed"
  else
    say "Installing Stoplight Prism with npm (into a temporary folder)..."
    if timeout 300 npm install --prefix "$work/prism" --no-audit --no-fund --loglevel=error @stoplight/prism-cli@5 >"$work/npm.log" 2>&1 \
      && [ -x "$work/prism/node_modules/.bin/prism" ]; then
      prism="$work/prism/node_modules/.bin/prism"
    else
      prism_note="npm install @stoplight/prism-cli failed: $(tail -n 3 "$work/npm.log" | tr '\n' ' ')"
    fi
  fi
else
  prism_note="left out (--no-prism)"
fi

# --- processes -----------------------------------------------------------------------------------------------
# start NAME PATTERN COMMAND...: starts COMMAND under timeout, waits (at most 60 s) for a line matching PATTERN
# (sed -E, group 1 = port) in its output, and sets PORT, PID (the process itself) and WRAPPER (its timeout, which
# passes a TERM on to it: stop that).
start() {
  local name=$1 pattern=$2; shift 2
  timeout --kill-after=5 "$life" "$@" >"$work/$name.log" 2>&1 &
  local wrapper=$!
  started+=("$wrapper")
  PORT=""
  local deadline=$(( $(now_ms) + 60000 ))
  while [ -z "$PORT" ]; do
    PORT=$(sed -nE "s#^.*$pattern#\1#p" "$work/$name.log" | head -n 1)
    if [ -z "$PORT" ]; then
      if ! kill -0 "$wrapper" 2>/dev/null || [ "$(now_ms)" -gt "$deadline" ]; then
        say "$name did not start:"; cat "$work/$name.log"; return 1
      fi
      sleep 0.01
    fi
  done
  PID=$(pgrep -P "$wrapper" | head -n 1)
  WRAPPER=$wrapper
}

stop() { kill "$1" 2>/dev/null || true; wait "$1" 2>/dev/null || true; }

free_port() { dotnet "$baselines_dll" freeport; }

sample_call() { # URL -> HTTP status of the documentation sample
  curl -s -o /dev/null -w '%{http_code}' --max-time 5 -X POST "$1/api/v1/Agents/Chat/AddChatMessage" \
    -H 'Authorization: Basic dGplMDpUamUw' -H 'Accept: application/json; charset=utf-8' \
    -H 'Accept-Language: fr,de,ru,zh' -H 'Content-Type: application/json; charset=utf-8' \
    --data-binary $'{\n  "ChatSessionId": 403,\n  "Message": null\n}' || true
}

load() { # URL SECONDS [CALLS] -> the RESULT line of post.lua; with CALLS, one thread stops after that many answers
  local wrk_threads=$threads
  [ "${3:-0}" -eq 0 ] || wrk_threads=1
  CALLS=${3:-0} timeout $(( $2 + 30 )) wrk -t"$wrk_threads" -c"$connections" -d"$2s" --timeout 5s -s "$lua" "$1" \
    | grep '^RESULT' || echo "RESULT requests=0 rps=0 p50_us=0 p99_us=0 non2xx=0 errors=1"
}

field() { sed -nE "s/.* $1=([0-9.]+).*/\1/p"; }

# The live page open while a target is loaded: an SSE client on the page's stream, reading everything it is sent
# (as the page does), started before wrk and stopped after. page_open URL LOG starts it and waits for its hello.
page_open() {
  curl -sN --max-time "$life" -H 'Accept: text/event-stream' "$1/__admin/chatmock/ui/events" >"$2" 2>/dev/null &
  PAGE_PID=$!
  started+=("$PAGE_PID")
  local deadline=$(( $(now_ms) + 10000 ))
  until grep -q '^event: hello' "$2" 2>/dev/null; do
    [ "$(now_ms)" -lt "$deadline" ] || { say "the page's stream did not open at $1"; return 1; }
    sleep 0.01
  done
}
page_close() { kill "$PAGE_PID" 2>/dev/null || true; wait "$PAGE_PID" 2>/dev/null || true; }

# measure INDEX SECONDS: one load of target INDEX, with the page open for the page target.
measure() {
  if [ "${page_target:-}" = "$1" ]; then
    page_open "${urls[$1]}" "$work/page-$1.sse" || { echo "RESULT requests=0 rps=0 p50_us=0 p99_us=0 non2xx=0 errors=1"; return; }
    load "${urls[$1]}" "$2"
    page_close
    # What the page was sent while it was open: its events and the calls they carried.
    grep -c '^event: calls' "$work/page-$1.sse" >>"$work/page-events" || true
    tail -n 1 <(grep '^id: ' "$work/page-$1.sse") >>"$work/page-lastids" || true
  else
    load "${urls[$1]}" "$2"
  fi
}

# --- machine -------------------------------------------------------------------------------------------------
cpu=$(sed -nE 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n 1)
memory=$(free -g | awk '/^Mem:/ { print $2 " GiB" }')
say ""
say "ChatMock load benchmark, $(date -u +%Y-%m-%dT%H:%MZ)"
say "machine: ${cpu:-unknown CPU}, $(nproc) logical CPUs, $memory RAM; $(uname -sr); .NET $(dotnet --list-runtimes | sed -nE 's/^Microsoft.NETCore.App ([^ ]+).*/\1/p' | tail -n 1); $(wrk -v 2>&1 | head -n 1 | cut -d' ' -f1-2)"
say "load: wrk, $threads thread(s), $connections connections, the documentation sample POST (bench/post.lua); server and wrk share the machine"
say "load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"

# --- start-up ------------------------------------------------------------------------------------------------
if [ "$run_startup" -eq 1 ]; then
  say ""
  say "Start-up ($startup_runs runs each, median)"
  : >"$work/startup-standalone"
  for _ in $(seq "$startup_runs"); do
    t0=$(now_ms)
    start startup 'ChatMock listening on http://[^:]+:([0-9]+).*' dotnet "$server_dll" --port 0 --seed 1
    url="http://127.0.0.1:$PORT"
    deadline=$(( t0 + 60000 ))
    until [ "$(sample_call "$url")" = 200 ]; do
      [ "$(now_ms)" -lt "$deadline" ] || { say "standalone server gave no 200 within 60 s"; break; }
      sleep 0.005
    done
    echo $(( $(now_ms) - t0 )) >>"$work/startup-standalone"
    stop "$WRAPPER"
  done
  : >"$work/startup-inmemory"
  for _ in $(seq "$startup_runs"); do
    timeout 120 dotnet "$benchmarks_dll" startup >>"$work/startup-inmemory"
  done
  say "  standalone server, process start to first 200:              $(median <"$work/startup-standalone") ms"
  say "  in-memory host, process start to first answer:              $(field process_to_first_answer_ms <"$work/startup-inmemory" | median) ms"
  say "  in-memory host, StartAsync and first call (from Main, cold): $(field first_answer_ms <"$work/startup-inmemory" | median) ms"
fi

# --- throughput ----------------------------------------------------------------------------------------------
if [ "$run_throughput" -eq 1 ]; then
  say ""
  say "Starting the targets..."
  declare -a names=() urls=()
  start chatmock 'ChatMock listening on http://[^:]+:([0-9]+).*' dotnet "$server_dll" --port 0 --seed 1
  names+=("ChatMock"); urls+=("http://127.0.0.1:$PORT")
  start wiremock 'listening on http://127.0.0.1:([0-9]+).*' dotnet "$baselines_dll" wiremock --port 0
  names+=("WireMock.Net stub"); urls+=("http://127.0.0.1:$PORT")
  start matched 'ChatMock listening on http://[^:]+:([0-9]+).*' dotnet "$server_dll" --port 0 --seed 1 --direct-answers false
  names+=("ChatMock, matched"); urls+=("http://127.0.0.1:$PORT")
  start kestrel 'listening on http://127.0.0.1:([0-9]+).*' dotnet "$baselines_dll" kestrel --port 0
  names+=("Kestrel bare"); urls+=("http://127.0.0.1:$PORT")
  page_target=""
  if [ "$run_page" -eq 1 ]; then
    # The same ChatMock process as the first target: only the open page differs.
    page_target=${#names[@]}
    names+=("ChatMock, page open"); urls+=("${urls[0]}")
  fi
  if [ -n "$prism" ]; then
    port=$(free_port)
    if start prism "Prism is listening on http://127.0.0.1:([0-9]+).*" "$prism" mock -h 127.0.0.1 -p "$port" "$root/contracts/openapi.json"; then
      names+=("Prism (static)"); urls+=("http://127.0.0.1:$PORT")
    else
      prism_note="prism mock did not start (see above)"
    fi
  fi

  for i in "${!names[@]}"; do
    status=$(sample_call "${urls[$i]}")
    [ "$status" = 200 ] || { say "${names[$i]} answered the sample with $status, not 200"; exit 1; }
  done

  # Long enough for the runtime to finish compiling the hot code at its final tier: on two shared cores ChatMock
  # takes 15 to 30 s under full load (it has far more code than a stub), and a 5 s warm-up measured it half-compiled.
  say "Warming up each target for $warmup s..."
  for i in "${!names[@]}"; do
    measure "$i" "$warmup" >/dev/null
  done
  : >"$work/page-events"; : >"$work/page-lastids"

  say "Measuring: $rounds rounds x $duration s per target, interleaved (order rotates each round)..."
  count=${#names[@]}
  for round in $(seq 0 $(( rounds - 1 ))); do
    for k in $(seq 0 $(( count - 1 ))); do
      i=$(( (k + round) % count ))
      measure "$i" "$duration" >>"$work/round-$i"
    done
  done

  rps_of() { field rps <"$work/round-$1" | median; }
  chatmock_rps=$(rps_of 0)
  say ""
  say "Throughput and latency (median of $rounds rounds)"
  printf '  %-18s %10s %9s %9s %8s %8s   %s\n' target "req/s" "p50 ms" "p99 ms" non-2xx errors "ChatMock / target"
  for i in "${!names[@]}"; do
    rps=$(rps_of "$i")
    p50=$(field p50_us <"$work/round-$i" | median)
    p99=$(field p99_us <"$work/round-$i" | median)
    non2xx=$(field non2xx <"$work/round-$i" | awk '{ s += $1 } END { print s + 0 }')
    errors=$(field errors <"$work/round-$i" | awk '{ s += $1 } END { print s + 0 }')
    ratio=$(awk -v a="$chatmock_rps" -v b="$rps" 'BEGIN { printf (b > 0 ? "%.2fx" : "n/a"), a / b }')
    printf '  %-18s %10.0f %9.2f %9.2f %8d %8d   %s\n' "${names[$i]}" "$rps" "$(awk -v u="$p50" 'BEGIN { print u / 1000 }')" \
      "$(awk -v u="$p99" 'BEGIN { print u / 1000 }')" "$non2xx" "$errors" "$ratio"
  done
  say "  rounds (req/s):"
  for i in "${!names[@]}"; do
    say "    ${names[$i]}: $(field rps <"$work/round-$i" | tr '\n' ' ')"
  done
  stub_ratio=$(awk -v a="$chatmock_rps" -v b="$(rps_of 1)" 'BEGIN { printf "%.2f", a / b }')
  verdict=$(awk -v r="$stub_ratio" 'BEGIN { print (r >= 2.5 ? "met" : "MISSED") }')
  say "  budget: ChatMock >= 2.5x the bare WireMock.Net stub: ${stub_ratio}x, $verdict"
  kestrel_ratio=$(awk -v a="$chatmock_rps" -v b="$(rps_of 3)" 'BEGIN { printf "%.2f", (b > 0 ? a / b : 0) }')
  verdict=$(awk -v r="$kestrel_ratio" 'BEGIN { print (r >= 0.7 ? "met" : "MISSED") }')
  say "  budget: ChatMock >= 0.7x a bare Kestrel endpoint: ${kestrel_ratio}x, $verdict"
  matched=$(awk -v a="$(rps_of 2)" -v b="$(rps_of 1)" 'BEGIN { printf "%.2f", a / b }')
  say "  ChatMock through WireMock.Net's matching (--direct-answers false, or any mapping of the user's): ${matched}x the stub"
  if [ -n "$page_target" ]; then
    page_ratio=$(awk -v a="$(rps_of "$page_target")" -v b="$chatmock_rps" 'BEGIN { printf "%.2f", (b > 0 ? a / b : 0) }')
    verdict=$(awk -v r="$page_ratio" 'BEGIN { print (r >= 0.9 ? "met" : "MISSED") }')
    say "  budget: ChatMock with the live page open >= 0.9x without it: ${page_ratio}x, $verdict"
    say "  the page's stream sent $(awk '{ s += $1 } END { print s + 0 }' "$work/page-events") batches of calls in the measured rounds (last event ids: $(sed 's/^id: //' "$work/page-lastids" | tr '\n' ' '))"
  else
    say "  live page open: left out (--no-page)"
  fi
  [ -z "$prism_note" ] || say "  Prism: $prism_note"

  for pid in "${started[@]}"; do stop "$pid"; done
  started=()
fi

# --- memory --------------------------------------------------------------------------------------------------
if [ "$run_memory" -eq 1 ]; then
  say ""
  say "Memory: $memory_calls calls to a fresh server with the default journal capacity (10,000 calls)"
  start memory 'ChatMock listening on http://[^:]+:([0-9]+).*' dotnet "$server_dll" --port 0 --seed 1
  url="http://127.0.0.1:$PORT"
  first=10000
  result=$(load "$url" 900 "$first")
  sent=$(field requests <<<"$result")
  at_first=$(timeout 60 dotnet "$benchmarks_dll" heap --pid "$PID")
  say "  after $sent calls: $at_first"
  t0=$(now_ms)
  result=$(load "$url" 1800 $(( memory_calls - first )))
  sent=$(( sent + $(field requests <<<"$result") ))
  seconds=$(( ($(now_ms) - t0) / 1000 ))
  at_end=$(timeout 60 dotnet "$benchmarks_dll" heap --pid "$PID")
  say "  after $sent calls: $at_end   ($seconds s, non-2xx $(field non2xx <<<"$result"), errors $(field errors <<<"$result"))"
  rss_growth=$(awk -v a="$(field rss_mb <<<" $at_first")" -v b="$(field rss_mb <<<" $at_end")" 'BEGIN { printf "%.1f", b - a }')
  heap_growth=$(awk -v a="$(field gc_heap_mb <<<" $at_first")" -v b="$(field gc_heap_mb <<<" $at_end")" 'BEGIN { printf "%.1f", b - a }')
  verdict=$(awk -v r="$rss_growth" 'BEGIN { print (r <= 50 ? "met" : "MISSED") }')
  say "  growth from the first $first calls to the end: RSS ${rss_growth} MB, managed heap ${heap_growth} MB"
  say "  budget: within 50 MB of where 10,000 calls were: $verdict"
  stop "$WRAPPER"
fi
say ""
say "Done."
