#!/usr/bin/env bash
# Benchmark (not a test): `mvn devstack:up` against the compose CLI (Debian's docker-compose) and `mvn validate` on
# the same stack — a MariaDB with a healthcheck and a small web service (a single-file Java HttpServer) that waits
# for it — in three cases, each run alternately RUNS times (default 5), medians printed:
#   cold     no containers, no volumes: everything created, the database initialised
#   no-op    everything up already: nothing to do
#   changed  one service's environment changed: that service recreated
# Per case: wall time, CPU time (user + system of the process tree) and peak RSS of the largest process.
#
# Usage: it/bench/compose-vs.sh [RUNS]   (needs a Docker engine, docker-compose and the test images:
#        run it/images/prepare.sh first)
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
RUNS="${1:-5}"
WORK="$(mktemp -d "${TMPDIR:-/tmp}/devstack-bench.XXXXXX")"
DS=devstack-bench-vs
DC=compose-bench-vs
DB_IMAGE="${DEVSTACK_MARIADB_IMAGE:-devstack-it/mariadb:10.11}"
JRE_IMAGE="${DEVSTACK_JRE_IMAGE:-devstack-it/jre:17}"
command -v docker-compose >/dev/null || { echo "docker-compose is missing (apt-get install docker-compose)"; exit 1; }
. "$HERE/mariadb-project.sh"

# wall seconds, CPU seconds and peak RSS (MiB) of a command, its output kept in $2
measure() {
  local log="$1"; shift
  python3 - "$log" "$@" <<'PY'
import resource, subprocess, sys, time
log, cmd = sys.argv[1], sys.argv[2:]
start = time.monotonic()
with open(log, "w") as out:
    code = subprocess.run(cmd, stdout=out, stderr=subprocess.STDOUT).returncode
wall = time.monotonic() - start
r = resource.getrusage(resource.RUSAGE_CHILDREN)
print(f"{wall:.2f} {r.ru_utime + r.ru_stime:.2f} {r.ru_maxrss / 1024:.0f} {code}")
PY
}

write_stack() {
  local dir="$1" project="$2" greeting="$3"
  mkdir -p "$dir/web"
  cat > "$dir/web/Web.java" <<'JAVA'
import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;

public class Web {
    public static void main(String[] args) throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress(8080), 0);
        server.createContext("/", exchange -> {
            byte[] body = (System.getenv("GREETING") + "\n").getBytes();
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
    }
}
JAVA
  cat > "$dir/compose.yaml" <<YAML
services:
  db:
    image: $DB_IMAGE
    environment:
      MARIADB_ROOT_PASSWORD: secret
      MARIADB_DATABASE: bench
    ports:
      - "127.0.0.1::3306"
    volumes:
      - db-data:/var/lib/mysql
    healthcheck:
      test: ["CMD-SHELL", "mariadb-admin --protocol=tcp -h 127.0.0.1 ping --silent"]
      interval: 1s
      retries: 60
  web:
    image: $JRE_IMAGE
    command: ["java", "/web/Web.java"]
    environment:
      GREETING: "$greeting"
    volumes:
      - ./web:/web:ro
    ports:
      - "127.0.0.1::8080"
    depends_on:
      db:
        condition: service_healthy
    healthcheck:
      test: ["CMD", "bash", "-c", "exec 3<>/dev/tcp/127.0.0.1/8080"]
      interval: 1s
      retries: 60
volumes:
  db-data: {}
YAML
}

cleanup() {
  (cd "$WORK/$DS" 2>/dev/null && "$ROOT/mvnw" -B -q devstack:down -Ddevstack.removeVolumes=true >/dev/null 2>&1) || true
  (cd "$WORK/$DC" 2>/dev/null && docker-compose -p "$DC" down -v >/dev/null 2>&1) || true
  rm -rf "$WORK"
}
trap cleanup EXIT

install_plugin
mkdir -p "$WORK/$DS" "$WORK/$DC"
write_stack "$WORK/$DS" "$DS" hello
write_stack "$WORK/$DC" "$DC" hello
cat > "$WORK/$DS/pom.xml" <<POM
<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>bench</groupId>
  <artifactId>$DS</artifactId>
  <version>1</version>
  <packaging>pom</packaging>
  <build>
    <plugins>
      <plugin>
        <groupId>io.devstack</groupId>
        <artifactId>devstack-maven-plugin</artifactId>
        <version>0.1.0-SNAPSHOT</version>
      </plugin>
    </plugins>
  </build>
