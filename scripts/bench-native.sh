#!/usr/bin/env bash
# Native executable and JVM jar side by side, in one run: the same PostgreSQL, the same load runner,
# the same data, one after the other. Writes docs/benchmarks/NATIVE.md and summaries/native-vs-jvm.json.
#
#   scripts/bench-native.sh
#
# Needs the jar (built when missing) and the native executable (target/*-runner, from
#   ./mvnw -B package -Dnative -DskipTests [-Dquarkus.native.container-build=true | -Dquarkus.native.graalvm-home=...]).
# BENCH_BUILD=1 builds both first and records each build's wall time and peak memory (GNU time);
# BENCH_NATIVE_ARGS are extra Maven arguments of the native build. BENCH_NATIVE_OPTS and
# BENCH_JVM_OPTS are runtime options of each (e.g. BENCH_NATIVE_OPTS=-Xmx128m, as the Deployment).
#
# Per kind: time from exec to the first 200 of /health, RSS when idle, then (after a warm-up of
# BENCH_WARMUP per workload, unrecorded) append at 500/s and full state reads at 3000/s for
# BENCH_DURATION each (p50/p95/p99, service CPU per request from /proc), RSS under load (VmHWM),
# and verify of a BENCH_BIG_ENTRIES chain (median of 5 after 10 warm-up runs).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
# shellcheck source=scripts/lib/postgres.sh
source scripts/lib/postgres.sh
# shellcheck source=scripts/lib/loadgen.sh
source scripts/lib/loadgen.sh
# shellcheck source=scripts/lib/service.sh
source scripts/lib/service.sh

DURATION="${BENCH_DURATION:-30s}"
WARMUP="${BENCH_WARMUP:-20s}"
BIG_ENTRIES="${BENCH_BIG_ENTRIES:-100000}"
OUT="${BENCH_OUT:-$ROOT/docs/benchmarks}"
WORK="$ROOT/target/bench-native"
PG_DIR="$ROOT/target/bench-native-pg"
TICKS=$(getconf CLK_TCK)

cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }         # utime + stime of PID
status_kib() { awk -v k="$2:" '$1 == k {print $2}' "/proc/$1/status"; } # VmRSS / VmHWM of PID

