#!/usr/bin/env bash
# Runs the clients' own tests, each in its own runner:
#
#   scripts/test-clients.sh [typescript|go|python ...]    (default: all three)
#
#   typescript  npm run build, then node --test test/        (clients/typescript)
#   go          go mod tidy -diff, go vet, go test in clients/go, clients/go/verify and
#               clients/go/trust (and a copy of each outside the repository), clients/go/livetest
#   python      pytest in clients/python (venv clients/python/.venv)
#
# The shared vectors of docs/vectors always run. The live tests run when DEVSTATE_URL points at a
# DevState (e.g. http://127.0.0.1:3180) and are skipped otherwise; DEVSTATE_HMAC_KID and
# DEVSTATE_HMAC_SECRET (the server's key) add the offline check of the export and the import into
# a fresh project. Dependencies come from scripts/lib/client-deps.sh (run first when missing;
# DEVSTATE_SKIP_CLIENT_DEPS=1 skips that).
# ./mvnw verify runs all three against the packaged service (src/test/java/io/devstate/clients/ClientsIT.java).
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"

clients=("$@")
[ ${#clients[@]} -gt 0 ] || clients=(typescript go python)

if [ "${DEVSTATE_SKIP_CLIENT_DEPS:-}" != 1 ]; then
  if [ ! -d clients/typescript/node_modules ] || [ ! -x clients/python/.venv/bin/python ]; then
    bash scripts/lib/client-deps.sh
  fi
fi

for client in "${clients[@]}"; do
  printf '[test-clients] %s (DEVSTATE_URL=%s)\n' "$client" "${DEVSTATE_URL:-unset: live tests skipped}" >&2
  case "$client" in
    typescript)
      (cd clients/typescript && npm run --silent build && node --test test/)
      ;;
    go)
      # go.mod as `go mod tidy` leaves it (no empty require block, no missing or unused module).
      (cd clients/go && go mod tidy -diff && go vet . && go build ./... && go test -count=1 .)
      (cd clients/go/verify && go mod tidy -diff && go vet ./... && go test -count=1 ./...)
      # The module's tests read only what is inside the module: run them in a copy of it.
      copy=$(mktemp -d "${TMPDIR:-/tmp}/devstate-go-verify.XXXXXX")
      cp -R clients/go/verify/. "$copy"
      (cd "$copy" && go test -count=1 ./...) || { rm -rf "$copy"; exit 1; }
      rm -rf "$copy"
      (cd clients/go/trust && go mod tidy -diff && go vet ./... && go test -count=1 ./...)
      # The same outside the repository: the trust module with the client it replaces (../).
      copy=$(mktemp -d "${TMPDIR:-/tmp}/devstate-go-trust.XXXXXX")
      cp -R clients/go/. "$copy"
      (cd "$copy/trust" && go test -count=1 ./...) || { rm -rf "$copy"; exit 1; }
      rm -rf "$copy"
      (cd clients/go/livetest && go vet ./... && go test -count=1 -v ./... 2>&1 | grep -E '^(=== RUN|--- |\s+\w+_test\.go|ok|FAIL|PASS|panic)' ; exit "${PIPESTATUS[0]}")
      ;;
    python)
      (cd clients/python && .venv/bin/python -m pytest -q -p no:cacheprovider)
      ;;
    *)
      printf '[test-clients] unknown client: %s (typescript, go, python)\n' "$client" >&2
      exit 2
      ;;
  esac
done
