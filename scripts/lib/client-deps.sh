#!/usr/bin/env bash
# shellcheck shell=bash
# Installs what the generated clients' tests need, from the project's own files, and lints the
# GitHub workflows. Idempotent and cheap to re-run (each step is skipped while its inputs are
# unchanged). Run it (`bash scripts/lib/client-deps.sh`) or source it and call devstate_client_deps.
#
#   - the pinned openapi-generator-cli jar (for scripts/generate-clients.sh --check in ./mvnw verify)
#   - clients/typescript: npm ci (package-lock.json; scripts/test-clients.sh builds dist/, npm pack too)
#   - clients/go/verify, clients/go/livetest: go mod download
#   - clients/python: a venv in clients/python/.venv with the client installed editable + pytest
#   - actionlint (pinned) in $DEVSTATE_TOOLS_BIN, then actionlint on .github/workflows/*.yml
#
# Missing toolchains (node/npm, go, python3 venv) are apt-installed when running as root.

DEVSTATE_ACTIONLINT_VERSION=v1.7.12

devstate_client_deps() (
  set -euo pipefail
  local root
  root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
  cd "$root"
  # shellcheck source=scripts/lib/common.sh
  source scripts/lib/common.sh

  local tools_bin="${DEVSTATE_TOOLS_BIN:-${XDG_CACHE_HOME:-$HOME/.cache}/devstate/bin}"
  mkdir -p "$tools_bin"

  # --- toolchains ---
  command -v node >/dev/null 2>&1 && command -v npm >/dev/null 2>&1 || devstate_apt_install nodejs npm
  command -v go >/dev/null 2>&1 || devstate_apt_install golang-go
  python3 -c 'import venv, ensurepip' >/dev/null 2>&1 || devstate_apt_install python3-venv
  devstate_log "client toolchains: node $(node --version), $(go version | cut -d' ' -f3), $(python3 --version)"

  # --- openapi-generator (fetched once into the local Maven repository) ---
  scripts/generate-clients.sh --fetch

  # --- TypeScript ---
  local ts=clients/typescript
  local ts_stamp="target/stamps/typescript-npm-ci"
  # The stamp is checked first, so a first install (no node_modules yet) also leaves one behind.
  if ! devstate_stamp_fresh "$ts_stamp" < <(cat "$ts/package-lock.json" "$ts/package.json") || [ ! -d "$ts/node_modules" ]; then
    devstate_log "npm ci in $ts"
    (cd "$ts" && npm ci --no-audit --no-fund --loglevel=error)
    devstate_stamp_commit "$ts_stamp"
  fi

  # --- Go (the generated client has no dependencies; the verifier has one: gowebpki/jcs) ---
  local mod
  for mod in clients/go/verify clients/go/livetest; do
    (cd "$mod" && go mod download)
  done

  # --- Python ---
  local py=clients/python venv=clients/python/.venv
  if [ ! -x "$venv/bin/python" ]; then
    devstate_log "creating $venv"
    python3 -m venv "$venv"
  fi
  if ! devstate_stamp_fresh "$venv/.devstate-stamp" <"$py/pyproject.toml"; then
    devstate_log "pip install -e ${py}[test] into $venv"
    "$venv/bin/python" -m pip install --quiet --disable-pip-version-check -e "${py}[test]"
    devstate_stamp_commit "$venv/.devstate-stamp"
  fi

  # --- actionlint (pinned), then lint the workflows ---
  if [ ! -x "$tools_bin/actionlint" ] || [ "$("$tools_bin/actionlint" -version 2>/dev/null | head -n 1)" != "$DEVSTATE_ACTIONLINT_VERSION" ]; then
    devstate_log "go install actionlint $DEVSTATE_ACTIONLINT_VERSION"
    GOBIN="$tools_bin" go install "github.com/rhysd/actionlint/cmd/actionlint@$DEVSTATE_ACTIONLINT_VERSION"
  fi
  "$tools_bin/actionlint" -shellcheck= -pyflakes= .github/workflows/*.yml
  devstate_log "actionlint $DEVSTATE_ACTIONLINT_VERSION: .github/workflows ok"
)

if [ "${BASH_SOURCE[0]}" = "$0" ]; then
  devstate_client_deps "$@"
fi
