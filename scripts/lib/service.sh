#!/usr/bin/env bash
# The packaged service as a background process of the calling shell, for the benchmarks:
#   devstate_service_start KIND PORT LOG [runtime option...]   KIND: jvm (java -jar) or native
#   devstate_service_await_ready PORT PID                      0 once /q/health/ready answers
#   devstate_free_port                                         a free port on 127.0.0.1
# Needs DATABASE_URL and HMAC_SECRET; rate limiting is off (a load test must not measure the
# limiter). The pid is left in STARTED_PID, so the caller's cleanup can stop it.

DEVSTATE_JAR="target/quarkus-app/quarkus-run.jar"

# A free TCP port on 127.0.0.1.
devstate_free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'
}

# The native executable of the last `./mvnw package -Dnative` (empty when there is none).
devstate_native_runner() {
  local runner
  for runner in target/*-runner; do
    [ -x "$runner" ] && { printf '%s\n' "$runner"; return 0; }
  done
  return 1
}

devstate_service_start() { # KIND PORT LOG [runtime option...]
  local kind=$1 port=$2 log=$3
  shift 3
  local -a command
  case "$kind" in
    jvm) command=(java "$@" -jar "$DEVSTATE_JAR") ;;
    native) command=("$(devstate_native_runner)" "$@") ;;
    *) echo "devstate_service_start: unknown kind $kind" >&2; return 2 ;;
  esac
  DATABASE_URL="$DATABASE_URL" HMAC_SECRET="$HMAC_SECRET" HMAC_KID=k1 DEVSTATE_HTTP_PORT="$port" \
    DEVSTATE_RATE_LIMIT_ENABLED=false "${command[@]}" >"$log" 2>&1 &
  STARTED_PID=$!
}

# Succeeds once the service on PORT is ready; fails when PID exits first or after 60 s.
devstate_service_await_ready() { # PORT PID
  for _ in $(seq 1 120); do
    curl -fs -o /dev/null "http://127.0.0.1:$1/q/health/ready" && return 0
    kill -0 "$2" 2>/dev/null || return 1
    sleep 0.5
  done
  return 1
}
