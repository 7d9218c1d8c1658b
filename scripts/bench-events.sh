#!/usr/bin/env bash
# The change feed's fan-out benchmark (issue 18): many subscribers on one process while appends
# arrive, spread over a fleet of projects, against the same appends with no subscriber.
#
#   scripts/bench-events.sh   build the jar, start a throwaway PostgreSQL and the service (open feeds
#                             per caller raised, rate limits off), then BENCH_ROUNDS times, in turn:
#                             A) appends at BENCH_EVENTS_RATE in all, round-robin over BENCH_PROJECTS
#                                projects, for BENCH_DURATION, no subscriber (the baseline append p95);
#                             B) the same with BENCH_SUBSCRIBERS subscribers spread round-robin over
#                                those projects' change feeds (`devstate-load fanout -projects`:
#                                delivery latency of every entry to every subscriber of its project,
#                                each entry once and in order);
#                             and after the rounds C) the fan-out worst case: every subscriber on one
#                             project, appends at BENCH_SINGLE_PROJECT_RATE;
#                             sampling the service's RSS (VmRSS, once a second) and its and
#                             PostgreSQL's CPU in each phase; prints the table (per round and phase:
#                             append p95, delivery p95/max, events delivered per second, max RSS, the
#                             append p95 ratio B/A) and writes it and every summary to BENCH_OUT
#
#   BENCH_SUBSCRIBERS=50 BENCH_PROJECTS=10 BENCH_EVENTS_RATE=100 BENCH_DURATION=10s BENCH_ROUNDS=1 \
#     BENCH_SINGLE_PROJECT_RATE=10 scripts/bench-events.sh   # a smoke
#
# Environment (defaults in brackets):
#   BENCH_SUBSCRIBERS [1000]   subscribers in phases B and C
#   BENCH_PROJECTS [100]       projects of phases A and B (and the JIT warm-up): subscribers and
#                              appends round-robin over them (1: every subscriber on one project)
#   BENCH_EVENTS_RATE [500]    appends per second in all, phases A and B
#   BENCH_SINGLE_PROJECT_RATE [20]  phase C's appends per second, every subscriber on one project
#                              (each subscriber reads every append: subscribers x rate events/s; 0: no C)
#   BENCH_DURATION [60s]       measured time per phase    BENCH_WARMUP [10s]   unrecorded appends before it
#   BENCH_ROUNDS [2]           A/B pairs, interleaved (A1 B1 A2 B2 ..., then C)
#   BENCH_JIT_WARMUP [20s]     before the rounds, a fan-out run this long (at most 100 subscribers),
#                              unrecorded: a fresh JVM's first minute is its compiler's (0s: skip)
#   BENCH_DELIVERY_P95 [250]   the runner's threshold on delivery p95 (ms, after the append's answer)
#   BENCH_READER [client]      client: clients/go APIClient.Subscribe; raw: the runner's own SSE reader
#   BENCH_OUT [/tmp/bench-events]  where the summaries go   BENCH_SKIP_BUILD [0]  1: reuse the jar
#   DEVSTATE_JAR [target/quarkus-app/quarkus-run.jar]       the jar to run (not built when set elsewhere)
#   BENCH_JAVA_OPTS            extra JVM options for the service (e.g. -Xmx512m)
#   BENCH_KEEP_PG [0]          1: keep the (stopped) cluster in target/bench-events-pg
#   BENCH_SERVICE_CPUS, BENCH_RUNNER_CPUS  CPU lists (taskset -c), both or neither: the service and
#                              PostgreSQL pinned to the first, the runner to the second, so that the
#                              runner's own work (a goroutine and a socket per subscriber) does not
#                              take CPU time from the service it measures (e.g. 0 and 1 on two cores)
#   BENCH_SUBSCRIBERS_NICE     0..19: the subscribers run in a process of their own at this niceness
#                              (`fanout -subscriber-nice`), the appends staying in the runner at
#                              normal priority: with 19 their CPU comes from idle time, as if they
#                              ran on other machines (the IDEs'), not from the service's
#   PG_BIN                     directory of initdb/pg_ctl/postgres (found automatically)
#
# The service runs with DEVSTATE_EVENTS_MAX_PER_PRINCIPAL at least 5000 (every subscriber is the
# same anonymous caller from 127.0.0.1), the subscribe rate limit at 1000000 a minute and rate
# limiting off; the open-file limit (`ulimit -n`) is raised for it and the runner, each of which
# holds a socket per subscriber. A missed threshold (delivery p95) does not fail the command, it is
# in the table; a lost, repeated or reordered entry or a failed subscriber (the runner's exit 3)
# does, after the table. Everything it starts is stopped on exit, also on failure or Ctrl-C. Load
# goes to 127.0.0.1 only.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
JAR_OVERRIDE="${DEVSTATE_JAR:-}" # service.sh sets DEVSTATE_JAR to the built jar's path
# shellcheck source=scripts/lib/postgres.sh
source scripts/lib/postgres.sh
# shellcheck source=scripts/lib/loadgen.sh
source scripts/lib/loadgen.sh
# shellcheck source=scripts/lib/service.sh
source scripts/lib/service.sh

