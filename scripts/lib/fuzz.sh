#!/usr/bin/env bash
# Installs the fuzzer FuzzIT runs against the packaged service's served contract: schemathesis,
# pinned, in target/fuzz-venv. Re-runs are no-ops.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
# shellcheck source=scripts/lib/pip-tool.sh
source "$ROOT/scripts/lib/pip-tool.sh"
devstate_pip_tool "$ROOT/target/fuzz-venv" schemathesis 4.32.5
