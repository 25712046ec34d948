#!/usr/bin/env bash
# The container test: builds the repository's Dockerfile, runs the image and checks it from outside, the way a
# test environment uses it. Cleans up every container and image it creates, also when it fails or is interrupted.
#
#   sudo tests/container/run.sh          (from anywhere; prints one line per check, timings, and at the end
#                                         "container: N passed, N failed"; exits non-zero when a check fails)
#
# Engine: docker when a Docker engine answers and the registry serves mcr.microsoft.com/dotnet/aspnet:10.0; else
# rootful podman on local stand-ins of the .NET base images, built by ../shared/tools/container/make-standins.sh
# (relative to the repository root; it needs root and installs podman, runc and busybox-static from Debian).
#
# Environment:
#   CONTAINER_ENGINE=auto|docker|podman   force an engine (default auto)
#   STANDINS_SCRIPT=<path>                make-standins.sh elsewhere (podman only)
#   SKIP_STANDINS=1                       podman: use the base images already present, build no stand-ins
#   CONTAINER_TEST_REBUILD=0              skip the second build that proves the restore layer stays cached
#   NUGET_CERT_REVOCATION_MODE            passed to the build as a build argument when set (see the Dockerfile)
#   STARTUP_DEADLINE=60 STOP_DEADLINE=10  seconds allowed to answer the first request / to exit after SIGTERM
set -uo pipefail

REPO_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
STANDINS_SCRIPT=${STANDINS_SCRIPT:-$REPO_ROOT/../shared/tools/container/make-standins.sh}
STARTUP_DEADLINE=${STARTUP_DEADLINE:-60}
STOP_DEADLINE=${STOP_DEADLINE:-10}
APP_UID=1654
BASE_IMAGE=mcr.microsoft.com/dotnet/aspnet:10.0
SDK_IMAGE=mcr.microsoft.com/dotnet/sdk:10.0
ENDPOINT=/api/v1/Agents/Chat/AddChatMessage
AUTH='Authorization: Basic dGplMDpUamUw'
SAMPLE_BODY='{"ChatSessionId": 403, "Message": null}'
BAD_BODY='{"ChatSessionId": "abc"}'

RUN_ID=$(date +%s)-$$
LABEL_KEY=chatmock.container-test
LABEL="$LABEL_KEY=$RUN_ID"
IMAGE=localhost/chatmock-container-test:$RUN_ID
CONTAINERS=()
WORK=$(mktemp -d "${TMPDIR:-/tmp}/chatmock-container-test.XXXXXX")

passed=0
failed=0
declare -a TIMINGS=()