SUBSCRIBERS="${BENCH_SUBSCRIBERS:-1000}"
PROJECTS="${BENCH_PROJECTS:-100}"
RATE="${BENCH_EVENTS_RATE:-500}"
SINGLE_RATE="${BENCH_SINGLE_PROJECT_RATE:-20}"
DURATION="${BENCH_DURATION:-60s}"
WARMUP="${BENCH_WARMUP:-10s}"
ROUNDS="${BENCH_ROUNDS:-2}"
JIT_WARMUP="${BENCH_JIT_WARMUP:-20s}"
DELIVERY_P95="${BENCH_DELIVERY_P95:-250}"
READER="${BENCH_READER:-client}"
OUT="${BENCH_OUT:-/tmp/bench-events}"
WORK="$ROOT/target/bench-events"
PG_DIR="$ROOT/target/bench-events-pg"
if [ -n "$JAR_OVERRIDE" ]; then DEVSTATE_JAR="$JAR_OVERRIDE"; fi
JAR="$DEVSTATE_JAR"
read -r -a JAVA_OPTS <<<"${BENCH_JAVA_OPTS:-}"
SERVICE_CPUS="${BENCH_SERVICE_CPUS:-}"
RUNNER_CPUS="${BENCH_RUNNER_CPUS:-}"
SUBSCRIBERS_NICE="${BENCH_SUBSCRIBERS_NICE:-}"
PIN_RUNNER=()

[[ "$SUBSCRIBERS" =~ ^[1-9][0-9]*$ ]] || devstate_die "BENCH_SUBSCRIBERS must be a positive integer, got $SUBSCRIBERS"
[ -z "$SUBSCRIBERS_NICE" ] || { [[ "$SUBSCRIBERS_NICE" =~ ^[0-9]+$ ]] && [ "$SUBSCRIBERS_NICE" -le 19 ]; } \
  || devstate_die "BENCH_SUBSCRIBERS_NICE must be 0..19, got $SUBSCRIBERS_NICE"
[[ "$ROUNDS" =~ ^[1-9][0-9]*$ ]] || devstate_die "BENCH_ROUNDS must be a positive integer, got $ROUNDS"
[[ "$PROJECTS" =~ ^[1-9][0-9]*$ ]] || devstate_die "BENCH_PROJECTS must be a positive integer, got $PROJECTS"
if [ -n "$SERVICE_CPUS$RUNNER_CPUS" ]; then
  [ -n "$SERVICE_CPUS" ] && [ -n "$RUNNER_CPUS" ] || devstate_die "set both BENCH_SERVICE_CPUS and BENCH_RUNNER_CPUS, or neither"
  command -v taskset >/dev/null 2>&1 || devstate_die "taskset (util-linux) not found: it pins the processes to BENCH_*_CPUS"
  PIN_RUNNER=(taskset -c "$RUNNER_CPUS")