APP_PID=
PG_STARTED=
# shellcheck disable=SC2317 # invoked by trap
cleanup() {
  local rc=$?
  trap - EXIT INT TERM HUP
  if [ -n "$APP_PID" ]; then kill -KILL "$APP_PID" 2>/dev/null || true; wait "$APP_PID" 2>/dev/null || true; fi
  if [ -n "$PG_STARTED" ]; then devstate_pg_cluster_stop "$PG_DIR"; fi
  [ "$rc" -eq 0 ] || devstate_log "native benchmark FAILED (exit $rc); logs in $WORK"
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT TERM HUP

rm -rf "$WORK"
mkdir -p "$WORK" "$OUT/summaries"

# --- 1. the two artifacts (and, with BENCH_BUILD=1, what building them costs) ---
timed_build() { # NAME mvn-args... -> WORK/build-NAME.time
  local name=$1
  shift
  devstate_log "building $name: ./mvnw -B -q $*"
  /usr/bin/time -f '%e %M' -o "$WORK/build-$name.time" ./mvnw -B -q "$@"
}
if [ "${BENCH_BUILD:-0}" = 1 ]; then
  command -v /usr/bin/time >/dev/null || devstate_die "BENCH_BUILD=1 needs GNU time (/usr/bin/time)"
  # shellcheck disable=SC2086 # BENCH_NATIVE_ARGS is a list of Maven arguments
  timed_build native package -Dnative -DskipTests ${BENCH_NATIVE_ARGS:-}
  timed_build jvm package -DskipTests
elif [ ! -f "$DEVSTATE_JAR" ]; then
  ./mvnw -B -q package -DskipTests
fi
devstate_native_runner >/dev/null || devstate_die "no native executable in target/: ./mvnw -B package -Dnative -DskipTests first"
LOAD=$(devstate_loadgen_install)

# --- 2. one PostgreSQL and one data set for both ---
devstate_fresh_cluster "$PG_DIR"
PG_STARTED=1
HMAC_SECRET=$(od -An -tx1 -N32 /dev/urandom | tr -d ' \n')
export DEVSTATE_HMAC_SECRET="$HMAC_SECRET" DEVSTATE_HMAC_KID=k1

# --- 3. each kind in turn ---
measure() { # KIND
  local kind=$1 port base t0 pid
  port=$(devstate_free_port)
  base="http://127.0.0.1:$port"
  t0=$(date +%s%N)
  local -a opts
  if [ "$kind" = native ]; then read -r -a opts <<<"${BENCH_NATIVE_OPTS:-}"; else read -r -a opts <<<"${BENCH_JVM_OPTS:-}"; fi
  echo "${opts[*]}" >"$WORK/$kind/opts"
  devstate_service_start "$kind" "$port" "$WORK/service-$kind.log" "${opts[@]}"
  pid=$STARTED_PID
  APP_PID=$pid
  until curl -fs -o /dev/null "$base/health"; do
    kill -0 "$pid" 2>/dev/null || { tail -n 30 "$WORK/service-$kind.log" >&2; devstate_die "$kind exited during start-up"; }
    sleep 0.002
  done
  local first_ms
  first_ms=$(( ($(date +%s%N) - t0) / 1000000 ))
  devstate_service_await_ready "$port" "$pid" || devstate_die "$kind not ready"
  sleep 5
  local idle_kib
  idle_kib=$(status_kib "$pid" VmRSS)
  devstate_log "$kind: first answer after ${first_ms} ms, RSS idle $((idle_kib / 1024)) MiB"

  export DEVSTATE_URL="$base"
  local project
  project="bench-$kind-$(date +%s)"
  LOAD_PROJECT="$project" LOAD_SEED_ENTRIES=10000 "$LOAD" seed >"$WORK/seed-$kind.json"
  devstate_log "$kind: warm-up, append and state-read for $WARMUP each, unrecorded"
  LOAD_PROJECT="$project-warm" LOAD_DURATION="$WARMUP" LOAD_WARMUP=0s "$LOAD" run append state-read \
    >"$WORK/warmup-$kind.log" 2>&1 || [ $? -eq 99 ]

  local workload
  for workload in append state-read; do
    local before after
    before=$(cpu_ticks "$pid")
    LOAD_PROJECT="$project" LOAD_DURATION="$DURATION" LOAD_WARMUP=0s LOAD_SUMMARY_DIR="$WORK/$kind" \
      "$LOAD" run "$workload" >"$WORK/run-$kind-$workload.log" 2>&1 || [ $? -eq 99 ] \
      || { tail -n 20 "$WORK/run-$kind-$workload.log" >&2; devstate_die "the load runner failed"; }
    after=$(cpu_ticks "$pid")
    echo "$((after - before))" >"$WORK/$kind/$workload.cpu_ticks"
  done
  status_kib "$pid" VmHWM >"$WORK/$kind/rss_peak_kib"

  local verify=()
  for i in $(seq 1 15); do
    verify+=("$(curl -fs -o "$WORK/verify-$kind.json" -w '%{time_total}' "$base/v1/devstate/verify?project=$BIG")")
  done
  printf '%s\n' "${verify[@]:10}" >"$WORK/$kind/verify_s"
  grep -q '"ok":true' "$WORK/verify-$kind.json" || devstate_die "$kind: the big chain did not verify: $(cat "$WORK/verify-$kind.json")"
  printf '%s %s\n' "$first_ms" "$idle_kib" >"$WORK/$kind/start"
  grep -o 'started in [0-9.]*s' "$WORK/service-$kind.log" | head -n 1 >"$WORK/$kind/quarkus_started" || true

  kill -TERM "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
  APP_PID=
}

# The big chain is seeded once, through the JVM service, and verified by both.
BIG="bench-big-$(date +%s)"
SEED_PORT=$(devstate_free_port)
devstate_service_start jvm "$SEED_PORT" "$WORK/service-seed.log"
APP_PID=$STARTED_PID
devstate_service_await_ready "$SEED_PORT" "$APP_PID" || devstate_die "the seeding service did not start"
devstate_log "seeding $BIG with $BIG_ENTRIES signed entries"
DEVSTATE_URL="http://127.0.0.1:$SEED_PORT" LOAD_PROJECT="$BIG" LOAD_SEED_ENTRIES="$BIG_ENTRIES" "$LOAD" seed >"$WORK/seed-big.json"
kill -TERM "$APP_PID"; wait "$APP_PID" 2>/dev/null || true; APP_PID=
devstate_vacuum_history

for kind in native jvm; do
  mkdir -p "$WORK/$kind"
  measure "$kind"
done

# --- 4. the report ---
python3 - "$WORK" "$OUT" "$TICKS" "$DURATION" "$WARMUP" "$BIG_ENTRIES" "$(devstate_native_runner)" <<'PY'
import json, os, statistics, subprocess, sys
work, out, ticks, duration, warmup, big, runner = sys.argv[1:8]
ticks = int(ticks)

def sh(c):
    return subprocess.run(c, shell=True, capture_output=True, text=True).stdout.strip()

def read(path):
    with open(path) as f:
        return f.read().strip()

result = {"kinds": {}}
for kind in ("native", "jvm"):
    d = os.path.join(work, kind)
    first_ms, idle_kib = read(os.path.join(d, "start")).split()
    k = {"first_answer_ms": int(first_ms), "rss_idle_mib": round(int(idle_kib) / 1024, 1),
         "rss_peak_mib": round(int(read(os.path.join(d, "rss_peak_kib"))) / 1024, 1),
         "quarkus_started": read(os.path.join(d, "quarkus_started")),
         "runtime_options": read(os.path.join(d, "opts")) if os.path.exists(os.path.join(d, "opts")) else "",
         "verify_s": [float(x) for x in read(os.path.join(d, "verify_s")).split()], "workloads": {}}
    k["verify_median_s"] = statistics.median(k["verify_s"])
    for workload in ("append", "state-read"):
        summary = json.load(open(os.path.join(d, workload + ".json")))
        route = next(iter(summary["routes"].values()))
        cpu_ms = int(read(os.path.join(d, workload + ".cpu_ticks"))) * 1000 / ticks
        k["workloads"][workload] = {
            "rate_per_s": summary["config"]["rate_per_s"], "requests": summary["http_reqs"],
            "failed": summary["http_req_failed"], "dropped": summary["iterations"]["dropped"],
            "p50_ms": route["p50_ms"], "p95_ms": route["p95_ms"], "p99_ms": route["p99_ms"],
            "achieved_per_s": summary["http_reqs_per_s"],
            "cpu_ms_per_request": round(cpu_ms / max(1, summary["http_reqs"]), 4)}
    result["kinds"][kind] = k
builds = {}
for kind in ("native", "jvm"):
    p = os.path.join(work, f"build-{kind}.time")
    if os.path.exists(p):
        seconds, kib = read(p).split()
        builds[kind] = {"wall_s": float(seconds), "peak_rss_gib": round(int(kib) / 1024 / 1024, 2)}
result["builds"] = builds
result["machine"] = {"date_utc": sh("date -u +%Y-%m-%dT%H:%M:%SZ"), "nproc": sh("nproc"),
                     "cpu_model": sh("sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n 1"),
                     "java": sh("java -version 2>&1 | head -n 1"), "git_commit": sh("git rev-parse --short HEAD"),
                     "native_image": sh("strings " + runner + " | grep -m1 -o 'GraalVM [0-9.]*\\|Mandrel-[0-9.]*' || true"),
                     "duration": duration, "warmup": warmup, "big_entries": int(big)}
json.dump(result, open(os.path.join(out, "summaries", "native-vs-jvm.json"), "w"), indent=2)

n, j = result["kinds"]["native"], result["kinds"]["jvm"]
def row(label, f, unit=""):
    return f"| {label} | {f(n)}{unit} | {f(j)}{unit} |"
lines = ["# Native executable vs JVM jar", "",
         f"`scripts/bench-native.sh` on {result['machine']['date_utc']}, commit {result['machine']['git_commit']}, "
         f"{result['machine']['nproc']} cores ({result['machine']['cpu_model']}); PostgreSQL, the service and the "
         f"load runner share the machine. Each workload ran {duration} after a {warmup} unrecorded warm-up per "
         "workload; both kinds used the same database and data, one after the other.", "",
         "| | native | JVM |", "|---|---|---|",
         row("runtime options", lambda k: f"`{k['runtime_options']}`" if k["runtime_options"] else "(defaults)"),
         row("first answer (exec to first 200 of /health)", lambda k: k["first_answer_ms"], " ms"),
         row("Quarkus's own start-up line", lambda k: k["quarkus_started"]),
         row("RSS idle", lambda k: k["rss_idle_mib"], " MiB"),
         row("RSS peak (VmHWM, after the load)", lambda k: k["rss_peak_mib"], " MiB")]
for w in ("append", "state-read"):
    for key, label in (("p50_ms", "p50"), ("p95_ms", "p95"), ("p99_ms", "p99")):
        lines.append(row(f"{w} at {n['workloads'][w]['rate_per_s']}/s {label}", lambda k: k["workloads"][w][key], " ms"))
    lines.append(row(f"{w} service CPU per request", lambda k: k["workloads"][w]["cpu_ms_per_request"], " ms"))
    lines.append(row(f"{w} requests / failed / dropped",
                     lambda k: f"{k['workloads'][w]['requests']} / {k['workloads'][w]['failed']} / {k['workloads'][w]['dropped']}"))
lines.append(row(f"verify of {int(big) + 1} entries, median of 5", lambda k: k["verify_median_s"], " s"))
if builds:
    lines.append(f"| build wall time | {builds.get('native', {}).get('wall_s', '-')} s | {builds.get('jvm', {}).get('wall_s', '-')} s |")
    lines.append(f"| build peak RSS (largest process) | {builds.get('native', {}).get('peak_rss_gib', '-')} GiB | "
                 f"{builds.get('jvm', {}).get('peak_rss_gib', '-')} GiB |")
lines += ["", f"Native builder, as the executable names it: {result['machine']['native_image'] or '?'} "
          "(which builder that was, and how it differs from a Mandrel distribution: "
          "[PACKAGING.md](../PACKAGING.md#native-image)). JVM: " + result['machine']['java'] + ".",
          "Raw figures: [summaries/native-vs-jvm.json](summaries/native-vs-jvm.json).", ""]
open(os.path.join(out, "NATIVE.md"), "w").write("\n".join(lines))
print("\n".join(lines))
PY
