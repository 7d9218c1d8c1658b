#!/usr/bin/env bash
# The original's verify script: `devstate verify` (docs/CLI.md). Without arguments it verifies the
# project's chain on the server; `--files .trae` verifies .trae/history.json and .trae/state.json
# offline with the key in DEVSTATE_HMAC_KEYS or HMAC_SECRET/HMAC_KID. Every argument goes to
# `devstate verify` and its exit code is this script's: 0 ok, 1 broken chain, 6 no history at all
# for the project (a typo in DEVSTATE_PROJECT?; `--allow-empty` accepts it), 2-5 as in docs/CLI.md.
set -euo pipefail
exec "$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/devstate.sh" verify "$@"
