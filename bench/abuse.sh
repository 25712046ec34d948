#!/usr/bin/env bash
# Memory and time of the standalone server under the abuse issue 11 names, against a fresh Release build on a port
# the system picks (loopback only). Prints one line per measurement; asserts nothing (tests do that).
#   RSS after 10,000 calls of 1 MB (valid AddChatMessage with a ~1 MB message), and after 100 gzip bombs of 1 GB;
#   the answer time of a 1 MB body with 100,000 unknown properties (JSON and form).
# Usage: bash bench/abuse.sh [calls=10000] [bombs=100]
set -euo pipefail
cd "$(dirname "$0")/.."
calls=${1:-10000}
bombs=${2:-100}

dotnet build -c Release src/ChatMock.Server -v q -nologo >/dev/null
dll=artifacts/bin/ChatMock.Server/release/ChatMock.Server.dll
log=$(mktemp)
dotnet "$dll" --port 0 --seed 1 >"$log" 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null; rm -f "$log"' EXIT

port=""
for _ in $(seq 1 200); do
  port=$(grep -oE 'listening on http://localhost:[0-9]+' "$log" | grep -oE '[0-9]+$' || true)
  [ -n "$port" ] && break
  sleep 0.05
done
[ -n "$port" ] || { echo "the server did not start"; cat "$log"; exit 1; }

rss() { awk '/VmRSS/ { printf "%.1f", $2 / 1024 }' "/proc/$pid/status"; }
hwm() { awk '/VmHWM/ { printf "%.1f", $2 / 1024 }' "/proc/$pid/status"; }

echo "ChatMock abuse benchmark, $(date -u +%FT%RZ), $(nproc) CPUs, $(dotnet --version)"
curl -s -o /dev/null "http://localhost:$port/__admin/health"
echo "idle: rss_mb=$(rss)"

python3 - "$port" "$calls" "$bombs" "$pid" <<'PY'
import http.client, sys, time, zlib, json
port, calls, bombs, pid = (int(a) for a in sys.argv[1:5])

def rss():
    fields = dict(line.split(":", 1) for line in open(f"/proc/{pid}/status"))
    return f"rss_mb={int(fields['VmRSS'].split()[0]) / 1024:.1f} peak_rss_mb={int(fields['VmHWM'].split()[0]) / 1024:.1f}"
auth = {"Authorization": "Basic dGplMDpUamUw", "Content-Type": "application/json"}

def post(conn, body, headers):
    conn.request("POST", "/api/v1/Agents/Chat/AddChatMessage", body=body, headers=headers)
    response = conn.getresponse()
    data = response.read()
    return response.status, data

conn = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
big = json.dumps({"ChatSessionId": 1, "Message": {"Type": "ToUser", "Message": "m" * 1_000_000}}).encode()
started = time.time()
statuses = {}
for i in range(calls):
    status, _ = post(conn, big, auth)
    statuses[status] = statuses.get(status, 0) + 1
print(f"sent {calls} calls of {len(big)} bytes in {time.time() - started:.1f} s: {statuses}; {rss()}", flush=True)

# A gzip of 1 GB of zeros, made in pieces (about 1 MB).
compressor = zlib.compressobj(9, zlib.DEFLATED, 31)
chunk = bytes(16 * 1024 * 1024)
bomb = b"".join(compressor.compress(chunk) for _ in range(64)) + compressor.flush()
headers = dict(auth, **{"Content-Encoding": "gzip"})
started = time.time()
statuses = {}
for i in range(bombs):
    status, _ = post(conn, bomb, headers)
    statuses[status] = statuses.get(status, 0) + 1
print(f"sent {bombs} gzip bombs of {len(bomb)} bytes (1 GiB decoded) in {time.time() - started:.1f} s: {statuses}; {rss()}", flush=True)

for kind, body, content_type in [
    ("json", ("{\"ChatSessionId\": 1" + "".join(f",\"{i}\":0" for i in range(100_000)) + "}").encode(), "application/json"),
    ("form", ("ChatSessionId=1" + "".join(f"&p{i}=" for i in range(100_000))).encode(), "application/x-www-form-urlencoded"),
]:
    times = []
    for _ in range(5):
        started = time.time()
        status, data = post(conn, body, dict(auth, **{"Content-Type": content_type}))
        times.append((time.time() - started) * 1000)
    times.sort()
    print(f"100,000 unknown properties ({kind}, {len(body)} bytes): status {status}, answer {len(data)} bytes, median {times[2]:.0f} ms (min {times[0]:.0f}, max {times[4]:.0f})", flush=True)
PY
echo "after: rss_mb=$(rss) peak_rss_mb=$(hwm)"
echo "journal: $(curl -s "http://localhost:$port/__admin/chatmock/calls/count")"
