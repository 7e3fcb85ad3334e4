#!/usr/bin/env bash
# Backs up the portal's database to backups/ (or to $1):
#   PostgreSQL (DATABASE_URL=postgres://…): pg_dump custom format, restorable with restore.sh;
#   the SQLite demo (no DATABASE_URL): a consistent copy through SQLite's backup API.
set -euo pipefail
cd "$(dirname "$0")/.."
stamp=$(date +%Y%m%d-%H%M%S)
mkdir -p backups
url=${DATABASE_URL:-}
if [[ "$url" == postgres* ]]; then
  out=${1:-backups/khuyenhoc-$stamp.dump}
  pg_dump --format=custom --no-owner --no-privileges --dbname="$url" --file="$out"
else
  out=${1:-backups/khuyenhoc-$stamp.sqlite3}
  .venv/bin/python - "$out" <<'PY'
import sqlite3, sys
src = sqlite3.connect("db.sqlite3")
dst = sqlite3.connect(sys.argv[1])
src.backup(dst)
dst.close(); src.close()
PY
fi
echo "Đã sao lưu vào $out"
