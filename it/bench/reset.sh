#!/usr/bin/env bash
# Benchmark (not a test): `mvn devstack:reset` (the snapshot volume copied back) against a plain reload of the same
# dump (`DROP DATABASE`, then `docker exec -i CTR mariadb DB < dump`), for dumps of a few sizes. The table has a
# primary key and two secondary indexes, as real tables do: an import rebuilds them, a snapshot copies them.
#
# Usage: it/bench/reset.sh [MEGABYTES ...]   (default: 40 200; needs a Docker engine and the test images:
#        run it/images/prepare.sh first)
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
SIZES=("$@")
[ $# -eq 0 ] && SIZES=(40 200)
WORK="$(mktemp -d "${TMPDIR:-/tmp}/devstack-bench.XXXXXX")"
PROJECT=devstack-bench-reset
IMAGE="${DEVSTACK_MARIADB_IMAGE:-devstack-it/mariadb:10.11}"
. "$HERE/mariadb-project.sh"
down() { down_project "$WORK/$PROJECT"; }
cleanup() { down; rm -rf "$WORK"; }
trap cleanup EXIT
seconds_since() { awk -v ns=$(( $(date +%s%N) - $1 )) 'BEGIN { printf "%.1f", ns / 1e9 }'; }
# "... in 3.2 s" / "... in 850 ms" of a devstack log line, in seconds
logged_seconds() { sed -E 's/.* in ([0-9.]+) (s|ms).*/\1 \2/' | awk '{ printf "%.1f", ($2 == "ms") ? $1 / 1000 : $1 }'; }

install_plugin

write_mariadb_project "$WORK/$PROJECT" "$IMAGE"
cd "$WORK/$PROJECT"

rows=()
for size in "${SIZES[@]}"; do
  down
  echo "$size MB: generating the dump ..."
  awk -v target=$((size * 1024 * 1024)) 'BEGIN {
    print "CREATE TABLE events (id INT PRIMARY KEY, kind VARCHAR(20), payload VARCHAR(160), created DATETIME,";
    print "  KEY events_kind (kind, created), KEY events_payload (payload(40)));";
    bytes = 0; id = 0;
    while (bytes < target) {
      line = "INSERT INTO events VALUES ";
      for (i = 0; i < 1000; i++) {
        id++;
        line = line sprintf("%s(%d,\x27kind-%d\x27,\x27%s\x27,\x272026-11-%02d 12:00:00\x27)", i ? "," : "", id, id % 17,
          id " payload payload payload payload payload payload payload payload payload payload payload payload", id % 28 + 1);
      }
      print line ";"; bytes += length(line) + 2;
    }
  }' > dumps/db/bench.sql
  echo "$size MB: up (load and snapshot) ..."
  "$ROOT/mvnw" -B devstack:up > up.log 2>&1 || { tail -30 up.log; exit 1; }
  load_s=$(grep "loaded dumps/db/bench.sql" up.log | logged_seconds)
  snap_s=$(grep "snapshot of db's freshly loaded data taken in" up.log | logged_seconds)
  ctr=$(docker ps -q --filter label=com.docker.compose.project=$PROJECT --filter label=com.docker.compose.service=db)
  count=$(docker exec "$ctr" mariadb -uroot -psecret -N -e 'SELECT COUNT(*) FROM bench.events')

  echo "$size MB: plain reload ..."
  start=$(date +%s%N)
  docker exec "$ctr" mariadb -uroot -psecret -e 'DROP DATABASE bench; CREATE DATABASE bench'
  docker exec -i "$ctr" mariadb -uroot -psecret bench < dumps/db/bench.sql
  reload_s=$(seconds_since "$start")

  echo "$size MB: devstack:reset ..."
  docker exec "$ctr" mariadb -uroot -psecret -e 'DELETE FROM bench.events WHERE id % 3 = 0'
  start=$(date +%s%N)
  "$ROOT/mvnw" -B devstack:reset > reset.log 2>&1 || { tail -30 reset.log; exit 1; }
  reset_wall_s=$(seconds_since "$start")
  reset_s=$(grep "db reset from its snapshot in" reset.log | logged_seconds)
  [ "$(docker exec "$ctr" mariadb -uroot -psecret -N -e 'SELECT COUNT(*) FROM bench.events')" = "$count" ] \
    || { echo "reset did not restore $count rows"; exit 1; }
  datadir=$(docker exec "$ctr" du -sm /var/lib/mysql | cut -f1)
  rows+=("$(printf '%-9s %9s %9s %10s %11s %14s %14s %12s' "$size MB" "$count" "${datadir} MB" "$load_s" \
    "$snap_s" "$reload_s" "$reset_s" "$reset_wall_s")")
done

printf '\n%-9s %9s %9s %10s %11s %14s %14s %12s\n' dump rows datadir "up load s" "snapshot s" "plain reload s" \
  "reset s" "reset wall s"
printf '%s\n' "${rows[@]}"
echo "plain reload = DROP DATABASE + docker exec -i mariadb < dump; reset s = devstack's own time (stop, copy back,"
echo "start, ready); reset wall s = the whole mvn devstack:reset (Maven start included)."
