#!/usr/bin/env bash
# `make run`: loads the demo corpus into an empty data directory, then reports what it did.
set -euo pipefail
cd "$(dirname "$0")/.."
bin=build/release/ketnoi
data=${KETNOI_DATA:-data}
"$bin" demo --data "$data" --tasks "${KETNOI_DEMO_TASKS:-20000}" --if-empty
"$bin" stats --data "$data"
echo
exec "$bin" serve --data "$data" --port "${KETNOI_PORT:-8080}"
