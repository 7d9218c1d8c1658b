# shellcheck shell=bash
# Source it: devstate_pip_tool VENV PACKAGE VERSION installs one pinned PyPI package into its own
# venv under target/ (the test tools: the MCP Python SDK, schemathesis). A venv that already holds
# that version is left as it is.

devstate_pip_tool() {
  local venv=$1 package=$2 version=$3
  if [ -x "$venv/bin/python" ] && "$venv/bin/python" -c "import importlib.metadata as m; assert m.version('$package') == '$version'" 2>/dev/null; then
    echo "[devstate] $package $version already in $venv"
    return 0
  fi
  command -v python3 >/dev/null || { echo "[devstate] python3 is required to install $package" >&2; return 1; }
  python3 -m venv "$venv" 2>/dev/null || { apt-get install -y -q python3-venv >/dev/null && python3 -m venv "$venv"; }
  "$venv/bin/pip" install -q --disable-pip-version-check "$package==$version"
  echo "[devstate] installed $package $version into $venv"
}
