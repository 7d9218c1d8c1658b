#!/usr/bin/env bash
# Installs the official MCP Inspector, pinned, in target/mcp-inspector: McpInspectorTest runs its
# CLI (`mcp-inspector --cli <url> --method ... --strict`) against the test service and fails on any
# warning. Re-runs are no-ops. Its install script only fetches the web and TUI clients, which the
# CLI does not need, so install scripts are skipped.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
# shellcheck source=scripts/lib/common.sh
source "$ROOT/scripts/lib/common.sh"
devstate_npm_tools "$ROOT/target/mcp-inspector" "@modelcontextprotocol/inspector@2.12.0"
