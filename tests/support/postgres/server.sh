#!/usr/bin/env bash
# A throwaway PostgreSQL 15 server for the tests, from Debian's packages:
#   server.sh start STATE_DIR   initdb into a new temporary folder, start the
#                               server on a Unix socket there (no TCP port),
#                               write its admin URI to STATE_DIR/admin-uri
#   server.sh stop STATE_DIR    stop it and delete the folder
#   server.sh restart STATE_DIR [SECONDS]  stop it (immediate: as a crash
#                               would), stay down SECONDS, start it again
# As root it runs the server as the unprivileged `postgres` user (initdb
# refuses root); otherwise as whoever runs it.
set -euo pipefail
action=${1:?start, stop or restart}
state=${2:?a folder for the server state}
mkdir -p "$state"

bindir=$(ls -d /usr/lib/postgresql/15/bin 2>/dev/null || true)
if [ -z "$bindir" ]; then
  echo "server.sh: PostgreSQL 15 is not installed (apt-get install postgresql-15; scripts/install-deps --test)" >&2
  exit 1
fi
as_server() {
  if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

stop_server() {
  local mode=$1 home
  home=$(cat "$state/home" 2>/dev/null || true)
  [ -n "$home" ] && [ -d "$home/data" ] || return 0
  as_server "$bindir/pg_ctl" -D "$home/data" -m "$mode" -w -t 60 stop >/dev/null 2>&1 || true
}

start_server() {
  local home=$1
  # fsync stays on: the tests that kill servers check that what was
  # acknowledged is there afterwards.
  as_server "$bindir/pg_ctl" -D "$home/data" -l "$home/server.log" -w -t 60 \
    -o "-c listen_addresses='' -c unix_socket_directories='$home' -c port=5432 -c max_connections=300" \
    start >/dev/null
}

case "$action" in
  start)
    stop_server fast
    if [ -f "$state/home" ]; then rm -rf "$(cat "$state/home")"; fi
    # A short path: a Unix socket's name is limited to about 100 bytes.
    home=$(mktemp -d /tmp/trialwise-pg.XXXXXX)
    chmod 0755 "$home"
    [ "$(id -u)" -ne 0 ] || chown postgres: "$home"
    as_server "$bindir/initdb" -D "$home/data" -U trialwise --auth=trust -E UTF8 --locale=C.UTF-8 \
      --no-instructions >"$state/initdb.log" 2>&1 || { cat "$state/initdb.log" >&2; exit 1; }
    start_server "$home" || { cat "$home/server.log" >&2; exit 1; }
    echo "$home" >"$state/home"
    echo "postgresql:///postgres?host=$home&port=5432&user=trialwise" >"$state/admin-uri"
    ;;
  stop)
    stop_server fast
    if [ -f "$state/home" ]; then rm -rf "$(cat "$state/home")"; fi
    rm -f "$state/home" "$state/admin-uri"
    ;;
  restart)
    home=$(cat "$state/home")
    stop_server immediate
    sleep "${3:-0}"
    start_server "$home" || { cat "$home/server.log" >&2; exit 1; }
    ;;
  *)
    echo "server.sh: unknown action $action (start, stop or restart)" >&2
    exit 2
    ;;
esac
