#!/usr/bin/env bash
# Type-checks the k6 scripts (k6/*.js, k6/lib/*.js) against k6's published type definitions:
# k6 itself is not installed here, so `tsc --checkJs --noEmit` with @types/k6 is what catches a
# misspelt API, a wrong option shape or a bad import before the CI workflow runs them with k6.
# Installs the pinned typescript and @types/k6 into target/k6-check (re-runs reuse them).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
# shellcheck source=scripts/lib/common.sh
source "$ROOT/scripts/lib/common.sh"
TYPES_K6_VERSION="2.3.0"
devstate_npm_tools "$ROOT/target/k6-check" "typescript@7.0.2" "@types/k6@$TYPES_K6_VERSION"
"$ROOT/target/k6-check/node_modules/.bin/tsc" -p "$ROOT/k6/tsconfig.json"
devstate_log "k6 scripts type-check against @types/k6 $TYPES_K6_VERSION"
