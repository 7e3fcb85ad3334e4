#!/usr/bin/env bash
# `make bench` loads the public pages with wrk (Debian's package); it never skips them.
set -euo pipefail
command -v wrk >/dev/null && exit 0
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
  echo "→ Cài wrk (gói Debian) cho đo tải trang công khai…"
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null
else
  echo "Thiếu wrk để đo tải trang công khai: sudo apt-get install wrk" >&2
  exit 1
fi
