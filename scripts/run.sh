#!/usr/bin/env bash
# `make run`: loads the demo corpus into an empty data directory, creates a first administrator
# when there is no user yet (its password is printed once and kept in DATA/first-admin.txt,
# readable by you only), then serves.
set -euo pipefail
cd "$(dirname "$0")/.."
bin=build/release/ketnoi
data=${KETNOI_DATA:-data}
"$bin" demo --data "$data" --tasks "${KETNOI_DEMO_TASKS:-20000}" --if-empty
if [ ! -e "$data/first-admin.txt" ]; then
  umask 077
  if "$bin" admin create-user --data "$data" --email admin@ketnoi.local \
      --name "Quản trị viên" --role admin --role staff > "$data/first-admin.txt" 2>&1; then
    echo "Tài khoản quản trị đầu tiên / first administrator: admin@ketnoi.local"
    cat "$data/first-admin.txt"
  else
    # Already there (the file was removed): keep the message, do not try again.
    cat "$data/first-admin.txt" >&2
  fi
fi
"$bin" stats --data "$data"
echo
exec "$bin" serve --data "$data" --port "${KETNOI_PORT:-8080}"