fi
[[ "$RATE" =~ ^[0-9]+([.][0-9]+)?$ ]] || devstate_die "BENCH_EVENTS_RATE must be a number, got $RATE"
[[ "$SINGLE_RATE" =~ ^[0-9]+([.][0-9]+)?$ ]] || devstate_die "BENCH_SINGLE_PROJECT_RATE must be a number (0: no phase C), got $SINGLE_RATE"
SINGLE=$(python3 -c 'import sys; print(1 if float(sys.argv[1]) > 0 else "")' "$SINGLE_RATE") # empty: no phase C
# seconds of a duration the runner accepts (60s, 1m, 90): for the time limit of each run
seconds() { python3 -c 'import re,sys; v=sys.argv[1]; m=re.fullmatch(r"([0-9.]+)(ms|s|m|h)?", v)
if not m: sys.exit("not a duration: " + v)
print(int(float(m[1]) * {"ms": 0.001, "s": 1, "m": 60, "h": 3600, None: 1}[m[2]]) + 1)' "$1"; }
RUN_LIMIT=$(( $(seconds "$WARMUP") + $(seconds "$DURATION") + 60 + 30 + 120 )) # + connect, drain, margin
JIT_LIMIT=$(( $(seconds "$JIT_WARMUP") + 60 + 30 + 120 ))

APP_PID=
PG_STARTED=
LOADAVG_PID=
RSS_PID=
# shellcheck disable=SC2317 # invoked by trap
cleanup() {
  local rc=$?
  trap - EXIT INT TERM HUP
  if [ -n "$RSS_PID" ]; then kill "$RSS_PID" 2>/dev/null || true; fi
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
  [ "$rc" -eq 0 ] || devstate_log "fan-out benchmark FAILED (exit $rc); service log: $WORK/service.log"
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT TERM HUP

command -v java >/dev/null 2>&1 || devstate_die "java not found (JDK 17+)"
command -v curl >/dev/null 2>&1 || devstate_die "curl not found"
command -v timeout >/dev/null 2>&1 || devstate_die "timeout (coreutils) not found"
rm -rf "$WORK"
mkdir -p "$WORK" "$OUT"
rm -f "$OUT"/round*.json "$OUT"/phaseC*.json "$OUT/bench-events.json" "$OUT/summary.txt" "$OUT/run-output.txt"

# --- 1. the production jar and the load runner ---
if [ -n "$JAR_OVERRIDE" ]; then
  [ -f "$JAR" ] || devstate_die "DEVSTATE_JAR=$JAR does not exist"
elif [ "${BENCH_SKIP_BUILD:-0}" != 1 ] || [ ! -f "$JAR" ]; then
  devstate_log "building $JAR (./mvnw -B -q -DskipTests package)"
  ./mvnw -B -q -DskipTests package
fi
LOAD=$(devstate_loadgen_install)

# --- 2. file descriptors: a socket per subscriber in the service and in the runner ---
need=$((SUBSCRIBERS + 1024))
want=$((need > 65536 ? need : 65536))
hard=$(ulimit -Hn)
if [ "$hard" != unlimited ] && [ "$hard" -lt "$want" ]; then
  ulimit -Hn "$want" 2>/dev/null || want=$hard # only root raises the hard limit
fi
ulimit -Sn "$want" 2>/dev/null || true
nofile=$(ulimit -Sn)
[ "$nofile" = unlimited ] || [ "$nofile" -ge "$need" ] \
  || devstate_die "ulimit -n is $nofile (hard $(ulimit -Hn)); $SUBSCRIBERS subscribers need $need: raise the hard limit"
devstate_log "open-file limit $nofile"

# --- 3. a throwaway PostgreSQL (a fresh cluster every run) ---
devstate_fresh_cluster "$PG_DIR"
PG_STARTED=1

# --- 4. the packaged service: feeds per caller raised, subscriptions not rate limited ---
max_feeds=$((SUBSCRIBERS + 100 > 5000 ? SUBSCRIBERS + 100 : 5000))
# DEVSTATE_RATE_LIMIT_SUBSCRIBE is what application.properties reads; the _PER_MINUTE spelling is
# set too (an unknown variable is harmless). With DEVSTATE_RATE_LIMIT_ENABLED=false (service.sh)
# neither limit applies anyway.
export DEVSTATE_EVENTS_MAX_PER_PRINCIPAL="$max_feeds" DEVSTATE_RATE_LIMIT_SUBSCRIBE=1000000 \
  DEVSTATE_RATE_LIMIT_SUBSCRIBE_PER_MINUTE=1000000
HTTP_PORT=$(devstate_free_port)
HMAC_SECRET=$(od -An -tx1 -N32 /dev/urandom | tr -d ' \n')
BASE="http://127.0.0.1:$HTTP_PORT"
devstate_log "starting the service ($JAR) on $BASE (log $WORK/service.log)"
devstate_service_start jvm "$HTTP_PORT" "$WORK/service.log" "${JAVA_OPTS[@]}"
APP_PID=$STARTED_PID
devstate_service_await_ready "$HTTP_PORT" "$APP_PID" \
  || { tail -n 30 "$WORK/service.log" >&2; devstate_die "the service exited during start-up or was not ready after 60 s"; }

if [ -n "$SERVICE_CPUS" ]; then
  # Backends forked later inherit the postmaster's affinity; -a: every thread of each process.
  pg_pid=$(head -n 1 "$PG_DIR/data/postmaster.pid")
  for pid in "$APP_PID" "$pg_pid" $(pgrep -P "$pg_pid"); do
    taskset -a -p -c "$SERVICE_CPUS" "$pid" >/dev/null || devstate_die "taskset -c $SERVICE_CPUS failed for pid $pid"
  done
  devstate_log "pinned: the service and PostgreSQL to CPUs $SERVICE_CPUS, the runner to CPUs $RUNNER_CPUS"
fi

( while :; do printf '%s %s\n' "$(date +%s)" "$(cut -d' ' -f1-3 /proc/loadavg)"; sleep 5; done ) >"$WORK/loadavg.txt" &
LOADAVG_PID=$!

rss_kb() { sed -n 's/^VmRSS:[[:space:]]*\([0-9]*\) kB/\1/p' "/proc/$APP_PID/status"; }
# CPU seconds of the service and of PostgreSQL (the postmaster, its live backends and the exited
# ones, which the kernel adds to the postmaster's children times), as scripts/bench.sh counts them.
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

RUN_ID=$(date -u +%Y%m%d%H%M%S)
fanout_args=(fanout -base "$BASE" -delivery-p95 "$DELIVERY_P95" -reader "$READER")
if [ -n "$SUBSCRIBERS_NICE" ]; then
  fanout_args+=(-subscriber-nice "$SUBSCRIBERS_NICE")
fi
sleep 5
RSS_IDLE=$(rss_kb)
devstate_log "service RSS idle: $((RSS_IDLE / 1024)) MiB"

# --- 5. the JIT warm-up: a fan-out run of its own, unrecorded ---
if [ "$JIT_WARMUP" != "0s" ] && [ "$JIT_WARMUP" != "0" ]; then
  jit_subs=$((SUBSCRIBERS < 100 ? SUBSCRIBERS : 100))
  devstate_log "JIT warm-up: $jit_subs subscribers over $PROJECTS projects, appends at $RATE/s for $JIT_WARMUP, unrecorded ($WORK/jit-warmup.log)"
  rc=0
  timeout -k 10 "$JIT_LIMIT" "${PIN_RUNNER[@]}" "$LOAD" "${fanout_args[@]}" -project "bench-events-warm-$RUN_ID" -subscribers "$jit_subs" \
    -projects "$PROJECTS" -rate "$RATE" -duration "$JIT_WARMUP" -warmup 0s >"$WORK/jit-warmup.log" 2>&1 || rc=$?
  case "$rc" in
    0 | 99) ;;
    3) devstate_log "the JIT warm-up run reported a delivery fault (see $WORK/jit-warmup.log); measuring anyway" ;;
    *) tail -n 20 "$WORK/jit-warmup.log" >&2; devstate_die "the JIT warm-up run failed (exit $rc)" ;;
  esac
