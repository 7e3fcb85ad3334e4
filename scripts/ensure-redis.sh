#!/usr/bin/env bash
# The test of several app hosts (tests/hosts/) starts a real redis-server on a free port;
# a fresh machine has none, so install Debian's package, as ensure-chromium.sh does.
set -euo pipefail
command -v redis-server >/dev/null && exit 0
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
  echo "→ Cài redis-server (gói Debian) cho kiểm thử nhiều máy chủ ứng dụng…"
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq redis-server >/dev/null
else
  echo "Thiếu redis-server cho kiểm thử nhiều máy chủ: sudo apt-get install redis-server" >&2
  exit 1
fi
