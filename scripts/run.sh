#!/usr/bin/env bash
# `make run`: loads the demo corpus into an empty data directory, then reports what it did.
set -euo pipefail
cd "$(dirname "$0")/.."
bin=build/release/ketnoi
data=${KETNOI_DATA:-data}
"$bin" demo --data "$data" --tasks "${KETNOI_DEMO_TASKS:-20000}" --if-empty
"$bin" stats --data "$data"
echo
echo "Dữ liệu đã sẵn sàng trong '$data'. Cổng thông tin web (ketnoi serve, http://127.0.0.1:8080) chưa có trong phiên bản này."
echo "Thử: $bin search \"công nghệ thông tin\" --data $data --facets"
echo "The data is ready in '$data'. The web portal (ketnoi serve on http://127.0.0.1:8080) is not in this version yet."
