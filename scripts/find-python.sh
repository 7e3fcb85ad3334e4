#!/usr/bin/env bash
# Prints the path of a Python >= 3.12 (Django 6 and vietnam-provinces 2026.x need it).
# Order: python3.14 … python3.12, python3, then pyenv's interpreters, whose shims
# refuse to run unless activated, so we call the real binaries under versions/.
set -u
ok() { "$1" -c 'import sys; sys.exit(0 if sys.version_info >= (3, 12) else 1)' >/dev/null 2>&1; }
for name in python3.14 python3.13 python3.12 python3; do
  path=$(command -v "$name" 2>/dev/null) || continue
  ok "$path" && { echo "$path"; exit 0; }
done
root=${PYENV_ROOT:-}
[ -z "$root" ] && command -v pyenv >/dev/null 2>&1 && root=$(pyenv root 2>/dev/null)
[ -z "$root" ] && [ -d "$HOME/.pyenv" ] && root="$HOME/.pyenv"
if [ -n "$root" ]; then
  for path in $(ls -d "$root"/versions/3.1[2-9]*/bin/python3 2>/dev/null | sort -rV); do
    ok "$path" && { echo "$path"; exit 0; }
  done
fi
cat >&2 <<'MSG'
Không tìm thấy Python 3.12 trở lên (cần cho Django 6 và vietnam-provinces 2026.x).
Cài một bản, ví dụ trên Debian 13 / Ubuntu 24.04:  sudo apt-get install python3 python3-venv
hoặc với pyenv:  pyenv install 3.12
MSG
exit 1