</project>
POM
MVN=("$ROOT/mvnw" -B -o)
devstack_up() { (cd "$WORK/$DS" && measure "$WORK/ds.log" "${MVN[@]}" devstack:up); }
compose_up() { (cd "$WORK/$DC" && measure "$WORK/dc.log" docker-compose -p "$DC" up -d); }
validate() { (cd "$WORK/$DS" && measure "$WORK/mv.log" "${MVN[@]}" validate); }
devstack_down() { (cd "$WORK/$DS" && "${MVN[@]}" -q devstack:down -Ddevstack.removeVolumes=true >/dev/null); }
compose_down() { (cd "$WORK/$DC" && docker-compose -p "$DC" down -v >/dev/null 2>&1); }
check() { # a run that failed makes its numbers meaningless
  local result="$1" log="$2"
  [ "${result##* }" = 0 ] || { echo "failed:"; tail -30 "$log"; exit 1; }
  echo "${result% *}"
}
# goal time: the devstack goal's own time, from its last line ("... up to date (989 ms)" / "... is up (3.4 s)")
goal_seconds() {
  grep -E "(is up|is up to date) \(" "$WORK/ds.log" | tail -1 | sed -E 's/.*\(([0-9.]+) (s|ms)\).*/\1 \2/' \
    | awk '{ printf "%.2f", ($2 == "ms") ? $1 / 1000 : $1 }'
}

declare -A samples
add() { samples["$1"]+="$2"$'\n'; }
median() { # column $2 of the samples of $1
  printf '%s' "${samples[$1]}" | awk -v c="$2" 'NF { print $c }' | sort -n \
    | awk '{ v[NR] = $1 } END { if (NR == 0) print "-"; else if (NR % 2) print v[(NR + 1) / 2]; else printf "%.2f\n", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

echo "warming up (first runs load images into the page cache and fill Maven's caches) ..."
devstack_up >/dev/null; compose_up >/dev/null; validate >/dev/null
for run in $(seq 1 "$RUNS"); do
  echo "run $run/$RUNS ..."
  devstack_down; compose_down
  add ds-cold "$(check "$(devstack_up)" "$WORK/ds.log") $(goal_seconds)"
  add dc-cold "$(check "$(compose_up)" "$WORK/dc.log")"
  add mv-cold "$(check "$(validate)" "$WORK/mv.log")"
  add ds-noop "$(check "$(devstack_up)" "$WORK/ds.log") $(goal_seconds)"
  add dc-noop "$(check "$(compose_up)" "$WORK/dc.log")"
  add mv-noop "$(check "$(validate)" "$WORK/mv.log")"
  sed -i "s/GREETING: \".*\"/GREETING: \"run $run\"/" "$WORK/$DS/compose.yaml" "$WORK/$DC/compose.yaml"
  add ds-changed "$(check "$(devstack_up)" "$WORK/ds.log") $(goal_seconds)"
  add dc-changed "$(check "$(compose_up)" "$WORK/dc.log")"
  add mv-changed "$(check "$(validate)" "$WORK/mv.log")"
done

printf '\nmedians of %s alternating runs; docker-compose %s; wall and CPU in seconds, peak RSS in MiB\n\n' "$RUNS" \
  "$(docker-compose version --short 2>/dev/null)"
printf '| %-8s | %-31s | %-26s | %-18s | %-28s | %-21s |\n' case "devstack wall / CPU / RSS" "goal's own time (last line)" \
  "compose wall / CPU" "mvn validate wall / CPU / RSS" "devstack / (compose + validate)"
printf '|%s|%s|%s|%s|%s|%s|\n' ---------- --------------------------------- ---------------------------- \
  -------------------- ------------------------------ -----------------------
for c in cold noop changed; do
  dw=$(median "ds-$c" 1); dcpu=$(median "ds-$c" 2); drss=$(median "ds-$c" 3); goal=$(median "ds-$c" 4)
  cw=$(median "dc-$c" 1); ccpu=$(median "dc-$c" 2)
  mw=$(median "mv-$c" 1); mcpu=$(median "mv-$c" 2); mrss=$(median "mv-$c" 3)
  ratio=$(awk -v d="$dw" -v c="$cw" -v m="$mw" 'BEGIN { printf "%.2fx", d / (c + m) }')
  [ "$c" = noop ] && ratio="$ratio (vs validate alone: $(awk -v d="$dw" -v m="$mw" 'BEGIN { printf "%.2fx", d / m }'))"
  printf '| %-8s | %-31s | %-26s | %-18s | %-28s | %-21s |\n' "$c" "$dw / $dcpu / $drss" "$goal" "$cw / $ccpu" \
    "$mw / $mcpu / $mrss" "$ratio"
done
echo
echo "devstack = mvn -o devstack:up (Maven start included); compose = docker-compose up -d; the ratio divides"
echo "devstack's wall time by compose's plus mvn validate's (Maven's own start), as the issue's targets do."
