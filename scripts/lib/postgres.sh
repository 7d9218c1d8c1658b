# shellcheck shell=bash
# shellcheck disable=SC2034 # DEVSTATE_* variables are read by the sourcing scripts
# Shared PostgreSQL helpers for scripts/start-local.sh, the benchmarks and .ci/run. Source it (or run it with `bindir`).
#
#   devstate_pg_ensure_bindir          find (or, as root, apt-install) initdb/pg_ctl/postgres; exports PG_BIN
#   devstate_pg_cluster_start DIR PORT create (first time) and start a local cluster; sets DEVSTATE_PG_PORT_ACTUAL
#                                      and DEVSTATE_PG_STARTED (1 if this call started it)
#   devstate_pg_cluster_stop DIR       stop that cluster (fast shutdown)
#   devstate_as_server_user CMD...     run CMD as the `postgres` OS user when we are root
#   bash scripts/lib/postgres.sh bindir  prints the server binaries' directory (LocalPostgres asks this)
#
# Logging and apt come from common.sh, sourced here.
#
# Binary lookup order, for the scripts and for the tests' LocalPostgres alike: $PG_BIN,
# `pg_config --bindir`, the newest /usr/lib/postgresql/*/bin, then PATH.
# The role/database are the ones the service expects: role `devstate` (password `devstate`, not a
# superuser) owning database `devstate`.

DEVSTATE_PG_SERVER_USER=postgres
DEVSTATE_DB_USER=devstate
DEVSTATE_DB_PASSWORD=devstate
DEVSTATE_DB_NAME=devstate

# shellcheck source=scripts/lib/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

# Runs a command as the PostgreSQL OS user when root (PostgreSQL refuses to run as root).
devstate_as_server_user() {
  if devstate_is_root; then
    runuser -u "$DEVSTATE_PG_SERVER_USER" -- "$@"
  else
    "$@"
  fi
}

devstate__has_server_tools() {
  [ -n "$1" ] && [ -x "$1/initdb" ] && [ -x "$1/pg_ctl" ] && [ -x "$1/postgres" ]
}

# Prints the directory holding initdb, pg_ctl and postgres; returns 1 if there is none.
devstate_pg_find_bindir() {
  local dir
  if [ -n "${PG_BIN:-}" ]; then
    devstate__has_server_tools "$PG_BIN" || return 1
    printf '%s\n' "$PG_BIN"
    return 0
  fi
  if command -v pg_config >/dev/null 2>&1; then
    dir=$(pg_config --bindir 2>/dev/null || true)
    if devstate__has_server_tools "$dir"; then printf '%s\n' "$dir"; return 0; fi
  fi
  if [ -d /usr/lib/postgresql ]; then
    # newest version first
    while IFS= read -r dir; do
      if devstate__has_server_tools "$dir"; then printf '%s\n' "$dir"; return 0; fi
    done < <(find /usr/lib/postgresql -mindepth 2 -maxdepth 2 -name bin -type d 2>/dev/null | sort -V -r)
  fi
  dir=$(command -v initdb 2>/dev/null || true)
  if [ -n "$dir" ]; then
    dir=$(dirname "$dir")
    if devstate__has_server_tools "$dir"; then printf '%s\n' "$dir"; return 0; fi
  fi
  return 1
}

