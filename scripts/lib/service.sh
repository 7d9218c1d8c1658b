#!/usr/bin/env bash
# The packaged service as a background process of the calling shell, for the benchmarks:
#   devstate_service_start KIND PORT LOG [runtime option...]   KIND: jvm (java -jar) or native
#   devstate_service_await_ready PORT PID                      0 once /q/health/ready answers
#   devstate_free_port                                         a free port on 127.0.0.1
#   devstate_fresh_cluster DIR                                 a new PostgreSQL cluster in DIR; sets DATABASE_URL
#   devstate_vacuum_history                                    VACUUM (ANALYZE) history_entries there
# Needs DATABASE_URL and HMAC_SECRET; rate limiting is off (a load test must not measure the
# limiter). The pid is left in STARTED_PID, so the caller's cleanup can stop it.

DEVSTATE_JAR="target/quarkus-app/quarkus-run.jar"

# A free TCP port on 127.0.0.1.
devstate_free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'
}

# A new PostgreSQL cluster in DIR on a free port (one left there by a killed run is stopped and
# removed first); DATABASE_URL points at its database. The caller stops it with
# devstate_pg_cluster_stop DIR (scripts/lib/postgres.sh).
devstate_fresh_cluster() { # DIR
  devstate_pg_ensure_bindir
  devstate_pg_cluster_stop "$1"
  rm -rf "$1"
  devstate_pg_cluster_start "$1" "$(devstate_free_port)"
  DATABASE_URL="postgres://${DEVSTATE_DB_USER}:${DEVSTATE_DB_PASSWORD}@127.0.0.1:${DEVSTATE_PG_PORT_ACTUAL}/${DEVSTATE_DB_NAME}"
}

# A bulk load leaves maintenance behind (autovacuum of the new rows, hint bits on first read) that a
# chain written over weeks has long had; do it before measuring reads of it.
devstate_vacuum_history() {
  PGPASSWORD="$DEVSTATE_DB_PASSWORD" PGSSLMODE=disable "$PG_BIN/psql" -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 \
    -p "$DEVSTATE_PG_PORT_ACTUAL" -U "$DEVSTATE_DB_USER" -d "$DEVSTATE_DB_NAME" -c "vacuum (analyze) history_entries"
}

# The native executable of the last `./mvnw package -Dnative`; fails when there is none.
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