now_ms() { echo $(( $(date +%s%N) / 1000000 )); }
secs() { awk -v ms="$1" 'BEGIN { printf "%.1f s", ms / 1000 }'; }
mb() { awk -v b="$1" 'BEGIN { printf "%.1f MB", b / 1000000 }'; }
say() { printf 'container: %s\n' "$*"; }
timing() { TIMINGS+=("$1: $2"); say "timing  $1: $2"; }
ok() { passed=$((passed + 1)); say "ok      $1"; }
not_ok() {
  failed=$((failed + 1)); say "FAILED  $1"
  [ $# -gt 1 ] && [ -n "$2" ] && printf '%s\n' "$2" | sed 's/^/          /' | head -n 40
  return 0
}
# check DESCRIPTION COMMAND...: passes when the command succeeds; its output is shown only when it fails.
check() {
  local name=$1 out; shift
  if out=$("$@" 2>&1); then ok "$name"; else not_ok "$name" "$out"; fi
}
# fatal DESCRIPTION [DETAIL]: a failure the rest of the test cannot go on from.
fatal() { not_ok "$@"; exit 1; }

T_START=$(now_ms)

# ---------------------------------------------------------------- cleanup (always)
cleanup() {
  local status=$?
  trap - EXIT INT TERM
  for c in "${CONTAINERS[@]}"; do
    "${ENGINE[@]}" rm -f "$c" >/dev/null 2>&1 || true
  done
  if [ "${ENGINE_NAME:-}" = podman ]; then
    # An interrupted build leaves buildah working containers behind; remove the ones that appeared during this run
    # on this run's images or on the base images (they hold the images below).
    if [ -n "${BUILDAH_BEFORE+x}" ]; then
      local ours id image_id cmd
      ours=" $("${ENGINE[@]}" images -a -q --filter "label=$LABEL" 2>/dev/null | tr '\n' ' ')"
      ours+="$("${ENGINE[@]}" image inspect --format '{{printf "%.12s" .Id}}' "$BASE_IMAGE" "$SDK_IMAGE" 2>/dev/null | tr '\n' ' ')"
      while read -r id image_id cmd; do
        [ "$cmd" = buildah ] || continue
        case " $BUILDAH_BEFORE " in *" $id "*) continue ;; esac
        case "$ours" in *" ${image_id:0:12} "*) "${ENGINE[@]}" rm -f "$id" >/dev/null 2>&1 || true ;; esac
      done < <("${ENGINE[@]}" ps -a --external --format '{{.ID}} {{.ImageID}} {{.Command}}' 2>/dev/null)
    fi
    # Every image this run's build committed (the tagged one and the build stage's intermediate layers) carries
    # the run's label; pruning by it removes exactly those and nothing another build made.
    "${ENGINE[@]}" rmi -f "$IMAGE" >/dev/null 2>&1 || true
    "${ENGINE[@]}" image prune -a -f --filter "label=$LABEL" >/dev/null 2>&1 || true
  elif [ "${ENGINE_NAME:-}" = docker ]; then
    "${ENGINE[@]}" rmi -f "$IMAGE" "$IMAGE-rebuild" >/dev/null 2>&1 || true
  fi
  if [ -n "${ENGINE_NAME:-}" ]; then
    left=$("${ENGINE[@]}" ps -a -q --filter "label=$LABEL" 2>/dev/null | wc -l)
    [ "$ENGINE_NAME" = podman ] && left=$((left + $("${ENGINE[@]}" images -a -q --filter "label=$LABEL" 2>/dev/null | wc -l)))
    [ "$left" -eq 0 ] || say "WARNING: $left container(s)/image(s) labelled $LABEL are left; remove them by that label"
  fi
  rm -rf "$WORK"
  timing "total duration" "$(secs $(( $(now_ms) - T_START )))"
  [ "$failed" -eq 0 ] && [ "$status" -ne 0 ] && failed=1
  say "summary ${TIMINGS[*]/#/| }"
  echo "container: $passed passed, $failed failed"
  [ "$failed" -eq 0 ] && exit 0 || exit 1
}
trap cleanup EXIT
trap 'say "interrupted"; exit 130' INT TERM

for tool in curl jq; do
  command -v "$tool" >/dev/null || fatal "prerequisites: $tool is not installed (apt-get install $tool; .ci/steps/container does it)"
done

# ---------------------------------------------------------------- engine
docker_usable() {
  command -v docker >/dev/null || return 1
  timeout 20 docker info >/dev/null 2>&1 || return 1
  timeout 300 docker pull -q "$BASE_IMAGE" >/dev/null 2>&1
}

case "${CONTAINER_ENGINE:-auto}" in
  docker) ENGINE_NAME=docker ;;
  podman) ENGINE_NAME=podman ;;
  auto) if docker_usable; then ENGINE_NAME=docker; else ENGINE_NAME=podman; fi ;;
  *) fatal "CONTAINER_ENGINE must be auto, docker or podman, not '$CONTAINER_ENGINE'" ;;
esac

if [ "$ENGINE_NAME" = docker ]; then
  ENGINE=(docker)
  BUILD_FLAGS=(--progress=plain)
  RUN_FLAGS=()
  export DOCKER_BUILDKIT=1
else
  # The flags this machine needs (../shared/tools/container/README.md): runc (crun fails on this cgroup setup),
  # cgroupfs (no systemd), ulimits runc may set, --format docker to keep the HEALTHCHECK, and host networking for
  # the build's NuGet restore.
  ENGINE=(podman --runtime runc --cgroup-manager cgroupfs)
  BUILD_FLAGS=(--pull=never --format docker --network host --force-rm)
  RUN_FLAGS=(--ulimit nofile=1024:1024 --ulimit nproc=1024:1024)
  [ "$(id -u)" = 0 ] || fatal "podman: run as root (rootful podman; the stand-in images need it), e.g. sudo $0"
  command -v podman >/dev/null || [ "${SKIP_STANDINS:-0}" != 1 ] || fatal "podman is not installed"
