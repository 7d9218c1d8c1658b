#!/usr/bin/env bash
# Installs the fuzzer FuzzIT runs against the packaged service's served contract: schemathesis,
# pinned, in target/fuzz-venv. Re-runs are no-ops.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
VENV="$ROOT/target/fuzz-venv"
SCHEMATHESIS_VERSION="4.32.5"

if [ -x "$VENV/bin/st" ] && "$VENV/bin/python" -c "import importlib.metadata as m; assert m.version('schemathesis') == '$SCHEMATHESIS_VERSION'" 2>/dev/null; then
  echo "[devstate] schemathesis $SCHEMATHESIS_VERSION already in $VENV"
  exit 0
fi
command -v python3 >/dev/null || { echo "[devstate] python3 is required for the fuzz test" >&2; exit 1; }
python3 -m venv "$VENV" 2>/dev/null || { apt-get install -y -q python3-venv >/dev/null && python3 -m venv "$VENV"; }
"$VENV/bin/pip" install -q --disable-pip-version-check "schemathesis==$SCHEMATHESIS_VERSION"
echo "[devstate] installed schemathesis $SCHEMATHESIS_VERSION into $VENV"
