#!/usr/bin/env bash
# Restores a backup made by backup.sh into the database of DATABASE_URL (replacing its
# tables), or into db.sqlite3 for the SQLite demo. Usage: scripts/restore.sh FILE
set -euo pipefail
cd "$(dirname "$0")/.."
file=${1:?Cách dùng: make restore FILE=backups/khuyenhoc-….dump}
[ -f "$file" ] || { echo "Không thấy tệp $file" >&2; exit 1; }
url=${DATABASE_URL:-}
if [[ "$url" == postgres* ]]; then
  pg_restore --clean --if-exists --no-owner --no-privileges --exit-on-error --single-transaction \
    --dbname="$url" "$file"
else
  .venv/bin/python - "$file" <<'PY'
import sqlite3, sys
src = sqlite3.connect(sys.argv[1])
dst = sqlite3.connect("db.sqlite3")
src.backup(dst)
dst.close(); src.close()
PY
fi
echo "Đã khôi phục từ $file"
