#!/usr/bin/env bash
# Runs every k6 script (k6/<workload>.js, in the order of loadtest/workloads.json) with real k6
# against the packaged service; the CI workflow's k6 jobs call it.
#
#   scripts/lib/k6-run.sh smoke OUT [jvm|native]   each script at its smoke rate, thresholds on;
#                                                  fails when any script's thresholds or checks fail
#   scripts/lib/k6-run.sh full OUT [jvm|native]    seeds 10k signed entries, a warm-up pass without
#                                                  thresholds, then the full rates; writes OUT/REPORT.md
#                                                  (a miss is recorded in the report, not a failure)
#
# Needs k6 on PATH, a running PostgreSQL in DATABASE_URL and the packaged service (./mvnw package,
# or -Dnative for native). Summaries go to OUT/summaries/<workload>.json. The service is stopped on exit.
set -euo pipefail

PROFILE=${1:?usage: k6-run.sh smoke|full OUT [jvm|native]}
OUT=${2:?usage: k6-run.sh smoke|full OUT [jvm|native]}
KIND=${3:-jvm}
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$ROOT"
# shellcheck source=scripts/lib/postgres.sh
source scripts/lib/postgres.sh # devstate_log, devstate_die
# shellcheck source=scripts/lib/service.sh
source scripts/lib/service.sh
# shellcheck source=scripts/lib/loadgen.sh
source scripts/lib/loadgen.sh

case "$PROFILE" in smoke | full) ;; *) devstate_die "profile must be smoke or full, got $PROFILE" ;; esac
command -v k6 >/dev/null || devstate_die "k6 is not on PATH (the CI workflow installs it with grafana/setup-k6-action)"
: "${DATABASE_URL:?DATABASE_URL must point at a running PostgreSQL}"
mkdir -p "$OUT/summaries"

APP_PID=
# shellcheck disable=SC2317 # invoked by trap
cleanup() {
  if [ -n "$APP_PID" ]; then kill -TERM "$APP_PID" 2>/dev/null || true; wait "$APP_PID" 2>/dev/null || true; fi
}
trap cleanup EXIT

PORT=$(devstate_free_port)
BASE="http://127.0.0.1:$PORT"
HMAC_SECRET=$(od -An -tx1 -N32 /dev/urandom | tr -d ' \n')
export DATABASE_URL HMAC_SECRET
devstate_log "starting the $KIND service on $BASE (log $OUT/service.log)"
devstate_service_start "$KIND" "$PORT" "$OUT/service.log"
APP_PID=$STARTED_PID
devstate_service_await_ready "$PORT" "$APP_PID" \
  || { tail -n 30 "$OUT/service.log" >&2; devstate_die "the service was not ready after 60 s"; }

PROJECT="k6-$PROFILE-$(date -u +%Y%m%d%H%M%S)"
mapfile -t WORKLOADS < <(python3 -c 'import json; [print(w["name"]) for w in json.load(open("loadtest/workloads.json"))["workloads"]]')
k6_run() { # WORKLOAD PROJECT SUMMARY_DIR [k6 option...]
  local w=$1 project=$2 dir=$3
  shift 3
  k6 run --quiet "$@" -e PROFILE="$PROFILE" -e DEVSTATE_URL="$BASE" -e DEVSTATE_PROJECT="$project" \
    -e SUMMARY_DIR="$dir" -e MIN_ENTRIES=300 "k6/$w.js"
}

if [ "$PROFILE" = full ]; then
  LOAD=$(devstate_loadgen_install)
  devstate_log "seeding $PROJECT with 10000 signed entries"
  DEVSTATE_URL="$BASE" DEVSTATE_HMAC_SECRET="$HMAC_SECRET" DEVSTATE_HMAC_KID=k1 LOAD_PROJECT="$PROJECT" \
    LOAD_SEED_ENTRIES=10000 "$LOAD" seed
  # A fresh JVM compiles for its first minute of load: one unjudged pass on a project of its own.
  mkdir -p "$OUT/warmup"
  for w in "${WORKLOADS[@]}"; do
    k6_run "$w" "$PROJECT-warm" "$OUT/warmup" --no-thresholds -e DURATION=20s >"$OUT/warmup/$w.log" 2>&1 || true
  done
fi

failed=()
for w in "${WORKLOADS[@]}"; do
  devstate_log "k6 run k6/$w.js ($PROFILE)"
  rc=0
  k6_run "$w" "$PROJECT" "$OUT/summaries" || rc=$?
  # 0 passed, 99 a threshold failed, 110 the script failed the test (append's chain check)
  case "$rc" in 0 | 99 | 110) ;; *) devstate_die "k6 run k6/$w.js broke (exit $rc)" ;; esac
  # The summary also fails what k6 lets pass: a route without a request, the exact chain count.
  ok=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["ok"])' "$OUT/summaries/$w.json")
  if [ "$rc" -ne 0 ] || [ "$ok" != True ]; then failed+=("$w"); fi
done

if [ "$PROFILE" = full ]; then
  python3 - "$OUT/summaries/machine.json" "$KIND" <<'PY'
import json, platform, subprocess, sys
def sh(c):
    return subprocess.run(c, shell=True, capture_output=True, text=True).stdout.strip()
json.dump({
    "date_utc": sh("date -u +%Y-%m-%dT%H:%M:%SZ"), "nproc": sh("nproc"),
    "cpu_model": sh("sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n 1"),
    "free_h": sh("free -h"), "kernel": platform.release(), "java": sh("java -version 2>&1 | head -n 2"),
    "postgres": sh("psql \"$DATABASE_URL\" -Atc 'show server_version' 2>/dev/null") or "see the workflow's service container",
    "load_runner": sh("k6 version | head -n 1"), "git_commit": sh("git rev-parse --short HEAD"),
    "seed_entries": 10000, "jit_warmup": "20s", "command": f"scripts/lib/k6-run.sh full ({sys.argv[2]})",
}, open(sys.argv[1], "w"), indent=2)
PY
  python3 -m venv "$ROOT/target/k6-report-venv"
  "$ROOT/target/k6-report-venv/bin/python" -m pip install --quiet --disable-pip-version-check 'matplotlib==3.10.*'
  "$ROOT/target/k6-report-venv/bin/python" loadtest/report.py "$OUT"
  devstate_log "report: $OUT/REPORT.md${failed[*]:+ (misses in: ${failed[*]})}"
  exit 0
fi
if [ "${#failed[@]}" -gt 0 ]; then
  devstate_die "thresholds or checks failed in: ${failed[*]} (summaries in $OUT/summaries)"
fi
devstate_log "every k6 script passed its thresholds at the smoke rate"
