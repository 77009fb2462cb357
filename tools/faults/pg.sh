#!/usr/bin/env bash
# A PostgreSQL cluster of its own for the fault suite, so restarting it disturbs no one else.
#   tools/faults/pg.sh init      initdb (trust auth, user postgres) under ${FAULTS_PG_DATA}, once
#   tools/faults/pg.sh start     start on 127.0.0.1:${FAULTS_PG_PORT:-15432} and wait until it answers
#   tools/faults/pg.sh stop      fast shutdown;  tools/faults/pg.sh crash: immediate shutdown (no checkpoint, crash recovery at next start)
#   tools/faults/pg.sh status    exit 0 when it answers
# As root the server runs as the postgres user (PostgreSQL refuses to run as root).
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
data="${FAULTS_PG_DATA:-$repo/.data/pg-faults}"
port="${FAULTS_PG_PORT:-15432}"
bin="${PG_BIN:-$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)}"
[ -x "$bin/pg_ctl" ] || bin="$(dirname "$(command -v pg_ctl || echo /nonexistent/pg_ctl)")"
[ -x "$bin/pg_ctl" ] || { echo "[pg-faults] no PostgreSQL server binaries (pg_ctl) found; set PG_BIN" >&2; exit 1; }

as_owner() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
log() { printf '[pg-faults] %s\n' "$*" >&2; }

init() {
  if [ -f "$data/PG_VERSION" ]; then return 0; fi
  mkdir -p "$data"
  if [ "$(id -u)" = 0 ]; then chown postgres: "$data"; fi
  chmod 700 "$data"
  as_owner "$bin/initdb" -D "$data" -A trust -U postgres --no-sync >/dev/null
  log "initialised $data"
}

ctl() { as_owner "$bin/pg_ctl" -D "$data" "$@"; }

start() {
  init
  if status; then log "already answers on 127.0.0.1:$port"; return 0; fi
  ctl -l "$data/server.log" -w -t 60 \
    -o "-p $port -c listen_addresses=127.0.0.1 -c unix_socket_directories=$data -c max_connections=300 -c shared_buffers=128MB" start >/dev/null
  log "ready on 127.0.0.1:$port (data $data)"
}

stop() { if [ -f "$data/postmaster.pid" ]; then ctl -m "${1:-fast}" -w -t 60 stop >/dev/null || true; fi; log "stopped (${1:-fast})"; }

status() { "$bin/pg_isready" -q -h 127.0.0.1 -p "$port"; }

case "${1:-}" in
  init) init ;;
  start) start ;;
  stop) stop fast ;;
  crash) stop immediate ;;
  status) status ;;
  *) echo "usage: $0 init|start|stop|crash|status" >&2; exit 2 ;;
esac
