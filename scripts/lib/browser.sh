#!/usr/bin/env bash
# Installs what PageIT needs to drive the page at / in a real browser: Debian's chromium and
# chromium-driver (apt-get, as root) and selenium, pinned, in target/browser-venv. Re-runs are
# no-ops. Selenium is always given the driver and browser paths below, so it never downloads one
# of its own (Selenium Manager): the browser under test is the distribution's, known in advance.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
# shellcheck source=scripts/lib/pip-tool.sh
source "$ROOT/scripts/lib/pip-tool.sh"

# The paths page_check.py uses (it reads CHROMIUM / CHROMEDRIVER when they are set).
CHROMIUM=${CHROMIUM:-/usr/bin/chromium}
CHROMEDRIVER=${CHROMEDRIVER:-/usr/bin/chromedriver}

if [ -x "$CHROMIUM" ] && [ -x "$CHROMEDRIVER" ]; then
  devstate_log "chromium and chromedriver already installed ($("$CHROMIUM" --version 2>/dev/null | head -1))"
else
  devstate_apt_install chromium chromium-driver
  [ -x "$CHROMIUM" ] && [ -x "$CHROMEDRIVER" ] ||
    devstate_die "chromium-driver installed but $CHROMIUM or $CHROMEDRIVER is missing"
  devstate_log "installed $("$CHROMIUM" --version 2>/dev/null | head -1)"
fi

# 4.51.0: 4.52.0 requires a certifi release newer than the ones the build's index may offer
devstate_pip_tool "$ROOT/target/browser-venv" selenium 4.51.0
