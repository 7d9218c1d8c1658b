#!/usr/bin/env bash
# The benchmark: one command from sources to a report in docs/benchmarks/.
#
#   scripts/bench.sh                  build the jar, start a throwaway PostgreSQL and the service,
#                                     seed, run every workload of loadtest/, measure verify/export
#                                     of 100k entries, write docs/benchmarks/{REPORT.md,*.png,summaries/}
#   scripts/bench.sh append search    only those workloads (plus the 100k measurements)
#
# Environment (defaults in brackets):
#   BENCH_DURATION [workloads.json] measured time per workload   BENCH_WARMUP [workloads.json] unrecorded warm-up
#   BENCH_JIT_WARMUP [20s] before any measurement, every selected workload runs this long, unrecorded,
#                          on a project of its own (the JIT's first minute is not the service's latency)
#   BENCH_SEED_ENTRIES [10000]  history entries seeded (by a signed import) for the workloads
#   BENCH_BIG_ENTRIES [100000]  entries of the project used for the verify/export measurements (0: skip)
#   BENCH_OUT [docs/benchmarks] BENCH_SKIP_BUILD [0]      LOAD_RATE_<WORKLOAD> overrides a rate
#   PG_BIN                 directory of initdb/pg_ctl/postgres (found automatically)
#
# A missed target does not fail the command: it is recorded as a miss in the report (the runner's
# own output still marks the threshold as failed). The command fails only when something breaks
# (build, start-up, seeding, a runner crash). Everything it starts is stopped on exit, also on
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

# Unset: each workload's duration and the full profile's warm-up from loadtest/workloads.json.
DURATION="${BENCH_DURATION:-}"
WARMUP="${BENCH_WARMUP:-}"
JIT_WARMUP="${BENCH_JIT_WARMUP:-20s}"
SEED_ENTRIES="${BENCH_SEED_ENTRIES:-10000}"
BIG_ENTRIES="${BENCH_BIG_ENTRIES:-100000}"
OUT="${BENCH_OUT:-$ROOT/docs/benchmarks}"
WORK="$ROOT/target/bench"
PG_DIR="$ROOT/target/bench-pg"
JAR="$DEVSTATE_JAR"
CAPPED_HEAP_MIB=32
WORKLOADS=("$@")


