# shellcheck shell=bash
# Source it: devstate_pip_tool VENV PACKAGE VERSION installs one pinned PyPI package into its own
# venv under target/ (the test tools: the MCP Python SDK, schemathesis). A venv that already holds
# that version is left as it is.

# shellcheck source=scripts/lib/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

devstate_pip_tool() {
  local venv=$1 package=$2 version=$3
  if [ -x "$venv/bin/python" ] && "$venv/bin/python" -c "import importlib.metadata as m; assert m.version('$package') == '$version'" 2>/dev/null; then
    devstate_log "$package $version already in $venv"
    return 0
  fi
  command -v python3 >/dev/null || devstate_apt_install python3
  python3 -c 'import venv, ensurepip' >/dev/null 2>&1 || devstate_apt_install python3-venv
  python3 -m venv "$venv"
  "$venv/bin/pip" install -q --disable-pip-version-check "$package==$version"
  devstate_log "installed $package $version into $venv"
}
