# shellcheck shell=bash
# What every script here shares. Source it; do not execute it.
#
#   devstate_log MSG... / devstate_die MSG...   "[devstate] ..." on stderr (die exits 1)
#   devstate_is_root
#   devstate_apt_install PKG...                 apt-get install, non-interactive (apt-get update once first)
#   devstate_apt_has PKG                        whether apt has an installation candidate for PKG
#   devstate_stale TARGET PATH...               whether TARGET is missing or any file under PATH is newer
#   devstate_stamp_fresh STAMP < INPUTS         whether STAMP holds the sha256 of stdin; if not, remembers it
#   devstate_stamp_commit STAMP                 ... and this writes it, once the step it guards succeeded
#   devstate_npm_tools DIR PACKAGE@VERSION...   pinned npm packages in DIR/node_modules (kept when present)
#
# Two ways to decide "rebuild?", on purpose: by modification time when the output is built from
# files in this tree (a jar, the CLI), by a content stamp when the inputs can change without
# touching a newer file (a toolchain upgrade, a checkout restoring older times).

devstate_log() { printf '[devstate] %s\n' "$*" >&2; }
devstate_die() { printf '[devstate] ERROR: %s\n' "$*" >&2; exit 1; }
devstate_is_root() { [ "$(id -u)" -eq 0 ]; }

# apt-get update, once per script run.
devstate_apt_update() {
  devstate_is_root || devstate_die "need root to run apt-get (install the missing packages yourself)"
  command -v apt-get >/dev/null 2>&1 || devstate_die "apt-get not found; install the missing packages yourself"
  if [ -z "${DEVSTATE_APT_UPDATED:-}" ]; then
    devstate_log "apt-get update"
    DEBIAN_FRONTEND=noninteractive apt-get update -q </dev/null
    DEVSTATE_APT_UPDATED=1
  fi
}

devstate_apt_install() {
  devstate_is_root || devstate_die "need root to install: $* (install them yourself, e.g. sudo apt-get install $*)"
  command -v apt-get >/dev/null 2>&1 || devstate_die "apt-get not found; please install: $*"
  export DEBIAN_FRONTEND=noninteractive
  devstate_apt_update
  devstate_log "installing with apt-get: $*"
  apt-get install -y -q --no-install-recommends \
    -o Dpkg::Options::=--force-confdef -o Dpkg::Options::=--force-confold "$@" </dev/null
}

# Whether apt knows a package (for choosing among alternatives).
devstate_apt_has() {
  command -v apt-cache >/dev/null 2>&1 &&
    apt-cache policy "$1" 2>/dev/null | sed -n 's/^ *Candidate: *//p' | grep -qv '(none)'
}

devstate_stale() { # TARGET PATH...
  local target=$1 inputs=() p
  shift
  [ -e "$target" ] || return 0
  for p in "$@"; do [ -e "$p" ] && inputs+=("$p"); done
  [ "${#inputs[@]}" -gt 0 ] || return 1
  [ -n "$(find "${inputs[@]}" -type f -newer "$target" -print -quit 2>/dev/null)" ]
}

devstate_stamp_fresh() { # STAMP < INPUTS
  local stamp=$1 sum
  sum=$(sha256sum | cut -d' ' -f1)
  [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$sum" ] && return 0
  mkdir -p "$(dirname "$stamp")"
  printf '%s\n' "$sum" >"$stamp.new"
  return 1
}

devstate_stamp_commit() { # STAMP (nothing to do when devstate_stamp_fresh found it fresh)
  if [ -f "$1.new" ]; then mv "$1.new" "$1"; fi
}

devstate_npm_tools() { # DIR PACKAGE@VERSION...
  local dir=$1 spec name version missing=()
  shift
  for spec in "$@"; do
    name=${spec%@*} version=${spec##*@}
    if [ ! -f "$dir/node_modules/$name/package.json" ] ||
        [ "$(node -p "require('$dir/node_modules/$name/package.json').version")" != "$version" ]; then
      missing+=("$spec")
    fi
  done
  if [ "${#missing[@]}" -eq 0 ]; then
    devstate_log "already in $dir: $*"
    return 0
  fi
  command -v npm >/dev/null 2>&1 || devstate_apt_install nodejs npm
  mkdir -p "$dir"
  [ -f "$dir/package.json" ] || printf '{"private":true}\n' >"$dir/package.json"
  (cd "$dir" && npm install --no-audit --no-fund --loglevel=error --ignore-scripts --save-exact "${missing[@]}")
  devstate_log "installed into $dir: ${missing[*]}"
}
