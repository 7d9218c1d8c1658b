#!/usr/bin/env bash
# The devstate command line (docs/CLI.md), under the original's script name:
#
#   scripts/devstate.sh export [--dir .trae]      write .trae/state.json and .trae/history.json from the server
#   scripts/devstate.sh import [--dir .trae]      import them into the server (admin token)
#   scripts/devstate.sh verify [--files .trae]    verify the chain on the server, or offline
#   scripts/devstate.sh drift|set-cp|lock|unlock|search ...   every other devstate command
#
# Runs target/tools/devstate, building it first with scripts/lib/cli.sh when it is missing or older
# than its Go sources. Environment: DEVSTATE_URL, DEVSTATE_API_TOKEN, DEVSTATE_PROJECT (see docs/CLI.md).
set -euo pipefail
# shellcheck source=scripts/lib/cli.sh
source "$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/lib/cli.sh"
devstate_cli_ensure
exec "$DEVSTATE_CLI_BIN" "$@"
