#!/usr/bin/env bash
# Installs the official MCP Inspector, pinned, in target/mcp-inspector: McpInspectorTest runs its
# CLI (`mcp-inspector --cli <url> --method ... --strict`) against the test service and fails on any
# warning. Re-runs are no-ops. Its install script only fetches the web and TUI clients, which the
# CLI does not need, so it is skipped.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
DIR="$ROOT/target/mcp-inspector"
INSPECTOR_VERSION="2.12.0"
PACKAGE="@modelcontextprotocol/inspector"

installed() {
  [ -f "$DIR/node_modules/$PACKAGE/package.json" ] &&
    [ "$(node -p "require('$DIR/node_modules/$PACKAGE/package.json').version")" = "$INSPECTOR_VERSION" ]
}

command -v npm >/dev/null || { echo "[devstate] node and npm are required for the MCP Inspector test" >&2; exit 1; }
if installed; then
  echo "[devstate] $PACKAGE $INSPECTOR_VERSION already in $DIR"
  exit 0
fi
mkdir -p "$DIR"
[ -f "$DIR/package.json" ] || printf '{"private":true}\n' >"$DIR/package.json"
(cd "$DIR" && npm install --no-audit --no-fund --loglevel=error --ignore-scripts --save-exact \
  "$PACKAGE@$INSPECTOR_VERSION")
echo "[devstate] installed $PACKAGE $INSPECTOR_VERSION into $DIR"
