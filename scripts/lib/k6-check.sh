#!/usr/bin/env bash
# Type-checks the k6 scripts (k6/*.js, k6/lib/*.js) against k6's published type definitions:
# k6 itself is not installed here, so `tsc --checkJs --noEmit` with @types/k6 is what catches a
# misspelt API, a wrong option shape or a bad import before the CI workflow runs them with k6.
# Installs the pinned typescript and @types/k6 into target/k6-check (re-runs reuse them).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
DIR="$ROOT/target/k6-check"
TYPESCRIPT_VERSION="7.0.2"
TYPES_K6_VERSION="2.3.0"

installed() { # PACKAGE VERSION
  [ -f "$DIR/node_modules/$1/package.json" ] &&
    [ "$(node -p "require('$DIR/node_modules/$1/package.json').version")" = "$2" ]
}

command -v npm >/dev/null || { echo "[devstate] node and npm are required for the k6 type check" >&2; exit 1; }
if ! installed typescript "$TYPESCRIPT_VERSION" || ! installed @types/k6 "$TYPES_K6_VERSION"; then
  mkdir -p "$DIR"
  [ -f "$DIR/package.json" ] || printf '{"private":true}\n' >"$DIR/package.json"
  (cd "$DIR" && npm install --no-audit --no-fund --loglevel=error --save-exact \
    "typescript@$TYPESCRIPT_VERSION" "@types/k6@$TYPES_K6_VERSION")
  echo "[devstate] installed typescript $TYPESCRIPT_VERSION and @types/k6 $TYPES_K6_VERSION into $DIR"
fi
"$DIR/node_modules/.bin/tsc" -p "$ROOT/k6/tsconfig.json"
echo "[devstate] k6 scripts type-check against @types/k6 $TYPES_K6_VERSION"
