#!/usr/bin/env bash
# The original's export script: `devstate export` (docs/CLI.md) writes .trae/state.json and
# .trae/history.json (or --dir DIR) byte-exactly as the server exports them.
set -euo pipefail
exec "$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/devstate.sh" export "$@"
