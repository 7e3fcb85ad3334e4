#!/usr/bin/env bash
# Browser tests drive Debian's chromium; Playwright's own download cannot work here.
set -euo pipefail
command -v chromium >/dev/null && exit 0
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
  echo "→ Cài chromium (gói Debian) cho kiểm thử trình duyệt…"
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-dejavu-core >/dev/null
else
  echo "Thiếu chromium cho kiểm thử trình duyệt: sudo apt-get install chromium" >&2
  exit 1
fi