fi

# --- 6. the rounds: A (no subscriber) then B (BENCH_SUBSCRIBERS), then C (every subscriber on one
# project at BENCH_SINGLE_PROJECT_RATE); RSS sampled once a second ---
delivery_failed=
# run_phase NAME LABEL SUBSCRIBERS PROJECTS RATE: one fanout run, its summary in $OUT/NAME.json and
# the service's RSS and CPU over it in $OUT/NAME.meta.json
run_phase() {
  local name=$1 label=$2 subs=$3 projects=$4 rate=$5 rc app0 pg0 app1 pg1
  devstate_log "$label: $subs subscribers over $projects project(s), appends at $rate/s for $DURATION (warm-up $WARMUP)"
  ( while :; do printf '%s %s\n' "$(date +%s.%N)" "$(rss_kb)"; sleep 1; done ) >"$WORK/$name.rss" 2>/dev/null &
  RSS_PID=$!
  read -r app0 pg0 <<<"$(cpu_seconds)"
  {
    rc=0
    timeout -k 10 "$RUN_LIMIT" "${PIN_RUNNER[@]}" "$LOAD" "${fanout_args[@]}" -project "bench-events-$RUN_ID-${name,,}" -subscribers "$subs" \
      -projects "$projects" -rate "$rate" -duration "$DURATION" -warmup "$WARMUP" -summary "$OUT/$name.json" || rc=$?
    echo "$rc" >"$WORK/$name.rc"
  } 2>&1 | tee "$WORK/$name.log"
  read -r app1 pg1 <<<"$(cpu_seconds)"
  kill "$RSS_PID" 2>/dev/null || true; wait "$RSS_PID" 2>/dev/null || true; RSS_PID=
  rc=$(cat "$WORK/$name.rc")
  cat "$WORK/$name.log" >>"$OUT/run-output.txt"
  case "$rc" in
    0 | 99) ;;
    3) delivery_failed+=" $name" ;;
    *) devstate_die "the load runner failed in $name (exit $rc; $WORK/$name.log)" ;;
  esac
  python3 - "$WORK/$name.rss" "$OUT/$name.meta.json" "$rc" "$app0" "$app1" "$pg0" "$pg1" <<'PY'