# Finds the server binaries, installing the `postgresql` package when missing (root + apt only).
# Exports PG_BIN so the Java test support (LocalPostgres) uses the very same binaries.
devstate_pg_ensure_bindir() {
  local dir
  if [ -n "${PG_BIN:-}" ] && ! devstate__has_server_tools "$PG_BIN"; then
    devstate_die "PG_BIN=$PG_BIN does not contain initdb, pg_ctl and postgres"
  fi
  if ! dir=$(devstate_pg_find_bindir); then
    if devstate_is_root && command -v apt-get >/dev/null 2>&1; then
      devstate_log "PostgreSQL server binaries not found: installing the 'postgresql' package"
      # Debian/Ubuntu would create and start a default 'main' cluster on port 5432; we only need
      # the binaries. The drop-in is honoured by postgresql-common (createcluster.d) and removed again.
      local dropdir=/etc/postgresql-common/createcluster.d
      local dropin=$dropdir/00-devstate-no-main-cluster.conf created_dir='' created_dropin=''
      [ -d "$dropdir" ] || { mkdir -p "$dropdir"; created_dir=1; }
      if [ ! -e "$dropin" ]; then
        printf 'create_main_cluster = false\n' >"$dropin"
        created_dropin=1
      fi
      local install_rc=0
      devstate_apt_install postgresql || install_rc=$?
      [ -z "$created_dropin" ] || rm -f "$dropin"
      [ -z "$created_dir" ] || rmdir "$dropdir" 2>/dev/null || true
      [ "$install_rc" -eq 0 ] || devstate_die "apt-get install postgresql failed"
      dir=$(devstate_pg_find_bindir) || devstate_die "installed 'postgresql' but still cannot find initdb/pg_ctl/postgres"
      devstate_log "installed PostgreSQL: $("$dir/postgres" --version)"
    else
      devstate_die "PostgreSQL server binaries (initdb, pg_ctl, postgres) not found.
  Install PostgreSQL (Debian/Ubuntu: sudo apt-get install postgresql; macOS: brew install postgresql)
  or set PG_BIN to the directory containing them, or set DATABASE_URL to an existing database."
    fi
  fi
  export PG_BIN="$dir"
  if devstate_is_root; then
    devstate_pg_ensure_server_user
  fi
}

# As root, PostgreSQL runs as the `postgres` OS user; the Debian package creates it, a custom build may not.
devstate_pg_ensure_server_user() {
  if ! id -u "$DEVSTATE_PG_SERVER_USER" >/dev/null 2>&1; then
    devstate_log "creating system user '$DEVSTATE_PG_SERVER_USER' to run PostgreSQL (it refuses to run as root)"
    useradd --system --no-create-home --home-dir /nonexistent --shell /usr/sbin/nologin "$DEVSTATE_PG_SERVER_USER"
  fi
  command -v runuser >/dev/null 2>&1 || devstate_die "runuser (util-linux) is needed to run PostgreSQL as '$DEVSTATE_PG_SERVER_USER'"
}

devstate__psql() { # PORT SQL  (as the cluster superuser, over TCP)
  local psql="$PG_BIN/psql"
  [ -x "$psql" ] || psql=$(command -v psql) || devstate_die "psql not found (next to $PG_BIN or on PATH)"
  PGPASSWORD="$(cat "$DEVSTATE_PG_DIR_CURRENT/superuser.password")" PGSSLMODE=disable PGCONNECT_TIMEOUT=10 \
    "$psql" -X -q -A -t -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$1" -U postgres -d postgres -c "$2"
}

devstate__pg_log_tail() {
  [ -f "$1/postgres.log" ] && { devstate_log "--- tail of $1/postgres.log ---"; tail -n 15 "$1/postgres.log" >&2; }
  return 0
}

