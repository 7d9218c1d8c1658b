#!/usr/bin/env bash
# The original's export script: `devstate export` (docs/CLI.md) writes .trae/state.json and
# .trae/history.json (or --dir DIR) byte-exactly as the server exports them. Every argument goes to
# `devstate export` and its exit code is this script's (4: e.g. 404, the project has no state and
# no history).
set -euo pipefail
exec "$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/devstate.sh" export "$@"
