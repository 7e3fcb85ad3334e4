#!/usr/bin/env bash
# Runs the given command against PostgreSQL. With DATABASE_URL set, uses it as is;
# otherwise starts a throwaway cluster (fsync off: test data only), exports its
# DATABASE_URL, runs the command, and stops the cluster whatever the outcome.
# Minimal WAL, and no checkpoint before 8 GB of it: a table filled in the transaction
# that truncated it writes no WAL (the bench's province seed), and a load of gigabytes
# is not cut by checkpoints every few seconds.
set -euo pipefail
if [ -n "${DATABASE_URL:-}" ]; then exec "$@"; fi

find_bin() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1; }
BIN=$(find_bin)
if [ -z "$BIN" ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    echo "→ Cài PostgreSQL (gói Debian postgresql)…"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
    BIN=$(find_bin)
  else
    echo "Không tìm thấy PostgreSQL. Cài gói: sudo apt-get install postgresql" >&2
    echo "hoặc đặt DATABASE_URL trỏ tới một máy chủ PostgreSQL có quyền CREATEDB." >&2
    exit 1
  fi
fi

DIR=$(mktemp -d /tmp/khuyenhoc-pg.XXXXXX)
PORT=${PGTEST_PORT:-$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')}
as_pg() { if [ "$(id -u)" = 0 ]; then su postgres -s /bin/bash -c "$1"; else bash -c "$1"; fi; }
[ "$(id -u)" = 0 ] && chown postgres:postgres "$DIR"
as_pg "'$BIN/initdb' -D '$DIR/data' -U postgres -A trust -E UTF8 --locale=C.UTF-8 >'$DIR/initdb.log' 2>&1"
as_pg "'$BIN/pg_ctl' -D '$DIR/data' -l '$DIR/log' -w -o \"-p $PORT -k $DIR -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200 -c wal_level=minimal -c max_wal_senders=0 -c max_wal_size=8GB -c checkpoint_timeout=1h\" start >/dev/null"
stop() { as_pg "'$BIN/pg_ctl' -D '$DIR/data' -m fast -w stop >/dev/null 2>&1" || true; rm -rf "$DIR"; }
trap stop EXIT
"$BIN/createdb" -h 127.0.0.1 -p "$PORT" -U postgres khuyenhoc
export DATABASE_URL="postgres://postgres@127.0.0.1:$PORT/khuyenhoc"
export PG_BIN="$BIN" PG_DIR="$DIR" PG_PORT="$PORT"
echo "→ PostgreSQL tạm thời ở cổng $PORT ($BIN)"
"$@"