fi
say "engine  $ENGINE_NAME"

# ---------------------------------------------------------------- base images
if [ "$ENGINE_NAME" = podman ] && [ "${SKIP_STANDINS:-0}" != 1 ]; then
  standin_of() { podman image inspect --format '{{index .Labels "local.standin"}}' "$1" 2>/dev/null; }
  if command -v podman >/dev/null && podman image exists "$BASE_IMAGE" && podman image exists "$SDK_IMAGE" \
    && [ "$(standin_of "$BASE_IMAGE")" != true ] && [ "$(standin_of "$SDK_IMAGE")" != true ]; then
    say "base images: the real $BASE_IMAGE and $SDK_IMAGE are present; no stand-ins needed"
  else
    [ -f "$STANDINS_SCRIPT" ] || fatal "stand-in base images: $STANDINS_SCRIPT not found (set STANDINS_SCRIPT)"
    t=$(now_ms)
    # Idempotent: builds the stand-ins, or refreshes them from the host's .NET (a few seconds when nothing changed).
    if ! bash "$STANDINS_SCRIPT" > "$WORK/standins.log" 2>&1; then
      fatal "stand-in base images: make-standins.sh failed" "$(tail -n 30 "$WORK/standins.log")"
    fi
    timing "stand-in base images" "$(secs $(( $(now_ms) - t )))"
  fi
fi

# ---------------------------------------------------------------- build
build_args=()
[ -n "${NUGET_CERT_REVOCATION_MODE:-}" ] && build_args+=(--build-arg NUGET_CERT_REVOCATION_MODE)

# Build from a snapshot of the working tree (the .dockerignore applies to it as to the repository): files edited
# while the test runs then change neither this build nor the cache check below.
mkdir -p "$WORK/context"
tar -C "$REPO_ROOT" --exclude=./.git --exclude=./artifacts --exclude='*/bin' --exclude='*/obj' -cf - . \
  | tar -C "$WORK/context" -xf - || fatal "build: snapshot of the build context"

if [ "$ENGINE_NAME" = podman ]; then
  BUILDAH_BEFORE=$("${ENGINE[@]}" ps -a --external --format '{{.ID}}' 2>/dev/null | tr '\n' ' ')
fi
t=$(now_ms)
if ! "${ENGINE[@]}" build "${BUILD_FLAGS[@]}" "${build_args[@]}" --label "$LABEL" -t "$IMAGE" \
    "$WORK/context" > "$WORK/build.log" 2>&1; then
  fatal "build: $ENGINE_NAME build of the Dockerfile" "$(tail -n 40 "$WORK/build.log")"
fi
ok "build: the Dockerfile builds ($ENGINE_NAME)"
timing "build" "$(secs $(( $(now_ms) - t )))"

image_json=$("${ENGINE[@]}" image inspect "$IMAGE" | jq '.[0]')
size=$(jq -r '.Size' <<<"$image_json")
base_size=$("${ENGINE[@]}" image inspect --format '{{.Size}}' "$BASE_IMAGE" 2>/dev/null || echo 0)
standin=$(jq -r '.Config.Labels["local.standin"] // "false"' <<<"$image_json")
timing "image size" "$(mb "$size") ($(mb $((size - base_size))) on top of $BASE_IMAGE$([ "$standin" = true ] && echo ' stand-in'))"

check "image: runs as uid $APP_UID (USER \$APP_UID)" jq -e --arg uid "$APP_UID" '.Config.User == $uid' <<<"$image_json"
check "image: exposes 8080/tcp" jq -e '.Config.ExposedPorts | has("8080/tcp")' <<<"$image_json"
check "image: ASPNETCORE_HTTP_PORTS=8080 and ChatMock__Port=8080" \
  jq -e '.Config.Env | index("ASPNETCORE_HTTP_PORTS=8080") and index("ChatMock__Port=8080")' <<<"$image_json"
check "image: HEALTHCHECK runs the server's --health-check mode" \
  jq -e '(.Config.Healthcheck // .Healthcheck).Test | index("--health-check")' <<<"$image_json"