APP_PID=
CAPPED_PID=
PG_STARTED=
SAMPLER_PID=
LOADAVG_PID=
# shellcheck disable=SC2317 # invoked by trap
cleanup() {
  local rc=$?
  trap - EXIT INT TERM HUP
  if [ -n "$SAMPLER_PID" ]; then kill "$SAMPLER_PID" 2>/dev/null || true; fi
  if [ -n "$LOADAVG_PID" ]; then kill "$LOADAVG_PID" 2>/dev/null || true; fi
  if [ -n "$CAPPED_PID" ]; then kill -KILL "$CAPPED_PID" 2>/dev/null || true; fi
  if [ -n "$APP_PID" ] && kill -0 "$APP_PID" 2>/dev/null; then
    devstate_log "stopping the service (pid $APP_PID)"
    kill -TERM "$APP_PID" 2>/dev/null || true
    for _ in $(seq 1 60); do kill -0 "$APP_PID" 2>/dev/null || break; sleep 0.5; done
    kill -KILL "$APP_PID" 2>/dev/null || true
    wait "$APP_PID" 2>/dev/null || true
  fi
  if [ -n "$PG_STARTED" ]; then devstate_pg_cluster_stop "$PG_DIR"; fi
  [ "$rc" -eq 0 ] || devstate_log "benchmark FAILED (exit $rc); service log: $WORK/service.log"
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT TERM HUP

command -v java >/dev/null 2>&1 || devstate_die "java not found (JDK 17+)"
command -v curl >/dev/null 2>&1 || devstate_die "curl not found"
rm -rf "$WORK"
mkdir -p "$WORK" "$OUT/summaries"

# --- 1. the production jar and the load runner ---
if [ "${BENCH_SKIP_BUILD:-0}" != 1 ] || [ ! -f "$JAR" ]; then
  devstate_log "building $JAR (./mvnw -B -q -DskipTests package)"
  ./mvnw -B -q -DskipTests package
fi
LOAD=$(devstate_loadgen_install)

# --- 2. a throwaway PostgreSQL (a fresh cluster every run) ---
devstate_fresh_cluster "$PG_DIR"
PG_STARTED=1

# --- 3. the packaged service, rate limiting off (a load test must not measure the limiter) ---
HTTP_PORT=$(devstate_free_port)
HMAC_SECRET=$(od -An -tx1 -N32 /dev/urandom | tr -d ' \n')
BASE="http://127.0.0.1:$HTTP_PORT"
devstate_log "starting the service on $BASE (log $WORK/service.log)"
devstate_service_start jvm "$HTTP_PORT" "$WORK/service.log"
APP_PID=$STARTED_PID
devstate_service_await_ready "$HTTP_PORT" "$APP_PID" \
  || { tail -n 30 "$WORK/service.log" >&2; devstate_die "the service exited during start-up or was not ready after 60 s"; }

# The machine's load while the benchmark runs: other work on it shows up in the figures.
( while :; do printf '%s %s\n' "$(date +%s)" "$(cut -d' ' -f1-3 /proc/loadavg)"; sleep 5; done ) >"$WORK/loadavg.txt" &
LOADAVG_PID=$!

export DEVSTATE_URL="$BASE" DEVSTATE_HMAC_SECRET="$HMAC_SECRET" DEVSTATE_HMAC_KID=k1
RUN_ID=$(date -u +%Y%m%d%H%M%S)

# --- 4. seed and run the workloads ---
PROJECT="bench-$RUN_ID"
devstate_log "seeding $PROJECT with $SEED_ENTRIES signed entries (import) and a state"
LOAD_PROJECT="$PROJECT" LOAD_SEED_ENTRIES="$SEED_ENTRIES" "$LOAD" seed | tee "$WORK/seed.json"
rm -f "$OUT"/summaries/*.json
# A fresh JVM spends its first minute of load compiling (measured: ~37 s of service CPU in the
# first 25 s at 3000 req/s, p95 150 ms; 11 s and p95 < 1 ms once compiled). A pass over every
# workload on a project of its own gets that done without touching the measured project's data.
if [ "$JIT_WARMUP" != "0s" ] && [ "$JIT_WARMUP" != "0" ]; then
  devstate_log "JIT warm-up: every workload for $JIT_WARMUP, unrecorded (target/bench/jit-warmup.log)"
  LOAD_PROFILE=full LOAD_PROJECT="bench-warm-$RUN_ID" LOAD_DURATION="$JIT_WARMUP" LOAD_WARMUP=0s \
    "$LOAD" run "${WORKLOADS[@]}" >"$WORK/jit-warmup.log" 2>&1 || [ $? -eq 99 ] \
    || { tail -n 20 "$WORK/jit-warmup.log" >&2; devstate_die "the JIT warm-up run failed"; }
fi
# The full profile of loadtest/workloads.json (the rates, durations and thresholds the k6 scripts
# use too), unless BENCH_DURATION / BENCH_WARMUP say otherwise.
measured_env=(LOAD_PROFILE=full LOAD_PROJECT="$PROJECT" LOAD_SUMMARY_DIR="$OUT/summaries")
if [ -n "$DURATION" ]; then measured_env+=(LOAD_DURATION="$DURATION"); fi
if [ -n "$WARMUP" ]; then measured_env+=(LOAD_WARMUP="$WARMUP"); fi
# CPU seconds of the service and of PostgreSQL (the postmaster, its live backends, and the
# backends that exited, which the kernel adds to the postmaster's children times), for the CPU a
# workload costs per request: a figure far steadier than throughput on a shared machine.
cpu_seconds() {
  local pg_pid
  pg_pid=$(head -n 1 "$PG_DIR/data/postmaster.pid")
  python3 - "$APP_PID" "$pg_pid" <<'PY'
import os, sys
hz = os.sysconf("SC_CLK_TCK")
def ticks(pid, children=False):
    fields = open(f"/proc/{pid}/stat").read().rsplit(")", 1)[1].split()
    t = int(fields[11]) + int(fields[12])  # utime, stime
    return t + (int(fields[13]) + int(fields[14]) if children else 0)  # cutime, cstime
app, pg = sys.argv[1], sys.argv[2]
backends = 0
for entry in os.listdir("/proc"):
    if entry.isdigit():
        try:
            if open(f"/proc/{entry}/stat").read().rsplit(")", 1)[1].split()[1] == pg:
                backends += ticks(entry)
        except OSError:
            pass
print(f"{ticks(app) / hz:.2f} {(ticks(pg, children=True) + backends) / hz:.2f}")
PY
}
cpu_before=$(cpu_seconds)
{
  rc=0
  env "${measured_env[@]}" "$LOAD" run "${WORKLOADS[@]}" || rc=$?
  echo "$rc" >"$WORK/run.rc"
} 2>&1 | tee "$WORK/run.log"
cpu_after=$(cpu_seconds)
read -r app0 pg0 <<<"$cpu_before"
read -r app1 pg1 <<<"$cpu_after"
printf '{"service_cpu_s": %.2f, "postgres_cpu_s": %.2f}\n' "$(echo "$app1 - $app0" | bc -l)" "$(echo "$pg1 - $pg0" | bc -l)" \
  | tee "$WORK/cpu.json"
devstate_log "CPU over the measured run (warm-up included): $(cat "$WORK/cpu.json")"
load_rc=$(cat "$WORK/run.rc")
case "$load_rc" in
  0) devstate_log "every threshold passed" ;;
  99) devstate_log "some thresholds missed (recorded in the report)" ;;
  *) devstate_die "the load runner failed (exit $load_rc)" ;;
esac

# --- 5. verify and export of a big chain, with the service's heap ---
heap_bytes() { # sum of jvm_memory_used_bytes{area="heap"} over the heap pools
  curl -fs "$BASE/q/metrics" | awk '/^jvm_memory_used_bytes\{/ && /area="heap"/ {s += $NF} END {printf "%.0f\n", s}'
}
big_json="{}"
if [ "$BIG_ENTRIES" -gt 0 ]; then
  BIG="bench-big-$RUN_ID"
  devstate_log "seeding $BIG with $BIG_ENTRIES signed entries"
  LOAD_PROJECT="$BIG" LOAD_SEED_ENTRIES="$BIG_ENTRIES" "$LOAD" seed >"$WORK/seed-big.json"
  cat "$WORK/seed-big.json"
  # Vacuum the bulk load now, so the verify runs do not share the cores with autovacuum.
  devstate_vacuum_history
  # The first verifies of a 100k chain run while the JIT still compiles the verify path (1-4 s,
  # settling over about ten runs); they are recorded, apart, and the five measured runs follow them.
  verify_warmup=()
  for i in $(seq 1 10); do
    t=$(curl -fs -o "$WORK/verify-big.json" -w '%{time_total}' "$BASE/v1/devstate/verify?project=$BIG")
    verify_warmup+=("$t")
    devstate_log "verify of $BIG_ENTRIES+1 entries, warm-up $i: ${t}s"
  done
  verify_runs=()
  for i in 1 2 3 4 5; do
    t=$(curl -fs -o "$WORK/verify-big.json" -w '%{time_total}' "$BASE/v1/devstate/verify?project=$BIG")
    verify_runs+=("$t")
    devstate_log "verify of $BIG_ENTRIES+1 entries, run $i: ${t}s $(head -c 200 "$WORK/verify-big.json")"
  done
  export_runs=()
  heap_before=$(heap_bytes)
  for i in 1 2 3; do
    # sample the heap while the export runs, to see its peak
    ( while :; do heap_bytes; sleep 0.1; done ) >"$WORK/heap-samples-$i.txt" 2>/dev/null &
    SAMPLER_PID=$!
    t=$(curl -fs -o "$WORK/export-big.json" -w '%{time_total} %{size_download}' "$BASE/v1/devstate/export?project=$BIG")
    kill "$SAMPLER_PID" 2>/dev/null || true; wait "$SAMPLER_PID" 2>/dev/null || true; SAMPLER_PID=
    export_runs+=("$t $(sort -n "$WORK/heap-samples-$i.txt" | tail -n 1)")
    devstate_log "export of $BIG run $i: ${t% *}s, ${t#* } bytes"
  done
  heap_after=$(heap_bytes)

  # The streaming proof: a second service process with its heap capped below the body's size
  # exports the same chain; holding the whole chain in memory would run out of memory there.
  CAP_PORT=$(devstate_free_port)
  devstate_log "export of $BIG by a second service process with -Xmx${CAPPED_HEAP_MIB}m (log $WORK/service-capped.log)"
  devstate_service_start jvm "$CAP_PORT" "$WORK/service-capped.log" "-Xmx${CAPPED_HEAP_MIB}m" -XX:+ExitOnOutOfMemoryError
  CAPPED_PID=$STARTED_PID
  capped="0 0 000"
  if devstate_service_await_ready "$CAP_PORT" "$CAPPED_PID"; then
    capped=$(curl -s -o "$WORK/export-capped.json" -w '%{time_total} %{size_download} %{http_code}' \
      "http://127.0.0.1:$CAP_PORT/v1/devstate/export?project=$BIG" || true)
  fi
  capped_same=false
  if cmp -s "$WORK/export-capped.json" "$WORK/export-big.json"; then capped_same=true; fi
  kill -TERM "$CAPPED_PID" 2>/dev/null || true; wait "$CAPPED_PID" 2>/dev/null || true; CAPPED_PID=
  devstate_log "capped export: ${capped} (time, bytes, status); same bytes as the uncapped export: $capped_same"

  big_json=$(python3 - "$BIG_ENTRIES" "$heap_before" "$heap_after" "$WORK/verify-big.json" "$CAPPED_HEAP_MIB" "$capped" "$capped_same" \
    "${#verify_warmup[@]}" "${verify_warmup[@]}" "${#verify_runs[@]}" "${verify_runs[@]}" "${export_runs[@]}" <<'PY'
import json, sys
entries, before, after, vfile = int(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3]), sys.argv[4]
cap_mib, (cap_s, cap_bytes, cap_status), cap_same = int(sys.argv[5]), sys.argv[6].split(), sys.argv[7] == "true"
rest = sys.argv[8:]
nw = int(rest[0]); warmup = [float(x) for x in rest[1:1 + nw]]; rest = rest[1 + nw:]
nv = int(rest[0]); verify = [float(x) for x in rest[1:1 + nv]]; exports = [x.split() for x in rest[1 + nv:]]
print(json.dumps({
    "entries": entries, "verify_warmup_s": warmup, "verify_s": verify, "verify_result": json.load(open(vfile)),
    "export": [{"s": float(t), "bytes": int(b), "heap_peak_bytes": int(p)} for t, b, p in exports],
    "export_capped": {"xmx_mib": cap_mib, "s": float(cap_s), "bytes": int(cap_bytes), "status": int(cap_status),
                      "same_bytes": cap_same},
    "heap_before_bytes": before, "heap_after_bytes": after}))
PY
)
fi
printf '%s\n' "$big_json" >"$OUT/summaries/big-chain.json"

kill "$LOADAVG_PID" 2>/dev/null || true; wait "$LOADAVG_PID" 2>/dev/null || true; LOADAVG_PID=
cp "$WORK/loadavg.txt" "$OUT/summaries/loadavg.txt"

# --- 6. the machine ---
pg_version=$("$PG_BIN/postgres" --version)
python3 - "$OUT/summaries/machine.json" <<PY
import json, subprocess, sys, platform
def sh(c):
    return subprocess.run(c, shell=True, capture_output=True, text=True).stdout.strip()
json.dump({
  "date_utc": sh("date -u +%Y-%m-%dT%H:%M:%SZ"),
  "nproc": sh("nproc"),
  "cpu_model": sh("sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n 1"),
  "free_h": sh("free -h"),
  "kernel": platform.release(),
  "java": sh("java -version 2>&1 | head -n 2"),
  "postgres": """$pg_version""",
  "load_runner": sh("$LOAD version") + " (Go " + sh("go env GOVERSION") + ")",
  "git_commit": sh("git rev-parse --short HEAD 2>/dev/null"),
  "duration": "${DURATION:-workloads.json}", "warmup": "${WARMUP:-workloads.json}", "jit_warmup": "$JIT_WARMUP", "seed_entries": $SEED_ENTRIES,
  "command": "scripts/bench.sh ${WORKLOADS[*]:-}".strip(),
  "note": "PostgreSQL, the service and the load runner share this machine",
  "loadavg_1m": [float(l.split()[1]) for l in open("$OUT/summaries/loadavg.txt") if len(l.split()) > 1],
}, open(sys.argv[1], "w"), indent=2)
PY

# --- 7. the report (matplotlib in a venv under target/) ---
VENV="$ROOT/target/bench-venv"
if [ ! -x "$VENV/bin/python" ] || ! "$VENV/bin/python" -c 'import matplotlib' 2>/dev/null; then
  devstate_log "creating $VENV with matplotlib"
  python3 -m venv "$VENV"
  "$VENV/bin/python" -m pip install --quiet --disable-pip-version-check 'matplotlib==3.10.*'
fi
"$VENV/bin/python" loadtest/report.py "$OUT"
cp "$WORK/run.log" "$OUT/summaries/run-output.txt" # *.log is git-ignored
devstate_log "report: $OUT/REPORT.md"