import json, sys
rss_file, out, rc, app0, app1, pg0, pg1 = sys.argv[1:]
kb = [int(l.split()[1]) for l in open(rss_file) if len(l.split()) == 2]
json.dump({"runner_exit": int(rc), "rss_samples": len(kb),
           "rss_start_mib": round(kb[0] / 1024, 1) if kb else None, "rss_end_mib": round(kb[-1] / 1024, 1) if kb else None,
           "rss_max_mib": round(max(kb) / 1024, 1) if kb else None,
           "service_cpu_s": round(float(app1) - float(app0), 2), "postgres_cpu_s": round(float(pg1) - float(pg0), 2)},
          open(out, "w"), indent=2)
PY
}
for round in $(seq 1 "$ROUNDS"); do
  run_phase "round$round-A" "round $round phase A" 0 "$PROJECTS" "$RATE"
  run_phase "round$round-B" "round $round phase B" "$SUBSCRIBERS" "$PROJECTS" "$RATE"
done
if [ -n "$SINGLE" ]; then
  run_phase phaseC "phase C (every subscriber on one project)" "$SUBSCRIBERS" 1 "$SINGLE_RATE"
fi
kill "$LOADAVG_PID" 2>/dev/null || true; wait "$LOADAVG_PID" 2>/dev/null || true; LOADAVG_PID=

# --- 7. the table: printed, and BENCH_OUT/{summary.txt,bench-events.json} ---
python3 - "$OUT" "$ROUNDS" "$SUBSCRIBERS" "$PROJECTS" "$RATE" "${SINGLE:+$SINGLE_RATE}" "$DURATION" "$WARMUP" "$JIT_WARMUP" \
  "$READER" "$RSS_IDLE" "$WORK/loadavg.txt" "$("$PG_BIN/postgres" --version)" "$(java -version 2>&1 | head -n 1)" \
  "$(git rev-parse --short HEAD 2>/dev/null || true)" "$JAR" "$nofile" "$SERVICE_CPUS" "$RUNNER_CPUS" "$SUBSCRIBERS_NICE" <<'PY'
