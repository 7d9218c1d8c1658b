#!/usr/bin/env bash
# The original's verify script: `devstate verify` (docs/CLI.md). Without arguments it verifies the
# project's chain on the server; `--files .trae` verifies .trae/history.json and .trae/state.json
# offline with the key in DEVSTATE_HMAC_KEYS or HMAC_SECRET/HMAC_KID. Exit 0 ok, 1 broken chain.
set -euo pipefail
exec "$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/devstate.sh" verify "$@"
