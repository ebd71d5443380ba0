#!/usr/bin/env bash
# A throw-away PostgreSQL cluster for the tests: initdb and pg_ctl from Debian's postgresql
# package, in a temporary directory, on a Unix socket only (no TCP port to collide with).
#
#   tests/pg_cluster.sh start STATE_DIR   # STATE_DIR/uri: postgresql://... of an empty database
#   tests/pg_cluster.sh stop STATE_DIR    # stops the cluster and removes its directory
#
# PostgreSQL refuses to run as root, so as root the cluster belongs to an ordinary user
# (TB_PG_USER, default nobody). Without the server installed, start writes no uri and says
# so: the tests that need it then skip.
set -euo pipefail

cmd=${1:-}
state=${2:-}
if [ -z "$cmd" ] || [ -z "$state" ]; then
  echo "usage: tests/pg_cluster.sh start|stop STATE_DIR" >&2
  exit 2
fi

as_owner() {
  if [ "$(id -u)" -eq 0 ]; then
    runuser -u "${TB_PG_USER:-nobody}" -- "$@"
  else
    "$@"
  fi
}

stop() {
  [ -f "$state/dir" ] || return 0
  local dir bin
  dir=$(cat "$state/dir")
  bin=$(cat "$state/bin" 2>/dev/null || true)
  if [ -n "$bin" ] && [ -f "$dir/data/postmaster.pid" ]; then
    (cd "$dir" && as_owner "$bin/pg_ctl" -D "$dir/data" -m immediate -w stop >/dev/null 2>&1) || true
  fi
  # Only a directory this script made (its name says so).
  case "$dir" in
    /tmp/tb-pg.*) rm -rf "$dir" ;;
  esac
  rm -f "$state/dir" "$state/bin" "$state/uri"
}

case "$cmd" in
  stop)
    stop
    exit 0
    ;;
  start) ;;
  *)
    echo "tests/pg_cluster.sh: unknown command '$cmd' (expected start or stop)" >&2
    exit 2
    ;;
esac

mkdir -p "$state"
stop  # a cluster left by an interrupted run
initdb=$(ls -d /usr/lib/postgresql/*/bin/initdb 2>/dev/null | sort -V | tail -n 1 || true)
if [ -z "$initdb" ]; then
  echo "PostgreSQL server not installed (Debian: apt-get install postgresql): the PostgreSQL tests skip"
  exit 0
fi
bin=$(dirname "$initdb")

# Short and under /tmp: a socket path may not pass 107 bytes.
dir=$(mktemp -d /tmp/tb-pg.XXXXXX)
echo "$dir" >"$state/dir"
echo "$bin" >"$state/bin"
if [ "$(id -u)" -eq 0 ]; then
  chown "${TB_PG_USER:-nobody}" "$dir"
fi
chmod 700 "$dir"
cd "$dir"  # the server's user may not be able to enter the caller's directory

fail() {
  echo "tests/pg_cluster.sh: $1" >&2
  [ -f "$dir/log" ] && tail -n 20 "$dir/log" >&2
  stop
  exit 1
}

as_owner "$bin/initdb" -D "$dir/data" -U termbridge --auth=trust -E UTF8 --locale=C.UTF-8 --no-sync \
  >"$dir/initdb.log" 2>&1 || { cat "$dir/initdb.log" >&2; fail "initdb failed in $dir"; }
# Durability is of no use for a cluster that is removed afterwards; speed is. A benchmark
# keeps it (TB_PG_DURABLE=1) and may add settings (TB_PG_OPTIONS, e.g. "-c shared_buffers=1GB").
fast="-c fsync=off -c synchronous_commit=off -c full_page_writes=off"
[ "${TB_PG_DURABLE:-0}" = 1 ] && fast=""
as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/log" -w -t 60 start \
  -o "-c listen_addresses='' -c unix_socket_directories='$dir' $fast -c max_connections=200 \
      ${TB_PG_OPTIONS:-}" \
  >/dev/null || fail "the server did not start (log: $dir/log)"
"$bin/psql" -X -q -h "$dir" -U termbridge -d postgres -c "CREATE DATABASE termbridge_test" \
  >/dev/null || fail "cannot create the test database"
echo "postgresql://termbridge@/termbridge_test?host=$dir" >"$state/uri"
echo "PostgreSQL $("$bin/postgres" --version | awk '{print $3}') on $dir: $(cat "$state/uri")"
