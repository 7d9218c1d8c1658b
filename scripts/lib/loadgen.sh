#!/usr/bin/env bash
# shellcheck shell=bash
# Builds the load-test runner (loadtest/, Go standard library only: nothing is downloaded) into
# target/tools/devstate-load, with loadtest/workloads.json (the workload definitions it shares
# with the k6 scripts) embedded. Skipped while the binary is there and loadtest/ is unchanged.
# Run it (`bash scripts/lib/loadgen.sh`, prints the binary's path) or source it and call
# devstate_loadgen_install. Go is apt-installed when missing and running as root.

devstate_loadgen_install() (
  set -euo pipefail
  local root
  root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
  cd "$root"
  # shellcheck source=scripts/lib/postgres.sh
  source scripts/lib/postgres.sh # devstate_log, devstate_apt_install

  local bin="$root/target/tools/devstate-load" stamp="$root/target/tools/devstate-load.stamp" sum
  command -v go >/dev/null 2>&1 || devstate_apt_install golang-go
  sum=$( (cd loadtest && find . -type f \( -name '*.go' -o -name go.mod -o -name workloads.json \) | LC_ALL=C sort | xargs cat; go version) | sha256sum | cut -d' ' -f1)
  if [ -x "$bin" ] && [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$sum" ]; then
    printf '%s\n' "$bin"
    return 0
  fi
  mkdir -p "$(dirname "$bin")"
  devstate_log "building $bin ($(go version | cut -d' ' -f3))"
  (cd loadtest && GOTOOLCHAIN=local CGO_ENABLED=0 go test -count=1 ./... >&2 && \
    GOTOOLCHAIN=local CGO_ENABLED=0 go build -buildvcs=false -trimpath -o "$bin.new" .)
  mv "$bin.new" "$bin"
  printf '%s\n' "$sum" >"$stamp"
  printf '%s\n' "$bin"
)

if [ "${BASH_SOURCE[0]}" = "$0" ]; then
  devstate_loadgen_install "$@"
fi
