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
#
# The exit code is the CLI's own (exec: 0 ok, 1 drift/broken chain, ..., 6 no history for the
# project; docs/CLI.md "Exit codes"); arguments are passed through unchanged. When the binary cannot
# be built (no Go, a compile error) it exits 2, a configuration error, never 1 (which a CI step
# would read as drift) and never with a stale binary.
set -euo pipefail
# shellcheck source=scripts/lib/cli.sh
source "$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/lib/cli.sh"
# Not `if ! devstate_cli_ensure`: errexit is off inside a condition, so a failed build would go on.
set +e
(
  set -e
  devstate_cli_ensure
)
built=$?
set -e
if [ "$built" -ne 0 ]; then
  printf 'devstate.sh: cannot build %s (exit %d, see above): exiting 2\n' "$DEVSTATE_CLI_BIN" "$built" >&2
  exit 2
fi
exec "$DEVSTATE_CLI_BIN" "$@"