import json, os, pathlib, platform, sys
(out, rounds, subs, projects, rate, single_rate, duration, warmup, jit, reader, rss_idle, loadavg_file, pg, java, commit, jar,
 nofile, service_cpus, runner_cpus, subscribers_nice) = sys.argv[1:]
out = pathlib.Path(out)
loadavg = [float(l.split()[1]) for l in open(loadavg_file) if len(l.split()) > 1]
cpu = next((l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name")), "?")
def f(v, fmt="{:.2f}"):
    return "-" if v is None else fmt.format(v)
runs = [(r, p, f"round{r}-{p}") for r in range(1, int(rounds) + 1) for p in "AB"]
if single_rate:
    runs.append((None, "C", "phaseC"))
rows, phases = [], {}
for r, p, name in runs:
    s = json.loads((out / f"{name}.json").read_text())
    m = json.loads((out / f"{name}.meta.json").read_text())
    ap = s["routes"].get("append") or {}
    d = s.get("delivery") or {}
    ack = d.get("after_ack") or {}
    phases[(r, p)] = {"summary": s, "meta": m}
    rows.append({"round": r, "phase": p, "subscribers": s["config"]["subscribers"], "projects": s["config"].get("projects", 1),
                 "rate_per_s": s["config"]["rate_per_s"],
                 "append_n": ap.get("count", 0), "append_p95_ms": ap.get("p95_ms"), "append_p99_ms": ap.get("p99_ms"),
                 "delivery_p95_ms": ack.get("p95_ms"), "delivery_p99_ms": ack.get("p99_ms"), "delivery_max_ms": ack.get("max_ms"),
                 "expected": d.get("expected"), "delivered": d.get("delivered"), "delivered_per_s": d.get("delivered_per_s"),
                 "faults": None if not d else d["missed"] + d["duplicated"] + d["out_of_order"] + d["unexpected"],
                 "disconnects": s["subscribers"]["disconnects"] if p != "A" else None,
                 "dropped": s["iterations"]["dropped"], "failed": s["http_req_failed"],
                 "rss_max_mib": m["rss_max_mib"], "rss_start_mib": m["rss_start_mib"],
                 "service_cpu_s": m["service_cpu_s"], "postgres_cpu_s": m["postgres_cpu_s"],
                 "runner_cpu_s": s["runner_cpu_s"], "subscriber_cpu_s": s.get("subscriber_cpu_s", -1),
                 "exit": m["runner_exit"]})
ratios = {}
for r in range(1, int(rounds) + 1):
    a = phases[(r, "A")]["summary"]["routes"].get("append", {}).get("p95_ms")
    b = phases[(r, "B")]["summary"]["routes"].get("append", {}).get("p95_ms")
    ratios[r] = round(b / a, 3) if a and b is not None else None
lines = [
    f"fan-out benchmark: {subs} subscribers spread over {projects} projects ({reader} reader) vs none, appends at {float(rate):g}/s "
    f"over the projects for {duration} (warm-up {warmup}, JIT warm-up {jit}), {rounds} round(s); "
    + (f"C: all {subs} subscribers on 1 project at {float(single_rate):g}/s; " if single_rate else "")
    + f"service RSS idle {int(rss_idle) / 1024:.0f} MiB",
    f"{'round':>5} {'phase':>5} {'subs':>5} {'projs':>5} {'rate':>5} {'appends':>8} {'app p95':>8} {'app p99':>8} {'dlv p95':>8} "
    f"{'dlv p99':>8} {'dlv max':>8} {'delivered/expected':>19} {'dlv/s':>7} {'faults':>6} {'disc':>5} {'RSS max':>8} {'svc CPU':>8} "
    f"{'PG CPU':>7} {'run CPU':>8} {'sub CPU':>8} {'B/A p95':>8}",
]
for x in rows:
    ratio = f(ratios[x["round"]], "{:.3f}") if x["phase"] == "B" else ""
    de = "" if x["expected"] is None else f"{x['delivered']}/{x['expected']}"
    lines.append(f"{f(x['round'], '{}'):>5} {x['phase']:>5} {x['subscribers']:>5} {x['projects']:>5} {x['rate_per_s']:>5g} "
                 f"{x['append_n']:>8} {f(x['append_p95_ms']):>8} "
                 f"{f(x['append_p99_ms']):>8} {f(x['delivery_p95_ms']):>8} {f(x['delivery_p99_ms']):>8} {f(x['delivery_max_ms']):>8} "
                 f"{de:>19} {f(x['delivered_per_s'], '{:.0f}'):>7} {f(x['faults'], '{}'):>6} {f(x['disconnects'], '{}'):>5} "
                 f"{f(x['rss_max_mib'], '{:.0f}M'):>8} {f(x['service_cpu_s'], '{:.1f}s'):>8} {f(x['postgres_cpu_s'], '{:.1f}s'):>7} "
                 f"{f(x['runner_cpu_s'], '{:.1f}s'):>8} "
                 f"{f(x['subscriber_cpu_s'] if (x['subscriber_cpu_s'] or 0) > 0 else None, '{:.1f}s'):>8} {ratio:>8}")
lines.append("(ms; rate: appends/s in all; delivery: an entry event read by a subscriber of its project, after the append that "
             "made it was answered; dlv/s: delivered events per second of the measured time; RSS: the service's VmRSS, max of "
             "1 s samples over the phase; svc/PG CPU: over the whole phase, set-up, warm-up and connecting included; run CPU: "
             "the runner's, over the measured time; sub CPU: the subscribers' own process's (BENCH_SUBSCRIBERS_NICE), over its life)")
for x in rows:
    s = phases[(x["round"], x["phase"])]["summary"]
    where = f"round {x['round']} {x['phase']}" if x["round"] else f"phase {x['phase']}"
    for t in s["thresholds"]:
        if not t["ok"]:
            lines.append(f"{where}: ✗ {t['metric']} {t['expr']} (actual {t['actual']:g})")
    for c in s.get("checks") or []:
        if not c["ok"]:
            lines.append(f"{where}: ✗ check: {c['name']}: {c['detail']}")
known = [v for v in ratios.values() if v is not None]
if known:
    lines.append(f"append p95 with subscribers / without: {', '.join(f(v, '{:.3f}') for v in known)} "
                 f"({'within' if max(known) <= 1.10 else 'NOT within'} 10 % in {'every round' if len(known) > 1 else 'the round'})")
lines.append(f"load average (1 min) during the run {min(loadavg, default=0):.2f}–{max(loadavg, default=0):.2f} on {os.cpu_count()} cores; "
             + (f"the service and PostgreSQL pinned to CPUs {service_cpus}, the runner to CPUs {runner_cpus}" if service_cpus
                else "PostgreSQL, the service and the runner share this machine")
             + (f"; the subscribers in a process of their own at nice {subscribers_nice}" if subscribers_nice else ""))
text = "\n".join(lines) + "\n"
print(text, end="")
(out / "summary.txt").write_text(text)
json.dump({"subscribers": int(subs), "projects": int(projects), "rate_per_s": float(rate),
           "single_project_rate_per_s": float(single_rate) if single_rate else None, "duration": duration, "warmup": warmup,
           "jit_warmup": jit, "reader": reader, "rounds": rows,
           "pinned": {"service_and_postgres_cpus": service_cpus, "runner_cpus": runner_cpus} if service_cpus else None,
           "subscribers_nice": int(subscribers_nice) if subscribers_nice else None, "append_p95_ratio_b_over_a": ratios,
           "service_rss_idle_mib": round(int(rss_idle) / 1024, 1),
           "machine": {"nproc": os.cpu_count(), "cpu_model": cpu, "kernel": platform.release(), "java": java, "postgres": pg,
                       "git_commit": commit, "jar": jar, "nofile": nofile, "loadavg_1m": loadavg}},
          open(out / "bench-events.json", "w"), indent=2)
PY
devstate_log "summaries in $OUT (summary.txt, bench-events.json, round*-{A,B}.json and phaseC.json with .meta.json, run-output.txt)"
if [ -n "$delivery_failed" ]; then
  devstate_die "the feed lost, repeated or reordered entries, or a subscriber failed, in:$delivery_failed (see $OUT/run-output.txt)"
fi
