#!/usr/bin/env bash
# Builds the libFuzzer targets with clang (fuzz/CMakeLists.txt) and runs each for SECONDS
# (default 60; `make fuzz FUZZ_SECONDS=1800` for the long runs). Prints each target's executions.
# Crashes are kept in build/fuzz/crashes/ and fail the run.
# `scripts/fuzz.sh smoke` (what `make test` runs) is deterministic: a fixed seed and a fixed number
# of runs from the committed corpus only, so it cannot pass on one machine and fail on another.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-${FUZZ_SECONDS:-60}}
limit=(-max_total_time="$seconds")
if [ "$seconds" = smoke ]; then limit=(-seed=1 -runs=30000); fi
build=build/fuzz
CXX=clang++ cmake -S fuzz -B "$build" -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build "$build" -j2 >/dev/null
mkdir -p "$build/crashes"
status=0
for target in csv xlsx json legacy oai authority; do
  corpus="$build/corpus/$target"
  if [ "$seconds" = smoke ]; then
    corpus="$build/smoke-corpus/$target"
    rm -rf "$corpus"
    # The legacy decoder runs all four encodings per input: fewer runs for the same time.
    if [ "$target" = legacy ]; then limit=(-seed=1 -runs=3000); else limit=(-seed=1 -runs=30000); fi
  fi
  mkdir -p "$corpus"
  cp -n fuzz/corpus/$target/* "$corpus/" 2>/dev/null || true
  log="$build/$target.log"
  if "$build/${target}_fuzz" "${limit[@]}" -timeout=10 -rss_limit_mb=2048 \
      -artifact_prefix="$build/crashes/${target}-" "$corpus" >"$log" 2>&1; then
    runs=$(grep -o 'stat::number_of_executed_units: [0-9]*' "$log" | grep -o '[0-9]*$' || true)
    [ -n "$runs" ] || runs=$(grep -Eo '^#[0-9]+' "$log" | tail -1 | tr -d '#')
    echo "fuzz $target: ${runs:-?} executions (${limit[*]}), no crash"
  else
    echo "fuzz $target: CRASH — see $log and $build/crashes/" >&2
    tail -30 "$log" >&2
    status=1
  fi
done
exit $status
