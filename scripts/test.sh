#!/usr/bin/env bash
# Runs every test of a build directory (default build/release): starts a throw-away PostgreSQL
# cluster for the storage suite, runs CTest, stops the cluster.
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:-build/release}
pgdir=$(mktemp -d /tmp/ketnoi-pg.XXXXXX)
cleanup() { scripts/pg-cluster.sh stop "$pgdir"; rm -rf "$pgdir"; }
trap cleanup EXIT
KETNOI_TEST_PG=$(scripts/pg-cluster.sh start "$pgdir")
export KETNOI_TEST_PG
echo "PostgreSQL test cluster: $KETNOI_TEST_PG" >&2
ctest --test-dir "$build" --output-on-failure -j2 --timeout 900
