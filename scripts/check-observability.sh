#!/usr/bin/env bash
# Validates deploy/observability with promtool (Debian: apt-get install prometheus):
# the Prometheus config, the alert rules and their unit tests, and every PromQL query of the
# Grafana dashboard (as recording rules, with Grafana's $__rate_interval set to 5m).
# ObservabilityFilesTest (./mvnw verify) checks structure and metric names without promtool.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
OBS="$ROOT/deploy/observability"
command -v promtool >/dev/null || { echo "promtool not found (apt-get install prometheus)" >&2; exit 2; }

promtool check config "$OBS/prometheus/prometheus.yml"
promtool check rules "$OBS/prometheus/alerts.yml"
(cd "$OBS/prometheus" && promtool test rules alerts.test.yml)

tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
python3 - "$OBS/grafana/dashboards/devstate.json" "$tmp/dashboard-queries.yml" <<'PY'
import json, sys
dash = json.load(open(sys.argv[1]))
exprs = []
def walk(panels):
    for p in panels:
        walk(p.get("panels", []))
        for t in p.get("targets", []):
            exprs.append((p["title"], t["expr"].replace("$__rate_interval", "5m")))
walk(dash["panels"])
if not exprs:
    sys.exit("no queries in the dashboard")
with open(sys.argv[2], "w") as out:
    out.write("groups:\n  - name: dashboard\n    rules:\n")
    for i, (title, expr) in enumerate(exprs):
        out.write(f"      - record: dashboard:query_{i}\n        expr: {json.dumps(expr)}\n")
print(f"dashboard: {len(exprs)} queries")
PY
promtool check rules "$tmp/dashboard-queries.yml"
echo "observability files OK"
