#!/usr/bin/env bash
# Installs the independent MCP client the tests drive DevState's /mcp endpoint with: the official
# MCP Python SDK, pinned, in target/mcp-venv. Re-runs are no-ops.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
# shellcheck source=scripts/lib/pip-tool.sh
source "$ROOT/scripts/lib/pip-tool.sh"
devstate_pip_tool "$ROOT/target/mcp-venv" mcp 2.3.0