# ---------------------------------------------------------------- helpers for a running container
# start NAME [RUN ARGS...]: runs the image detached, publishing 8080 on a free loopback port; sets PORT.
start() {
  local name=$1; shift
  CONTAINERS+=("$name")
  if ! "${ENGINE[@]}" run -d --name "$name" --label "$LABEL" "${RUN_FLAGS[@]}" -p 127.0.0.1::8080 "$@" "$IMAGE" \
      > "$WORK/run.log" 2>&1; then
    fatal "run: $name starts" "$(cat "$WORK/run.log")"
  fi
  PORT=$("${ENGINE[@]}" port "$name" 8080/tcp 2>/dev/null | head -n 1 | sed 's/.*://')
  [ -n "$PORT" ] || fatal "run: $name publishes port 8080" "$("${ENGINE[@]}" port "$name" 2>&1)"
}

running() { [ "$("${ENGINE[@]}" inspect --format '{{.State.Running}}' "$1" 2>/dev/null)" = true ]; }

# http METHOD PATH [BODY]: sets STATUS and writes the body to $WORK/body. Loopback only, never through a proxy.
http() {
  local args=(-sS --noproxy '*' --max-time 10 -o "$WORK/body" -w '%{http_code}' -X "$1")
  [ $# -gt 2 ] && args+=(-H 'Content-Type: application/json' -H "$AUTH" --data-binary "$3")
  STATUS=$(curl "${args[@]}" "http://127.0.0.1:$PORT$2" 2>"$WORK/curl.err") || STATUS=000
}

# wait_healthy NAME: polls GET /__admin/health until 200 or the deadline (no fixed sleeps).
wait_healthy() {
  local name=$1 deadline=$(( $(now_ms) + STARTUP_DEADLINE * 1000 ))
  while :; do
    http GET /__admin/health
    [ "$STATUS" = 200 ] && return 0
    running "$name" || fatal "run: $name exited before it answered" "$("${ENGINE[@]}" logs "$name" 2>&1 | tail -n 30)"
    [ "$(now_ms)" -lt "$deadline" ] || fatal "run: $name answered no 200 within ${STARTUP_DEADLINE} s" \
      "$("${ENGINE[@]}" logs "$name" 2>&1 | tail -n 30)"
    sleep 0.1
  done
}

expect_sample_200() {
  http POST "$ENDPOINT" "$SAMPLE_BODY"
  [ "$STATUS" = 200 ] || { echo "status $STATUS: $(cat "$WORK/body" "$WORK/curl.err" 2>/dev/null)"; return 1; }
  jq -e '.ChatSessionId == 403 and (.ChatMessageId | type == "number")' "$WORK/body" >/dev/null \
    || { echo "body: $(cat "$WORK/body")"; return 1; }
  grep -q '"ChatSessionId":403' "$WORK/body" || { echo "body: $(cat "$WORK/body")"; return 1; }
}

expect_bad_400() {
  http POST "$ENDPOINT" "$BAD_BODY"
  [ "$STATUS" = 400 ] || { echo "status $STATUS: $(cat "$WORK/body" "$WORK/curl.err" 2>/dev/null)"; return 1; }
  jq -e '.Error == true and any(.Violations[]?; .Path == "/ChatSessionId")' "$WORK/body" >/dev/null \
    || { echo "body: $(cat "$WORK/body")"; return 1; }
}

# ---------------------------------------------------------------- run: the documentation page's requests
CTR=chatmock-test-$RUN_ID
t_run=$(now_ms)
extra=()
[ "$ENGINE_NAME" = docker ] && extra+=(--health-interval=1s)   # docker runs the HEALTHCHECK itself: make it quick
start "$CTR" -e ChatMock__Seed=42 -e ChatMock__JournalCapacity=50 "${extra[@]}"
wait_healthy "$CTR"
t_healthy=$(now_ms)
check "sample request: POST $ENDPOINT {\"ChatSessionId\": 403, \"Message\": null} -> 200 with \"ChatSessionId\":403" \
  expect_sample_200
t_first=$(now_ms)
timing "run -> /__admin/health 200" "$(secs $((t_healthy - t_run)))"
timing "run -> first 200 on $ENDPOINT" "$(secs $((t_first - t_run)))"

check "bad request: {\"ChatSessionId\": \"abc\"} -> 400, \"Error\":true, violation at /ChatSessionId" expect_bad_400

# ---------------------------------------------------------------- journal through the admin API
# ChatMock's journal is the record; WireMock.Net's own log (/__admin/requests) answers too, but lists the engine's
# calls only when they went through WireMock.Net's matching (README, DirectAnswers).
journal_has_both_calls() {
  http GET /__admin/chatmock/calls
  [ "$STATUS" = 200 ] || { echo "status $STATUS"; return 1; }
  jq -e --arg p "$ENDPOINT" '[.calls[] | select(.request.path == $p) | .response.statusCode | tostring]
      | (index("200") != null) and (index("400") != null)' "$WORK/body" >/dev/null \
    || { echo "journal: $(head -c 2000 "$WORK/body")"; return 1; }
  http GET /__admin/requests
  [ "$STATUS" = 200 ] || { echo "/__admin/requests: status $STATUS"; return 1; }
}
check "journal: GET /__admin/chatmock/calls lists the 200 and the 400 call; /__admin/requests answers" journal_has_both_calls

# ---------------------------------------------------------------- configuration and logs
logs_ok() {
  local logs; logs=$("${ENGINE[@]}" logs "$CTR" 2>&1)
  grep -q 'ChatMock listening on http://localhost:8080/ (seed 42;' <<<"$logs" || { echo "$logs"; return 1; }
  grep -q 'journal of 50 calls' <<<"$logs" || { echo "$logs"; return 1; }
  [ "$(grep -c "call=[0-9]* POST $ENDPOINT -> " <<<"$logs")" -eq 2 ] || { echo "$logs"; return 1; }
  { grep -q "POST $ENDPOINT -> 200 " <<<"$logs" && grep -q "POST $ENDPOINT -> 400 " <<<"$logs"; } || { echo "$logs"; return 1; }
}
check "config and logs: ChatMock__Seed=42 and ChatMock__JournalCapacity=50 applied; one stdout line per call" logs_ok

# ---------------------------------------------------------------- health check
exec_health() {
  local out code
  out=$("${ENGINE[@]}" exec "$CTR" dotnet /app/ChatMock.Server.dll --health-check "$@" 2>&1); code=$?
  echo "$out"; return "$code"
}
if [ "$ENGINE_NAME" = podman ]; then
  check "health: podman healthcheck run (the image's HEALTHCHECK) -> healthy" "${ENGINE[@]}" healthcheck run "$CTR"
else
  docker_healthy() {
    local deadline=$(( $(now_ms) + 30000 )) s
    while :; do
      s=$(docker inspect --format '{{.State.Health.Status}}' "$CTR")
      [ "$s" = healthy ] && return 0
      [ "$(now_ms)" -lt "$deadline" ] || { echo "health status: $s"; return 1; }
      sleep 0.2
    done
  }
  check "health: the image's HEALTHCHECK reports healthy (docker, --health-interval=1s)" docker_healthy
fi
check "health: exec dotnet ChatMock.Server.dll --health-check -> exit 0" exec_health
unhealthy_on_wrong_port() {
  local out; if out=$(exec_health --port 1); then echo "exit 0: $out"; return 1; fi
  grep -q '^unhealthy' <<<"$out" || { echo "$out"; return 1; }
}
check "health: --health-check against a port nobody listens on -> exit 1, unhealthy" unhealthy_on_wrong_port

# ---------------------------------------------------------------- user
runs_as_app_uid() {
  local status; status=$("${ENGINE[@]}" exec "$CTR" cat /proc/1/status) || return 1
  grep -q '^Name:[[:space:]]*dotnet' <<<"$status" || { echo "$status" | head -n 3; return 1; }
  grep -Eq "^Uid:[[:space:]]+${APP_UID}[[:space:]]+${APP_UID}[[:space:]]+${APP_UID}[[:space:]]+${APP_UID}\$" <<<"$status" \
    || { grep '^Uid:' <<<"$status"; return 1; }
}
check "user: the server (PID 1, dotnet) runs as uid $APP_UID, not root" runs_as_app_uid
say "uid     $("${ENGINE[@]}" exec "$CTR" cat /proc/1/status 2>/dev/null | awk '/^Uid:/ { print $2 }')"

# ---------------------------------------------------------------- SIGTERM
t=$(now_ms)
"${ENGINE[@]}" kill --signal TERM "$CTR" >/dev/null 2>&1
stop_deadline=$(( t + STOP_DEADLINE * 1000 ))
while running "$CTR" && [ "$(now_ms)" -lt "$stop_deadline" ]; do sleep 0.05; done
t_stopped=$(now_ms)
exit_code=$("${ENGINE[@]}" inspect --format '{{.State.ExitCode}}' "$CTR" 2>/dev/null)
if running "$CTR"; then
  not_ok "stop: SIGTERM stops the server within ${STOP_DEADLINE} s" "$("${ENGINE[@]}" logs "$CTR" 2>&1 | tail -n 10)"
else
  timing "SIGTERM -> exited" "$(secs $((t_stopped - t)))"
  say "exit    $exit_code after SIGTERM"
  check "stop: SIGTERM -> exit code 0 within ${STOP_DEADLINE} s" test "$exit_code" = 0
  stopped_cleanly() { "${ENGINE[@]}" logs "$CTR" 2>&1 | grep -q 'ChatMock stopped after 2 calls'; }
  check "stop: the server logs its shutdown ('ChatMock stopped after 2 calls')" stopped_cleanly
fi

# ---------------------------------------------------------------- invalid configuration
bad_config_exits_2() {
  local out code
  out=$(timeout 60 "${ENGINE[@]}" run --rm --name "$CTR-badconfig" --label "$LABEL" "${RUN_FLAGS[@]}" \
    -e ChatMock__Port=abc -e ChatMock__JournalCapacity=0 "$IMAGE" 2>&1); code=$?
  [ "$code" = 2 ] || { echo "exit $code: $out"; return 1; }
  { grep -q 'ChatMock:Port' <<<"$out" && grep -q 'JournalCapacity' <<<"$out"; } || { echo "$out"; return 1; }
}
CONTAINERS+=("$CTR-badconfig")
check "config: ChatMock__Port=abc and ChatMock__JournalCapacity=0 -> exit 2 naming both" bad_config_exits_2

# ---------------------------------------------------------------- contracts from a mounted folder
CTR2=$CTR-contracts
start "$CTR2" -v "$REPO_ROOT/contracts:/contracts:ro" -e ChatMock__ContractsPath=/contracts
wait_healthy "$CTR2"
check "contracts volume: ChatMock__ContractsPath=/contracts (mounted) -> sample 200" expect_sample_200
check "contracts volume: ChatMock__ContractsPath=/contracts (mounted) -> bad request 400" expect_bad_400
"${ENGINE[@]}" rm -f "$CTR2" >/dev/null 2>&1

# ---------------------------------------------------------------- the restore layer stays cached
# Rebuild the snapshot with one source file changed: the restore step must come from the cache.
if [ "${CONTAINER_TEST_REBUILD:-1}" != 0 ]; then
  printf '\n// changed by tests/container/run.sh to prove the restore layer is reused\n' \
    >> "$WORK/context/src/ChatMock.Server/Program.cs"
  t=$(now_ms)
  if "${ENGINE[@]}" build "${BUILD_FLAGS[@]}" "${build_args[@]}" --label "$LABEL" -t "$IMAGE-rebuild" \
      "$WORK/context" > "$WORK/rebuild.log" 2>&1; then
    timing "rebuild after a source change" "$(secs $(( $(now_ms) - t )))"
    # podman: the step's next line is "--> Using cache <id>"; docker (BuildKit, plain progress): "#N CACHED".
    restore_cached() {
      awk '/RUN dotnet restore/ { found = 1; next } found && NF { print; exit }' "$WORK/rebuild.log" \
        | grep -Eq 'Using cache|CACHED' || { grep -A3 'RUN dotnet restore' "$WORK/rebuild.log"; return 1; }
      grep -A3 'RUN dotnet publish' "$WORK/rebuild.log" | grep -Eq 'Using cache|CACHED' \
        && { echo "publish was cached too: the changed source did not reach the build"; return 1; }
      return 0
    }
    check "layers: after a source change the restore layer comes from the cache, publish runs again" restore_cached
  else
    not_ok "layers: rebuild after a source change" "$(tail -n 30 "$WORK/rebuild.log")"
  fi
fi
