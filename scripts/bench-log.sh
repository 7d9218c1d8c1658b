#!/usr/bin/env bash
# The log benchmark: inclusion and consistency proofs on a project of a million entries.
#
#   scripts/bench-log.sh      build the jar, start a throwaway PostgreSQL and the service, write
#                             BENCH_LOG_ENTRIES history entries directly with SQL, have the service
#                             build the project's Merkle tree over them (timed), then run the
#                             log-proofs workload of loadtest/ against that project and print and
#                             write its summary (BENCH_OUT)
#
# Environment (defaults in brackets):
#   BENCH_LOG_ENTRIES [1000000]  entries written with SQL (placeholder HMACs: the log does not need
#                                valid ones; the chain does not verify, the tree over it does)
#   BENCH_DURATION [workloads.json: 60s]  measured time   BENCH_WARMUP [workloads.json: 10s] unrecorded warm-up
#   BENCH_JIT_WARMUP [20s]   before the measurement, the workload runs this long unrecorded (0s: skip)
#   BENCH_LOG_BUILD_TIMEOUT [1800]  seconds the tree build (one append's transaction) may take: the
#                                service's request, import and HTTP idle timeouts are raised to it
#   BENCH_OUT [/tmp/bench-log]   where the summaries go   BENCH_SKIP_BUILD [0]   1: reuse the jar
#   BENCH_JAVA_OPTS          extra JVM options for the service (e.g. -Xmx4g)
#   BENCH_KEEP_PG [0]        1: keep the cluster in target/bench-log-pg after the run (it is stopped)
#   LOAD_RATE_LOG_PROOFS     overrides the rate (200/s)   PG_BIN  directory of initdb/pg_ctl/postgres
#
# How the tree gets built: the entries go in with the append-only triggers off (as the superuser,
# session_replication_role = replica), so the project has entries but no leaves. The next write of
# the project makes the chain writer add the missing leaves in its transaction (ChainWriter's
# catch-up, a page of 1000 entries at a time), so one POST /history builds the whole tree; the
# checkpoint then shows BENCH_LOG_ENTRIES + 1 leaves. Its duration is the build time reported.
#
# A missed threshold does not fail the command (the runner's output marks it, the summary records
# it); it fails only when something breaks. Everything it starts is stopped on exit, also on
# failure or Ctrl-C. Load goes to 127.0.0.1 only.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
# shellcheck source=scripts/lib/postgres.sh
source scripts/lib/postgres.sh
# shellcheck source=scripts/lib/loadgen.sh
source scripts/lib/loadgen.sh
# shellcheck source=scripts/lib/service.sh
source scripts/lib/service.sh

ENTRIES="${BENCH_LOG_ENTRIES:-1000000}"
DURATION="${BENCH_DURATION:-}"
WARMUP="${BENCH_WARMUP:-}"
JIT_WARMUP="${BENCH_JIT_WARMUP:-20s}"
BUILD_TIMEOUT="${BENCH_LOG_BUILD_TIMEOUT:-1800}"
OUT="${BENCH_OUT:-/tmp/bench-log}"
WORK="$ROOT/target/bench-log"
PG_DIR="$ROOT/target/bench-log-pg"
JAR="$DEVSTATE_JAR"
read -r -a JAVA_OPTS <<<"${BENCH_JAVA_OPTS:-}"

[[ "$ENTRIES" =~ ^[1-9][0-9]*$ ]] || devstate_die "BENCH_LOG_ENTRIES must be a positive integer, got $ENTRIES"
[[ "$BUILD_TIMEOUT" =~ ^[1-9][0-9]*$ ]] || devstate_die "BENCH_LOG_BUILD_TIMEOUT must be whole seconds, got $BUILD_TIMEOUT"

