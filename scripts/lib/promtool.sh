#!/usr/bin/env bash
# Makes sure promtool is on PATH for the alert-rule tests (AlertRulesTest runs the rules in
# deploy/observability against series scraped from a real service). promtool ships in Debian's
# `prometheus` package; as root it is installed from apt, otherwise the message says what to do.
# Re-runs are no-ops.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
# shellcheck source=scripts/lib/postgres.sh
source "$ROOT/scripts/lib/postgres.sh"

if command -v promtool >/dev/null 2>&1; then
  devstate_log "promtool: $(promtool --version 2>&1 | head -n 1)"
  exit 0
fi
devstate_apt_update
devstate_apt_has prometheus || devstate_die "no promtool and apt has no 'prometheus' package: install promtool (Prometheus 2.x) yourself"
devstate_apt_install prometheus >/dev/null # without recommends; the tests start no Prometheus
command -v promtool >/dev/null 2>&1 || devstate_die "installed 'prometheus' but promtool is still not on PATH"
devstate_log "installed promtool: $(promtool --version 2>&1 | head -n 1)"
