#!/usr/bin/env bash
# Installs the independent MCP client the tests drive DevState's /mcp endpoint with: the official
# MCP Python SDK, pinned, in target/mcp-venv. Re-runs are no-ops.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
VENV="$ROOT/target/mcp-venv"
MCP_VERSION="2.3.0"

if [ -x "$VENV/bin/python" ] && "$VENV/bin/python" -c "import mcp, importlib.metadata as m; assert m.version('mcp') == '$MCP_VERSION'" 2>/dev/null; then
  echo "[devstate] mcp $MCP_VERSION already in $VENV"
  exit 0
fi
command -v python3 >/dev/null || { echo "[devstate] python3 is required for the MCP client tests" >&2; exit 1; }
python3 -m venv "$VENV" 2>/dev/null || { apt-get install -y -q python3-venv >/dev/null && python3 -m venv "$VENV"; }
"$VENV/bin/pip" install -q --disable-pip-version-check "mcp==$MCP_VERSION"
echo "[devstate] installed mcp $MCP_VERSION into $VENV"