APP_PID=
PG_STARTED=
LOADAVG_PID=
# shellcheck disable=SC2317 # invoked by trap
cleanup() {
  local rc=$?
  trap - EXIT INT TERM HUP
  if [ -n "$LOADAVG_PID" ]; then kill "$LOADAVG_PID" 2>/dev/null || true; fi
  if [ -n "$APP_PID" ] && kill -0 "$APP_PID" 2>/dev/null; then
    devstate_log "stopping the service (pid $APP_PID)"
    kill -TERM "$APP_PID" 2>/dev/null || true
    for _ in $(seq 1 60); do kill -0 "$APP_PID" 2>/dev/null || break; sleep 0.5; done
    kill -KILL "$APP_PID" 2>/dev/null || true
    wait "$APP_PID" 2>/dev/null || true
  fi
  if [ -n "$PG_STARTED" ]; then
    devstate_pg_cluster_stop "$PG_DIR"
    if [ "${BENCH_KEEP_PG:-0}" != 1 ]; then rm -rf "$PG_DIR"; fi
  fi
  [ "$rc" -eq 0 ] || devstate_log "log benchmark FAILED (exit $rc); service log: $WORK/service.log"
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT TERM HUP

command -v java >/dev/null 2>&1 || devstate_die "java not found (JDK 17+)"
command -v curl >/dev/null 2>&1 || devstate_die "curl not found"
rm -rf "$WORK"
mkdir -p "$WORK" "$OUT"
rm -f "$OUT/log-proofs.json" "$OUT/bench-log.json" "$OUT/run-output.txt" "$OUT/summary.txt"

# --- 1. the production jar and the load runner ---
if [ "${BENCH_SKIP_BUILD:-0}" != 1 ] || [ ! -f "$JAR" ]; then
  devstate_log "building $JAR (./mvnw -B -q -DskipTests package)"
  ./mvnw -B -q -DskipTests package
fi
LOAD=$(devstate_loadgen_install)

# --- 2. a throwaway PostgreSQL (a fresh cluster every run) ---
devstate_fresh_cluster "$PG_DIR"
PG_STARTED=1
PSQL="$PG_BIN/psql"
[ -x "$PSQL" ] || PSQL=$(command -v psql) || devstate_die "psql not found (next to $PG_BIN or on PATH)"
pg_super() { # psql as the cluster superuser in DevState's database; the SQL on stdin
  PGPASSWORD="$(cat "$PG_DIR/superuser.password")" PGSSLMODE=disable PGCONNECT_TIMEOUT=10 \
    "$PSQL" -X -q -A -t -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$DEVSTATE_PG_PORT_ACTUAL" -U postgres \
    -d "$DEVSTATE_DB_NAME" "$@"
}

# --- 3. the packaged service (its migrations create the tables), rate limiting off ---
# The tree build is one write's transaction: the request deadline (also PostgreSQL's
# statement_timeout), the import deadline (start-up's LogBackfill) and the HTTP idle timeout (the
# connection is silent while it runs) are raised to BENCH_LOG_BUILD_TIMEOUT. They are deadlines,
# not costs: a proof that answers in milliseconds is not affected.
export DEVSTATE_DB_REQUEST_TIMEOUT="${BUILD_TIMEOUT}s" DEVSTATE_IMPORT_TIMEOUT="${BUILD_TIMEOUT}s" \
  DEVSTATE_HTTP_IDLE_TIMEOUT="$((BUILD_TIMEOUT + 60))s"
HTTP_PORT=$(devstate_free_port)
HMAC_SECRET=$(od -An -tx1 -N32 /dev/urandom | tr -d ' \n')
BASE="http://127.0.0.1:$HTTP_PORT"
devstate_log "starting the service on $BASE (log $WORK/service.log)"
devstate_service_start jvm "$HTTP_PORT" "$WORK/service.log" "${JAVA_OPTS[@]}"
APP_PID=$STARTED_PID
devstate_service_await_ready "$HTTP_PORT" "$APP_PID" \
  || { tail -n 30 "$WORK/service.log" >&2; devstate_die "the service exited during start-up or was not ready after 60 s"; }

( while :; do printf '%s %s\n' "$(date +%s)" "$(cut -d' ' -f1-3 /proc/loadavg)"; sleep 5; done ) >"$WORK/loadavg.txt" &
LOADAVG_PID=$!

RUN_ID=$(date -u +%Y%m%d%H%M%S)
PROJECT="bench-log-$RUN_ID"

# --- 4. the entries, written directly (as Fixtures.unsignedEntries does, with realistic metadata) ---
devstate_log "writing $ENTRIES history entries of $PROJECT with SQL (triggers off)"
t0=$(date +%s.%N)
pg_super -v project="$PROJECT" -v entries="$ENTRIES" <<'SQL'
set session_replication_role = replica;
insert into history_entries (project, seq, ts, actor, action, metadata, kid, hmac_prev, hmac)
select :'project', g, timestamptz '2026-01-01 00:00:00+00' + g * interval '1 second',
       (array['alice', 'bob', 'ci', 'agent:planner', 'agent:coder'])[1 + g % 5],
       (array['build', 'test', 'review', 'note'])[1 + (g / 3) % 4],
       jsonb_build_object('run', g, 'ticket', 'DS-' || (g % 500),
                          'files', jsonb_build_array('src/main/java/io/devstate/F' || (g % 97) || '.java', 'docs/API.md')),
       'k1', lpad(to_hex(g - 1), 64, '0'), lpad(to_hex(g), 64, '0')
  from generate_series(1, :entries::bigint) g;
SQL
insert_s=$(python3 -c "import sys; print(round($(date +%s.%N) - $t0, 3))")
devstate_log "wrote $ENTRIES entries in ${insert_s}s; vacuum (analyze)"
devstate_vacuum_history
leaves_before=$(pg_super <<<"select coalesce((select size from log_heads where project = '$PROJECT'), 0)")
[ "$leaves_before" = 0 ] || devstate_die "the log of $PROJECT already has $leaves_before leaves before the build"

# --- 5. the tree: one append makes the writer add the missing leaves in its transaction ---
want=$((ENTRIES + 1))
devstate_log "building the tree of $PROJECT: one POST /v1/devstate/history (timeout ${BUILD_TIMEOUT}s)"
t0=$(date +%s.%N)
append=$(curl -sS -o "$WORK/build-append.json" -w '%{http_code} %{time_total}' --max-time "$((BUILD_TIMEOUT + 30))" \
  -X POST -H 'Content-Type: application/json' -H 'DevState-Actor: bench-log' \
  -d '{"actor":"bench-log","action":"note","metadata":{"purpose":"builds the log tree over the SQL-written entries"}}' \
  "$BASE/v1/devstate/history?project=$PROJECT") || devstate_die "the building append failed: $append"
[ "${append%% *}" = 201 ] || devstate_die "the building append answered HTTP ${append%% *}: $(head -c 500 "$WORK/build-append.json")"
size=
for _ in $(seq 1 "$((BUILD_TIMEOUT * 2))"); do
  size=$(curl -fsS "$BASE/v1/devstate/log/checkpoint?project=$PROJECT" | sed -n 2p) || size=
  [ "$size" = "$want" ] && break
  sleep 0.5
done
[ "$size" = "$want" ] || devstate_die "the checkpoint of $PROJECT shows size ${size:-none}, not $want"
build_s=$(python3 -c "import sys; print(round($(date +%s.%N) - $t0, 3))")
devstate_log "tree of $want leaves built in ${build_s}s (the append itself: ${append#* }s): $(head -c 300 "$WORK/build-append.json")"
tiles=$(pg_super <<<"select count(*) || ' tiles, ' || pg_size_pretty(sum(length(hashes))::bigint) from log_tiles where project = '$PROJECT'" 2>/dev/null || echo "?")

# --- 6. the workload: log-proofs of loadtest/workloads.json against that project ---
export DEVSTATE_URL="$BASE"
# devstate-load first gives a project without a state one: an update_state entry, one leaf more.
if [ "$JIT_WARMUP" != "0s" ] && [ "$JIT_WARMUP" != "0" ]; then
  devstate_log "JIT warm-up: log-proofs for $JIT_WARMUP, unrecorded ($WORK/jit-warmup.log)"
  LOAD_PROFILE=full LOAD_PROJECT="$PROJECT" LOAD_DURATION="$JIT_WARMUP" LOAD_WARMUP=0s \
    "$LOAD" run log-proofs >"$WORK/jit-warmup.log" 2>&1 || [ $? -eq 99 ] \
    || { tail -n 20 "$WORK/jit-warmup.log" >&2; devstate_die "the JIT warm-up run failed"; }
fi
devstate_log "measuring log-proofs on $PROJECT"
measured_env=(LOAD_PROFILE=full LOAD_PROJECT="$PROJECT" LOAD_SUMMARY_DIR="$OUT")
if [ -n "$DURATION" ]; then measured_env+=(LOAD_DURATION="$DURATION"); fi
if [ -n "$WARMUP" ]; then measured_env+=(LOAD_WARMUP="$WARMUP"); fi
{
  rc=0
  env "${measured_env[@]}" "$LOAD" run log-proofs || rc=$?
  echo "$rc" >"$WORK/run.rc"
} 2>&1 | tee "$WORK/run.log"
load_rc=$(cat "$WORK/run.rc")
cp "$WORK/run.log" "$OUT/run-output.txt"
case "$load_rc" in
  0 | 99) ;;
  *) devstate_die "the load runner failed (exit $load_rc)" ;;
