#!/usr/bin/env bash
# shellcheck shell=bash
# Builds the load-test runner (loadtest/: the Go standard library, clients/go/verify, which signs
# the seeded chains, and clients/go, whose Subscribe the fanout mode's subscribers use; their one
# module, gowebpki/jcs, comes from the Go module proxy) into
# target/tools/devstate-load, with loadtest/workloads.json (the workload definitions it shares
# with the k6 scripts) embedded. Skipped while the binary is there and its sources are unchanged.
# Run it (`bash scripts/lib/loadgen.sh`, prints the binary's path) or source it and call
# devstate_loadgen_install. Go is apt-installed when missing and running as root.

devstate_loadgen_install() (
  set -euo pipefail
  local root
  root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
  cd "$root"
  # shellcheck source=scripts/lib/common.sh
  source scripts/lib/common.sh

  local bin="$root/target/tools/devstate-load" stamp="$root/target/tools/devstate-load.stamp"
  command -v go >/dev/null 2>&1 || devstate_apt_install golang-go
  # The stamp is checked first, so a first build (no binary yet) also leaves one behind.
  if devstate_stamp_fresh "$stamp" < <(find loadtest clients/go -type f \( -name '*.go' -o -name go.mod -o -name go.sum -o -name workloads.json \) | LC_ALL=C sort | xargs cat; go version) && [ -x "$bin" ]; then
    printf '%s\n' "$bin"
    return 0
  fi
  mkdir -p "$(dirname "$bin")"
  devstate_log "building $bin ($(go version | cut -d' ' -f3))"
  (cd loadtest && GOTOOLCHAIN=local CGO_ENABLED=0 go test -count=1 ./... >&2 && \
    GOTOOLCHAIN=local CGO_ENABLED=0 go build -buildvcs=false -trimpath -o "$bin.new" .)
  mv "$bin.new" "$bin"
  devstate_stamp_commit "$stamp"
  printf '%s\n' "$bin"
)

if [ "${BASH_SOURCE[0]}" = "$0" ]; then
  devstate_loadgen_install "$@"
fi
