#!/usr/bin/env bash
# Starts DevState locally: the one "start the service" command of the README.
#
#   scripts/start-local.sh                      build if needed, start PostgreSQL + the service
#   DATABASE_URL=postgres://u:p@h:5432/db scripts/start-local.sh   use that database instead
#   DEVSTATE_PG_ONLY=1 scripts/start-local.sh   only start the local database, print DATABASE_URL
#
# Environment:
#   DATABASE_URL        an existing database; if set, no local PostgreSQL is started
#   DEVSTATE_HTTP_PORT  HTTP port of the service (default 3180)
#   DEVSTATE_HTTP_HOST  address it listens on (default 127.0.0.1: this machine only; 0.0.0.0 for all)
#   DEVSTATE_PG_PORT    port of the local cluster (default 55432, 127.0.0.1 only)
#   DEVSTATE_PG_DIR     where the local cluster lives (default <repo>/.devstate/pg)
#   DEVSTATE_PG_ONLY    1: start the database, print DATABASE_URL and leave it running
#   PG_BIN              directory of initdb/pg_ctl/postgres (default: found automatically)
#
# Without DATABASE_URL, a cluster is created on first run in .devstate/pg (role `devstate`,
# password `devstate`, owning database `devstate`) and stopped again when the service exits
# (unless it was already running before this script started it).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
# shellcheck source=scripts/lib/postgres.sh
source "$ROOT/scripts/lib/postgres.sh"

export DEVSTATE_HTTP_PORT="${DEVSTATE_HTTP_PORT:-3180}"
# A development service is open (no tokens): reachable from this machine only, unless asked.
export DEVSTATE_HTTP_HOST="${DEVSTATE_HTTP_HOST:-127.0.0.1}"
PG_PORT="${DEVSTATE_PG_PORT:-55432}"
PG_DIR="${DEVSTATE_PG_DIR:-$ROOT/.devstate/pg}"
PG_ONLY="${DEVSTATE_PG_ONLY:-0}"
JAR="target/quarkus-app/quarkus-run.jar"

start_local_database() {
  devstate_pg_ensure_bindir
  devstate_pg_cluster_start "$PG_DIR" "$PG_PORT"
  export DATABASE_URL="postgres://${DEVSTATE_DB_USER}:${DEVSTATE_DB_PASSWORD}@127.0.0.1:${DEVSTATE_PG_PORT_ACTUAL}/${DEVSTATE_DB_NAME}"
}

stop_command() {
  if devstate_is_root; then
    printf 'runuser -u %s -- %q stop -D %q -m fast' "$DEVSTATE_PG_SERVER_USER" "$PG_BIN/pg_ctl" "$PG_DIR/data"
  else
    printf '%q stop -D %q -m fast' "$PG_BIN/pg_ctl" "$PG_DIR/data"
  fi
}

if [ "$PG_ONLY" = 1 ]; then
  [ -z "${DATABASE_URL:-}" ] || devstate_die "DEVSTATE_PG_ONLY=1 starts the local database; unset DATABASE_URL"
  start_local_database
  devstate_log "PostgreSQL is running; stop it with: $(stop_command)"
  printf 'DATABASE_URL=%s\n' "$DATABASE_URL"
  exit 0
fi

command -v java >/dev/null 2>&1 || devstate_die "java not found: install a JDK 17+ (Debian/Ubuntu: apt-get install openjdk-17-jdk-headless)"

# Build the production jar when it is missing or older than any source.
if devstate_stale "$JAR" pom.xml src/main sql openapi docs; then
  devstate_log "building $JAR (./mvnw -B -q -DskipTests package)"
  ./mvnw -B -q -DskipTests package
fi

if [ -n "${DATABASE_URL:-}" ]; then
  devstate_log "using DATABASE_URL from the environment; service on http://${DEVSTATE_HTTP_HOST}:${DEVSTATE_HTTP_PORT}"
  exec java -jar "$JAR"
fi

# Local database: run the service as a child so the database can be stopped when it exits.
APP_PID=
# shellcheck disable=SC2317 # invoked by trap
cleanup() {
  local rc=$?
  trap - EXIT INT TERM HUP
  if [ -n "$APP_PID" ] && kill -0 "$APP_PID" 2>/dev/null; then
    kill -TERM "$APP_PID" 2>/dev/null || true
    wait "$APP_PID" 2>/dev/null || true
  fi
  if [ "${DEVSTATE_PG_STARTED:-}" = 1 ]; then
    devstate_pg_cluster_stop "$PG_DIR"
  fi
  exit "$rc"
}
trap cleanup EXIT
# Background jobs of a non-interactive shell ignore SIGINT: forward Ctrl-C etc. as SIGTERM.
trap 'if [ -n "$APP_PID" ]; then kill -TERM "$APP_PID" 2>/dev/null || true; else exit 130; fi' INT TERM HUP

start_local_database
devstate_log "DATABASE_URL=$DATABASE_URL"
devstate_log "starting the service on http://${DEVSTATE_HTTP_HOST}:${DEVSTATE_HTTP_PORT} (Ctrl-C stops it and the database)"
java -jar "$JAR" &
APP_PID=$!
status=0
while :; do
  wait "$APP_PID" && status=0 || status=$?
  kill -0 "$APP_PID" 2>/dev/null || break # still alive: wait was interrupted by a forwarded signal
done
APP_PID=
exit "$status"
