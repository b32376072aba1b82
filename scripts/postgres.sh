#!/usr/bin/env bash
# Starts a throwaway PostgreSQL server on 127.0.0.1 for the test suite (idempotent), installing
# Debian's package first if it is missing. Prints the admin URL the tests use as TEST_POSTGRES_URL.
#   scripts/postgres.sh            start (or reuse) the server
#   scripts/postgres.sh stop       stop it
set -euo pipefail
PGPORT="${PGPORT:-55432}"
PGDATA="${PGDATA:-/tmp/upload-portal-pg}"

if ! ls /usr/lib/postgresql/*/bin/pg_ctl >/dev/null 2>&1; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >&2
  apt-get install -y -qq postgresql >&2
fi
BIN="$(dirname "$(ls -d /usr/lib/postgresql/*/bin/pg_ctl | sort -V | tail -n1)")"
# initdb and postgres refuse to run as root; use the package's postgres user when we are root.
as_pg() { if [ "$(id -u)" = 0 ]; then su postgres -s /bin/bash -c "$*"; else bash -c "$*"; fi; }

if [ "${1:-start}" = stop ]; then
  as_pg "$BIN/pg_ctl -D $PGDATA stop -m fast" >&2 || true
  exit 0
fi
if [ ! -f "$PGDATA/PG_VERSION" ]; then
  mkdir -p "$PGDATA"
  [ "$(id -u)" = 0 ] && chown postgres:postgres "$PGDATA"
  as_pg "$BIN/initdb -D $PGDATA -A trust -U postgres --no-sync" >&2
fi
if ! as_pg "$BIN/pg_ctl -D $PGDATA status" >/dev/null 2>&1; then
  as_pg "$BIN/pg_ctl -D $PGDATA -l $PGDATA/server.log -w start \
    -o '-p $PGPORT -k /tmp -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=300'" >&2
fi
echo "postgres://postgres@127.0.0.1:$PGPORT/postgres"