esac
# The tree the proofs were asked in (the run itself only reads; its set-up may have added the state).
run_size=$(curl -fsS "$BASE/v1/devstate/log/checkpoint?project=$PROJECT" | sed -n 2p)
kill "$LOADAVG_PID" 2>/dev/null || true; wait "$LOADAVG_PID" 2>/dev/null || true; LOADAVG_PID=

# --- 7. the summary: printed, and BENCH_OUT/{summary.txt,bench-log.json,log-proofs.json,run-output.txt} ---
python3 - "$OUT" "$ENTRIES" "$insert_s" "$build_s" "${append#* }" "$want" "$run_size" "$tiles" "$load_rc" \
  "$WORK/build-append.json" "$WORK/loadavg.txt" "$("$PG_BIN/postgres" --version)" "$(java -version 2>&1 | head -n 1)" \
  "$(git rev-parse --short HEAD 2>/dev/null || true)" "$JIT_WARMUP" <<'PY'
import json, os, pathlib, platform, sys
(out, entries, insert_s, build_s, append_s, built, run_size, tiles, rc, append_file, loadavg_file, pg, java, commit,
 jit) = sys.argv[1:]
out = pathlib.Path(out)
s = json.loads((out / "log-proofs.json").read_text())
limits = {t["metric"][len("http_req_duration{route:"):-1]: t for t in s["thresholds"] if t["metric"].startswith("http_req_duration{")}
loadavg = [float(l.split()[1]) for l in open(loadavg_file) if len(l.split()) > 1]
cpu = next((l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name")), "?")
lines = [
    f"log benchmark: {int(entries):,} entries written with SQL in {float(insert_s):.1f} s; tree of {int(built):,} leaves "
    f"built by one append in {float(build_s):.1f} s ({tiles}); proofs on a tree of {int(run_size):,} leaves",
    f"log-proofs: {s['config']['rate_per_s']:g} it/s for {s['config']['duration_s']:g} s (warm-up {s['config']['warmup_s']:g} s, "
    f"JIT warm-up {jit}): {s['iterations']['scheduled']} scheduled, {s['iterations']['dropped']} dropped; "
    f"{s['http_reqs']} requests, {s['http_reqs_per_s']:.1f}/s achieved, {s['http_req_failed']} failed",
    f"{'route':<16} {'n':>7} {'req/s':>7} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8} {'max ms':>8}  target",
]
for route in sorted(limits):
    st, t = s["routes"].get(route), limits[route]
    if st is None:
        lines.append(f"{route:<16} {0:>7} {'-':>7} {'-':>8} {'-':>8} {'-':>8} {'-':>8}  {t['expr']} MISS (no request)")
        continue
    lines.append(f"{route:<16} {st['count']:>7} {st['rate_per_s']:>7.1f} {st['p50_ms']:>8.2f} {st['p95_ms']:>8.2f} "
                 f"{st['p99_ms']:>8.2f} {st['max_ms']:>8.2f}  {t['expr']} {'pass' if t['ok'] else 'MISS'}")
for t in s["thresholds"]:
    if not t["metric"].startswith("http_req_duration{"):
        lines.append(f"{'✓' if t['ok'] else '✗'} {t['metric']} {t['expr']} (actual {t['actual']:g})")
for c in s.get("checks") or []:
    lines.append(f"{'✓' if c['ok'] else '✗'} check: {c['name']}: {c['detail']}")
lines.append(f"result: {'every threshold and check passed' if s['ok'] else 'some thresholds or checks MISSED'}; "
             f"load average (1 min) during the run {min(loadavg, default=0):.2f}–{max(loadavg, default=0):.2f} on {os.cpu_count()} cores")
text = "\n".join(lines) + "\n"
print(text, end="")
(out / "summary.txt").write_text(text)
json.dump({
    "entries": int(entries), "insert_s": float(insert_s), "build_s": float(build_s), "build_append_s": float(append_s),
    "tree_size_built": int(built), "tree_size_run": int(run_size), "tiles": tiles,
    "build_append_response": json.loads(open(append_file).read() or "null"),
    "log_proofs": {"ok": s["ok"], "rate_per_s": s["config"]["rate_per_s"], "http_reqs_per_s": s["http_reqs_per_s"],
                   "routes": s["routes"], "thresholds": s["thresholds"], "checks": s.get("checks")},
    "load_runner_exit": int(rc),
    "machine": {"nproc": os.cpu_count(), "cpu_model": cpu, "kernel": platform.release(), "java": java, "postgres": pg,
                "git_commit": commit, "loadavg_1m": loadavg,
                "note": "PostgreSQL, the service and the load runner share this machine"},
}, open(out / "bench-log.json", "w"), indent=2)
PY
devstate_log "summaries in $OUT (summary.txt, bench-log.json, log-proofs.json, run-output.txt)"