# devstate_pg_cluster_start DIR PORT
# DIR/data is the cluster, DIR/postgres.log its log. Listens on 127.0.0.1:PORT only, no unix sockets.
# Local access: password auth (scram) for every role; the bootstrap superuser `postgres` has a random
# password kept in DIR/superuser.password (mode 600).
devstate_pg_cluster_start() {
  local dir="$1" port="$2" data="$1/data" status
  [[ "$port" =~ ^[0-9]+$ ]] || devstate_die "invalid PostgreSQL port: $port"
  [ -n "${PG_BIN:-}" ] || devstate_pg_ensure_bindir
  DEVSTATE_PG_DIR_CURRENT="$dir"
  DEVSTATE_PG_STARTED=

  mkdir -p "$dir"
  if devstate_is_root; then
    chown "$DEVSTATE_PG_SERVER_USER:" "$dir"
    chmod 700 "$dir"
    runuser -u "$DEVSTATE_PG_SERVER_USER" -- test -w "$dir" ||
      devstate_die "the '$DEVSTATE_PG_SERVER_USER' OS user cannot reach $dir (is a parent directory private, e.g. /root?).
  Set DEVSTATE_PG_DIR to a directory it can reach (e.g. /var/tmp/devstate-pg), or set DATABASE_URL."
  fi

  if [ ! -f "$data/PG_VERSION" ]; then
    devstate_log "creating PostgreSQL cluster in $data"
    rm -rf "$data"
    local pwfile="$dir/superuser.password"
    (umask 077; od -An -tx1 -N24 /dev/urandom | tr -d ' \n' >"$pwfile")
    if devstate_is_root; then chown "$DEVSTATE_PG_SERVER_USER:" "$pwfile"; fi
    if ! devstate_as_server_user env LC_ALL=C "$PG_BIN/initdb" -D "$data" -U postgres --pwfile="$pwfile" \
        --auth-local=scram-sha-256 --auth-host=scram-sha-256 -E UTF8 --locale=C >"$dir/initdb.log" 2>&1; then
      cat "$dir/initdb.log" >&2
      rm -rf "$data"
      devstate_die "initdb failed"
    fi
    devstate_as_server_user tee -a "$data/postgresql.conf" >/dev/null <<'EOF'

# --- DevState local development cluster (scripts/start-local.sh) ---
listen_addresses = '127.0.0.1'
unix_socket_directories = ''
max_connections = 200
timezone = 'UTC'
log_timezone = 'UTC'
EOF
  fi

  status=0
  devstate_as_server_user "$PG_BIN/pg_ctl" status -D "$data" >/dev/null 2>&1 || status=$?
  if [ "$status" -eq 0 ]; then
    DEVSTATE_PG_PORT_ACTUAL=$(sed -n 4p "$data/postmaster.pid")
    devstate_log "PostgreSQL already running (port $DEVSTATE_PG_PORT_ACTUAL, $data)"
  else
    devstate_log "starting PostgreSQL on 127.0.0.1:$port ($data, log $dir/postgres.log)"
    if ! devstate_as_server_user "$PG_BIN/pg_ctl" start -D "$data" -l "$dir/postgres.log" -w -t 60 -s -o "-p $port" </dev/null; then
      devstate__pg_log_tail "$dir"
      devstate_die "PostgreSQL failed to start (port $port busy? set DEVSTATE_PG_PORT)"
    fi
    DEVSTATE_PG_STARTED=1
    DEVSTATE_PG_PORT_ACTUAL=$port
  fi

  # Idempotent: also repairs a cluster whose first run was interrupted.
  if [ "$(devstate__psql "$DEVSTATE_PG_PORT_ACTUAL" "select count(*) from pg_roles where rolname = '$DEVSTATE_DB_USER'")" != 1 ]; then
    devstate_log "creating role $DEVSTATE_DB_USER"
    devstate__psql "$DEVSTATE_PG_PORT_ACTUAL" "create role $DEVSTATE_DB_USER login nosuperuser nocreaterole password '$DEVSTATE_DB_PASSWORD'"
  fi
  if [ "$(devstate__psql "$DEVSTATE_PG_PORT_ACTUAL" "select count(*) from pg_database where datname = '$DEVSTATE_DB_NAME'")" != 1 ]; then
    devstate_log "creating database $DEVSTATE_DB_NAME"
    devstate__psql "$DEVSTATE_PG_PORT_ACTUAL" "create database $DEVSTATE_DB_NAME owner $DEVSTATE_DB_USER encoding 'UTF8' template template0"
  fi
}

devstate_pg_cluster_stop() {
  local dir="$1"
  [ -n "${PG_BIN:-}" ] || PG_BIN=$(devstate_pg_find_bindir) || return 0
  if devstate_as_server_user "$PG_BIN/pg_ctl" status -D "$dir/data" >/dev/null 2>&1; then
    devstate_log "stopping PostgreSQL ($dir/data)"
    devstate_as_server_user "$PG_BIN/pg_ctl" stop -D "$dir/data" -m fast -w -t 60 -s ||
      devstate_as_server_user "$PG_BIN/pg_ctl" stop -D "$dir/data" -m immediate -w -t 30 -s || true
  fi
}

if [ "${BASH_SOURCE[0]}" = "$0" ]; then
  case "${1:-}" in
    bindir) devstate_pg_find_bindir || { printf 'PostgreSQL server binaries (initdb, pg_ctl, postgres) not found%s\n' \
      "${PG_BIN:+ in PG_BIN=$PG_BIN}" >&2; exit 1; } ;;
    *) printf 'usage: bash scripts/lib/postgres.sh bindir   (or source it)\n' >&2; exit 2 ;;
  esac
fi
