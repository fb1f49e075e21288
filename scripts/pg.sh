#!/usr/bin/env bash
# Private PostgreSQL cluster for the demo and the tests: initdb + pg_ctl in a directory of
# our own, on a random free loopback port, with its own socket directory.
#
#   scripts/pg.sh start DIR   initialises DIR if needed, starts the server and prints its URL
#   scripts/pg.sh stop DIR    stops the server (fast shutdown)
#   scripts/pg.sh url DIR     prints the URL of a running cluster
#
# PG_OPTIONS adds server settings at start, e.g. PG_OPTIONS="-c shared_buffers=2GB".
#
# PostgreSQL refuses to run as root, so as root the cluster runs as the `postgres` user.
set -euo pipefail

die() { echo "pg.sh: $*" >&2; exit 1; }

find_bindir() {
  local dir
  for dir in /usr/lib/postgresql/*/bin; do
    [[ -x "$dir/initdb" ]] && { echo "$dir"; return; }
  done
  command -v initdb >/dev/null && { dirname "$(command -v initdb)"; return; }
  die "no initdb found; run scripts/install-deps.sh"
}

as_owner() {
  if [[ $(id -u) -eq 0 ]]; then runuser -u postgres -- "$@"; else "$@"; fi
}

free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'
}

url_of() { echo "postgresql://dossier@127.0.0.1:$(cat "$1/port")/postgres"; }

start() {
  local dir=$1 bindir port attempt
  bindir=$(find_bindir)
  mkdir -p "$dir"
  dir=$(cd "$dir" && pwd)
  if [[ $(id -u) -eq 0 ]]; then
    chown postgres: "$dir"
    runuser -u postgres -- test -x "$dir" ||
      die "the postgres user cannot reach $dir: make its parent folders world-executable (chmod o+x)"
  fi
  if [[ ! -f "$dir/data/PG_VERSION" ]]; then
    as_owner "$bindir/initdb" -D "$dir/data" -U dossier --auth=trust -E UTF8 --locale=C.UTF-8 \
      >"$dir/initdb.log" 2>&1 || { cat "$dir/initdb.log" >&2; die "initdb failed"; }
    as_owner mkdir -p "$dir/socket"
  fi
  for attempt in 1 2 3 4 5; do
    # A restarted cluster keeps its port, so clients' URLs stay valid.
    if [[ $attempt -eq 1 && -f "$dir/port" ]]; then port=$(cat "$dir/port"); else port=$(free_port); fi
    if as_owner "$bindir/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
        -o "-p $port -k $dir/socket -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200 ${PG_OPTIONS:-}" \
        start >/dev/null; then
      echo "$port" >"$dir/port"
      url_of "$dir"
      return
    fi
    echo "pg.sh: start on port $port failed (attempt $attempt), retrying" >&2
  done
  tail -20 "$dir/server.log" >&2
  die "could not start PostgreSQL in $dir"
}

stop() {
  local dir=$1
  [[ -f "$dir/data/postmaster.pid" ]] || return 0
  as_owner "$(find_bindir)/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null
}

case "${1:-}" in
  start) [[ $# -eq 2 ]] || die "usage: pg.sh start DIR"; start "$2" ;;
  stop) [[ $# -eq 2 ]] || die "usage: pg.sh stop DIR"; stop "$2" ;;
  url) [[ $# -eq 2 ]] || die "usage: pg.sh url DIR"; url_of "$2" ;;
  *) die "usage: pg.sh start|stop|url DIR" ;;
esac
