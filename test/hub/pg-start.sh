#!/bin/sh
# Starts a throwaway PostgreSQL cluster for the hub's store tests and prints its URL on
# stdout (everything else goes to stderr), e.g.:
#   export CUECARD_TEST_DATABASE_URL="$(sh test/hub/pg-start.sh)"
# Installs Debian's postgresql if it is missing (needs root, as in CI). A cluster of its own
# ("cuecard" on port $CUECARD_PG_PORT, default 55432) leaves any other cluster alone; running
# it again reuses the cluster and the database. Each test creates its own schema in it.
set -eu
PORT="${CUECARD_PG_PORT:-55432}"
CLUSTER=cuecard
DB=cuecard_test
PASS=cuecard
log() { echo "pg-start: $*" >&2; }
if ! command -v pg_createcluster >/dev/null 2>&1; then
  log "installing postgresql"
  DEBIAN_FRONTEND=noninteractive apt-get install -y postgresql >&2 || { apt-get update >&2 && DEBIAN_FRONTEND=noninteractive apt-get install -y postgresql >&2; }
fi
VERSION="$(ls /usr/lib/postgresql | sort -n | tail -1)"
if ! pg_lsclusters -h | awk '{print $1" "$2}' | grep -qx "$VERSION $CLUSTER"; then
  log "creating cluster $VERSION/$CLUSTER on port $PORT"
  pg_createcluster "$VERSION" "$CLUSTER" --port "$PORT" >&2
fi
if ! pg_lsclusters -h | awk -v v="$VERSION" -v c="$CLUSTER" '$1==v && $2==c {print $4}' | grep -q online; then
  pg_ctlcluster "$VERSION" "$CLUSTER" start >&2
fi
PORT="$(pg_lsclusters -h | awk -v v="$VERSION" -v c="$CLUSTER" '$1==v && $2==c {print $3}')"
psql_() { su postgres -c "psql -p $PORT -v ON_ERROR_STOP=1 -qAt $*" ; }
if [ "$(psql_ "-c \"SELECT 1 FROM pg_roles WHERE rolname='cuecard'\"")" != 1 ]; then
  psql_ "-c \"CREATE ROLE cuecard LOGIN PASSWORD '$PASS'\"" >&2
fi
# The hub bench (test/bench/hub-bench.ts) creates and drops a database of its own.
if [ "$(psql_ "-c \"SELECT rolcreatedb FROM pg_roles WHERE rolname='cuecard'\"")" != t ]; then
  psql_ "-c \"ALTER ROLE cuecard CREATEDB\"" >&2
fi
if [ "$(psql_ "-c \"SELECT 1 FROM pg_database WHERE datname='$DB'\"")" != 1 ]; then
  psql_ "-c \"CREATE DATABASE $DB OWNER cuecard\"" >&2
fi
echo "postgres://cuecard:$PASS@127.0.0.1:$PORT/$DB"
