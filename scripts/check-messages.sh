#!/usr/bin/env bash
# Every message id used in the code has an entry (Vietnamese and English) in the catalog.
set -euo pipefail
cd "$(dirname "$0")/.."
catalog=src/core/messages.cpp
missing=0
# Ids appear as Status::X({"module.reason", …}) or Message("module.reason", …).
for id in $(grep -rhoE '(\(\{|Message\()"[a-z]+\.[a-z_]+"' src --include=*.cpp --include=*.h \
            | sed -E 's/^(\(\{|Message\()//' | sort -u | tr -d '"'); do
  if ! grep -q "{\"$id\"," "$catalog"; then
    echo "message id without catalog entry: $id" >&2
    missing=1
  fi
done
[ $missing = 0 ] && echo "1 passed, 0 failed" || { echo "0 passed, 1 failed"; exit 1; }
