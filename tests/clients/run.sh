#!/usr/bin/env bash
# Real WireMock clients against a ChatMock server: the Node tests (wiremock-captain, wiremock-rest-client, the docs'
# JavaScript example) with node's test runner, each file starting its own server; then WireMock's Java client (the
# standalone jar of npm's "wiremock" package) against one server, and the docs' Java example. Prints one line per
# check and ends with "clients: N passed, N failed"; exits non-zero when a check fails.
#
#   tests/clients/run.sh      (needs node, npm and javac: .ci/steps/clients installs them)
set -uo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
HERE=$ROOT/tests/clients
START_DEADLINE=${START_DEADLINE:-30}
passed=0
failed=0
server_pid=

finish() {
  [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null && wait "$server_pid" 2>/dev/null
  echo "clients: $passed passed, $failed failed"
  [ "$failed" -eq 0 ]
  exit $?
}
trap 'failed=$((failed + 1)); finish' INT TERM
fail_now() { echo "clients: $*" >&2; failed=$((failed + 1)); finish; }

cd "$HERE" || fail_now "no $HERE"
npm ci --no-audit --no-fund --loglevel=error >/dev/null 2>npm.log || { cat npm.log >&2; fail_now "npm ci failed"; }
rm -f npm.log
JAR=$HERE/node_modules/wiremock/build/wiremock-standalone-3.13.2.jar
[ -f "$JAR" ] || fail_now "the wiremock package has no $JAR"

dotnet build "$ROOT/src/ChatMock.Server" -c Release --nologo -v quiet >build.log 2>&1 || { cat build.log >&2; fail_now "dotnet build failed"; }
rm -f build.log
export CHATMOCK_DLL=$ROOT/artifacts/bin/ChatMock.Server/release/ChatMock.Server.dll

# Node: TAP output, counted from its closing "# pass N" and "# fail N".
node --test --test-reporter=tap test/*.test.mjs >node.tap 2>&1
grep -E "^(not )?ok [0-9]+ - " node.tap | grep -v "\.test\.mjs$"
node_pass=$(grep -oE "^# pass [0-9]+" node.tap | grep -oE "[0-9]+$" || echo 0)
node_fail=$(grep -oE "^# fail [0-9]+" node.tap | grep -oE "[0-9]+$" || echo 1)
[ "${node_fail:-1}" -ne 0 ] && grep -vE "^\s*(duration_ms|\.\.\.|---)" node.tap | tail -n 80 >&2
passed=$((passed + ${node_pass:-0}))
failed=$((failed + ${node_fail:-1}))
rm -f node.tap

# Java: one server, its port from the start banner.
mkdir -p build
javac -cp "$JAR" -d build java/ClientsTest.java java/Example.java >javac.log 2>&1 || { cat javac.log >&2; fail_now "javac failed"; }
rm -f javac.log
dotnet "$CHATMOCK_DLL" --port 0 --seed 1 >build/server.log 2>&1 &
server_pid=$!
url=
deadline=$((SECONDS + START_DEADLINE))
while [ -z "$url" ] && [ $SECONDS -lt $deadline ] && kill -0 "$server_pid" 2>/dev/null; do
  url=$(grep -oE "ChatMock listening on http://localhost:[0-9]+" build/server.log | grep -oE "http://localhost:[0-9]+")
  [ -z "$url" ] && sleep 0.2
done
[ -n "$url" ] || { cat build/server.log >&2; fail_now "ChatMock did not start within $START_DEADLINE s"; }

java -cp "build:$JAR" ClientsTest "$url" >build/java.log 2>&1
cat build/java.log
line=$(grep -E "^java: [0-9]+ passed, [0-9]+ failed" build/java.log | tail -n 1)
java_pass=$(echo "$line" | grep -oE "[0-9]+ passed" | grep -oE "[0-9]+")
java_fail=$(echo "$line" | grep -oE "[0-9]+ failed" | grep -oE "[0-9]+")
passed=$((passed + ${java_pass:-0}))
failed=$((failed + ${java_fail:-1}))

if java -cp "build:$JAR" Example "${url##*:}" >build/example.log 2>&1 && grep -q "example: ok" build/example.log; then
  echo "ok - java: the docs' Java example"
  passed=$((passed + 1))
else
  echo "not ok - java: the docs' Java example"; cat build/example.log
  failed=$((failed + 1))
fi

finish
