#!/usr/bin/env bash
# A throw-away PostgreSQL 15 cluster for the tests, in a temporary directory, listening only on
# a Unix socket inside it, owned by a non-root user (postgres refuses to run as root).
#   scripts/pg-cluster.sh start DIR   → prints the libpq connection string on stdout
#   scripts/pg-cluster.sh stop DIR
set -euo pipefail
cmd=${1:?start|stop}
dir=${2:?directory}
bindir=$(ls -d /usr/lib/postgresql/15/bin 2>/dev/null || true)
[ -n "$bindir" ] || { echo "PostgreSQL 15 server is not installed (run scripts/setup.sh)" >&2; exit 1; }
port=${KETNOI_PG_PORT:-54329}

as_owner() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

case "$cmd" in
  start)
    mkdir -p "$dir"
    [ "$(id -u)" = 0 ] && chown postgres:postgres "$dir"
    chmod 700 "$dir"
    if [ ! -f "$dir/data/PG_VERSION" ]; then
      as_owner "$bindir/initdb" -D "$dir/data" -U postgres -E UTF8 --locale=C.UTF-8 -A trust >"$dir/initdb.log" 2>&1 \
        || { cat "$dir/initdb.log" >&2; exit 1; }
    fi
    as_owner "$bindir/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
      -o "-k $dir -p $port -c listen_addresses='' -c fsync=off -c synchronous_commit=off -c full_page_writes=off" \
      start >/dev/null || { cat "$dir/server.log" >&2; exit 1; }
    as_owner "$bindir/psql" -h "$dir" -p "$port" -U postgres -d postgres -qAt \
      -c "SELECT 1 FROM pg_database WHERE datname='ketnoi_test'" | grep -q 1 \
      || as_owner "$bindir/createdb" -h "$dir" -p "$port" -U postgres ketnoi_test
    echo "host=$dir port=$port user=postgres dbname=ketnoi_test"
    ;;
  stop)
    [ -f "$dir/data/postmaster.pid" ] && as_owner "$bindir/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null || true
    ;;
  *) echo "usage: $0 start|stop DIR" >&2; exit 2 ;;
esac
