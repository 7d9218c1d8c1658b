#!/usr/bin/env bash
# shellcheck shell=bash
# Builds the devstate command line (cli/, docs/CLI.md) into target/tools/devstate: one static binary
# (CGO_ENABLED=0 go build -trimpath -ldflags '-s -w') from the generated Go client (clients/go) and
# the offline verifier (clients/go/verify). Go modules come from the Go module proxy (only
# github.com/gowebpki/jcs, for the verifier).
#
#   bash scripts/lib/cli.sh            go vet + go test ./... in cli/, then build (what .ci/run does)
#   bash scripts/lib/cli.sh --no-test  build only
#
# Or source it and call:
#   devstate_cli_build      build target/tools/devstate
#   devstate_cli_test       go vet + go test in cli/
#   devstate_cli_ensure     build only when the binary is missing or older than its Go sources
#                           (scripts/devstate.sh, scripts/devstate_verify.sh, scripts/devstate_export.sh)
#
# Environment: DEVSTATE_CLI_BIN (default <repo>/target/tools/devstate). Go is apt-installed when
# missing and running as root. The CLI's own end-to-end test is src/test/java/io/devstate/cli/CliIT.java.

DEVSTATE_CLI_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
DEVSTATE_CLI_BIN=${DEVSTATE_CLI_BIN:-$DEVSTATE_CLI_ROOT/target/tools/devstate}

devstate_cli__go() {
  # shellcheck source=scripts/lib/common.sh
  source "$DEVSTATE_CLI_ROOT/scripts/lib/common.sh"
  if ! command -v go >/dev/null 2>&1; then
    if devstate_is_root; then
      devstate_apt_install golang-go
    else
      devstate_die "go is not installed (https://go.dev/dl/, 1.25 or newer); it builds the devstate CLI"
    fi
  fi
}

devstate_cli_test() (
  set -euo pipefail
  devstate_cli__go
  cd "$DEVSTATE_CLI_ROOT/cli"
  devstate_log "cli: go vet + go test ($(go version | cut -d' ' -f3))"
  go vet ./...
  go test -count=1 ./...
)

devstate_cli_build() (
  set -euo pipefail
  devstate_cli__go
  cd "$DEVSTATE_CLI_ROOT/cli"
  local version
  version=$(git -C "$DEVSTATE_CLI_ROOT" describe --tags --always --dirty 2>/dev/null || echo dev)
  mkdir -p "$(dirname "$DEVSTATE_CLI_BIN")"
  CGO_ENABLED=0 go build -trimpath -ldflags "-s -w -X main.version=$version" -o "$DEVSTATE_CLI_BIN" .
  devstate_log "cli: built $DEVSTATE_CLI_BIN ($version)"
)

devstate_cli_ensure() {
  # shellcheck source=scripts/lib/common.sh
  source "$DEVSTATE_CLI_ROOT/scripts/lib/common.sh"
  if devstate_stale "$DEVSTATE_CLI_BIN" "$DEVSTATE_CLI_ROOT/cli" "$DEVSTATE_CLI_ROOT/clients/go"; then
    devstate_cli_build
  fi
}

if [ "${BASH_SOURCE[0]}" = "$0" ]; then
  set -euo pipefail
  case "${1:-}" in
    --no-test) devstate_cli_build ;;
    "") devstate_cli_test && devstate_cli_build ;;
    *) printf 'usage: bash scripts/lib/cli.sh [--no-test]\n' >&2; exit 2 ;;
  esac
fi
