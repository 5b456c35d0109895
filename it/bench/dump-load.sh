#!/usr/bin/env bash
# Benchmark (not a test): how fast `mvn devstack:up` loads a committed dump, against the baseline
# `docker exec -i CTR mariadb DB < dump.sql` into the same server. Prints a table.
#
# Usage: it/bench/dump-load.sh [MEGABYTES]   (default 38; needs a Docker engine and the test images:
#        run it/images/prepare.sh first)
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
SIZE_MB="${1:-38}"
WORK="$(mktemp -d "${TMPDIR:-/tmp}/devstack-bench.XXXXXX")"
PROJECT=devstack-bench
IMAGE="${DEVSTACK_MARIADB_IMAGE:-devstack-it/mariadb:10.11}"
. "$HERE/mariadb-project.sh"
cleanup() { down_project "$WORK/$PROJECT"; rm -rf "$WORK"; }
trap cleanup EXIT

install_plugin

write_mariadb_project "$WORK/$PROJECT" "$IMAGE"
cd "$WORK/$PROJECT"

echo "generating a ${SIZE_MB} MB dump ..."
# rows of ~190 bytes, 1000 per multi-row INSERT, as mariadb-dump writes them
awk -v target=$((SIZE_MB * 1024 * 1024)) 'BEGIN {
  print "CREATE TABLE events (id INT PRIMARY KEY, kind VARCHAR(20), payload VARCHAR(160), created DATETIME);";
  bytes = 0; id = 0;
  while (bytes < target) {
    line = "INSERT INTO events VALUES ";
    for (i = 0; i < 1000; i++) {
      id++;
      line = line sprintf("%s(%d,\x27kind-%d\x27,\x27%s\x27,\x272026-11-%02d 12:00:00\x27)", i ? "," : "", id, id % 17,
        "payload payload payload payload payload payload payload payload payload payload payload payload payload payload payload payload " id, id % 28 + 1);
    }
    print line ";"; bytes += length(line) + 2;
  }
}' > dumps/db/bench.sql
bytes=$(stat -c %s dumps/db/bench.sql)
rows=$(grep -o "),(" dumps/db/bench.sql | wc -l)

start=$(date +%s%N)
"$ROOT/mvnw" -B devstack:up > up.log 2>&1 || { tail -30 up.log; exit 1; }
up_ms=$(( ($(date +%s%N) - start) / 1000000 ))
load_line=$(grep "loaded dumps/db/bench.sql" up.log | sed 's/^\[INFO\] //')
devstack_s=$(echo "$load_line" | sed -E 's/.* in ([0-9.]+) (s|ms) .*/\1 \2/' | awk '{ print ($2 == "ms") ? $1 / 1000 : $1 }')

ctr=$(docker ps -q --filter label=com.docker.compose.project=$PROJECT --filter label=com.docker.compose.service=db)
docker exec "$ctr" mariadb -uroot -psecret -e 'CREATE DATABASE baseline'
start=$(date +%s%N)
docker exec -i "$ctr" mariadb -uroot -psecret baseline < dumps/db/bench.sql
baseline_s=$(awk -v ns=$(( $(date +%s%N) - start )) 'BEGIN { printf "%.2f", ns / 1e9 }')
count=$(docker exec "$ctr" mariadb -uroot -psecret -N -e 'SELECT COUNT(*) FROM bench.events')
[ "$count" = "$(docker exec "$ctr" mariadb -uroot -psecret -N -e 'SELECT COUNT(*) FROM baseline.events')" ] \
  || { echo "row counts differ"; exit 1; }

mb=$(awk -v b="$bytes" 'BEGIN { printf "%.1f", b / 1048576 }')
printf '\n%-44s %10s %12s %10s\n' "loader ($mb MiB, $count rows)" "seconds" "MiB/s" "relative"
printf '%-44s %10.2f %12.1f %9.0f%%\n' "docker exec -i mariadb < dump (baseline)" "$baseline_s" \
  "$(awk -v b="$bytes" -v s="$baseline_s" 'BEGIN { print b / 1048576 / s }')" 100
printf '%-44s %10.2f %12.1f %9.0f%%\n' "devstack:up (streamed into the client)" "$devstack_s" \
  "$(awk -v b="$bytes" -v s="$devstack_s" 'BEGIN { print b / 1048576 / s }')" \
  "$(awk -v a="$baseline_s" -v s="$devstack_s" 'BEGIN { print 100 * a / s }')"
printf '%-44s %10.2f\n' "whole cold devstack:up (Maven start to done)" "$(awk -v ms=$up_ms 'BEGIN { print ms / 1000 }')"
