#!/usr/bin/env bash
# Start-up cost of the ticketing starter: starts the same minimal Spring Boot host (its own JPA entity
# on an in-memory H2, benchmarks/startup-host) on two class paths, without and with
# ticketing-spring-boot-starter, alternately, and prints the medians and their difference.
#
#   benchmarks/startup.sh [RUNS]          # RUNS pairs, default 15; builds the host first
#   SKIP_BUILD=1 benchmarks/startup.sh    # reuse the last build
#   STEPS=25 benchmarks/startup.sh 1      # also print the 25 longest start-up steps of each variant
#   JAVA_OPTS='-Xshare:off' benchmarks/startup.sh   # extra JVM options, the same for both
#   TICKETING_FROM=/path/to/other/checkout SKIP_BUILD=1 benchmarks/startup.sh   # its ticketing jars instead
#   DB=mem benchmarks/startup.sh          # an H2 in memory: the ticketing tables are created on every start
#
# By default each variant has an H2 database in a file of its own, as a real host has a database
# that outlives it: one untimed start per variant first (it creates the tables and warms the disk
# cache), then the measured ones start on an up-to-date schema.
#
# Each run is a fresh JVM; "ready" is the JVM's uptime when Spring Boot publishes
# ApplicationReadyEvent, "CPU" the CPU time the JVM's threads used until then (less sensitive to other
# load on the machine than the elapsed times), "wall" the whole process (JVM start to exit) as the shell sees it, "classes"
# the classes loaded when ready. Which variant goes first alternates from pair to pair, so both see
# the same machine. A measurement, not a test: nothing fails on a slow figure.
set -euo pipefail
cd "$(dirname "$0")/.."

RUNS=${1:-15}
HOST=benchmarks/startup-host/target
if [ "${SKIP_BUILD:-0}" != 1 ]; then
  mvn -B -q -pl benchmarks/startup-host -am package -DskipTests \
    -Dmaven.javadoc.skip=true -Dmaven.source.skip=true -Dcyclonedx.skip=true -Djapicmp.skip=true
fi
CP_WITHOUT="$HOST/classes:$(cat "$HOST/classpath-host.txt")"
CP_WITH="$HOST/classes:$(cat "$HOST/classpath-ticketing.txt")"
if [ -n "${TICKETING_FROM:-}" ]; then
  # Another checkout's build of the ticketing jars (e.g. before a change), same dependencies.
  CP_WITH=${CP_WITH//$PWD\/ticketing-/$TICKETING_FROM\/ticketing-}
fi
JAVA=${JAVA:-java}
OUT=$(mktemp -d)
trap 'rm -rf "$OUT"' EXIT

url() { # variant
  if [ "${DB:-file}" = mem ]; then echo "jdbc:h2:mem:host;DB_CLOSE_DELAY=-1"; else echo "jdbc:h2:file:$OUT/db-$1"; fi
}
start() { # variant class-path
  "$JAVA" ${JAVA_OPTS:-} -Dstartup.steps="${STEPS:-0}" -cp "$2" dev.ticketing.bench.startup.StartupHost \
    --spring.datasource.url="$(url "$1")"
}
run() { # variant class-path
  local start end line
  start=$(date +%s%N)
  line=$(start "$@" | tee -a "$OUT/$1.log" | grep '^ready-ms=')
  end=$(date +%s%N)
  echo "$line wall-ms=$(( (end - start) / 1000000 ))" >>"$OUT/$1.txt"
}

"$JAVA" -version 2>&1 | head -n 1
echo "runs: $RUNS pairs, alternating; cores: $(nproc); database: H2 ${DB:-file}; load: $(cut -d' ' -f1-3 /proc/loadavg)"
start without "$CP_WITHOUT" >/dev/null
start with "$CP_WITH" >/dev/null
for i in $(seq 1 "$RUNS"); do
  if (( i % 2 )); then run without "$CP_WITHOUT"; run with "$CP_WITH"
  else run with "$CP_WITH"; run without "$CP_WITHOUT"; fi
  printf '.'
done
echo

median() { # file field
  sed -E "s/.*$2=([0-9]+).*/\1/" "$1" | sort -n | awk '{a[NR]=$1} END {if (NR%2) print a[(NR+1)/2]; else print (a[NR/2]+a[NR/2+1])/2}'
}
declare -A m
for v in without with; do
  for f in ready-ms cpu-ms wall-ms classes; do m[$v,$f]=$(median "$OUT/$v.txt" $f); done
done
row() { printf '%-22s %10s %10s %10s %10s\n' "$@"; }
row "" "ready ms" "CPU ms" "wall ms" "classes"
for v in without with; do
  row "$v ticketing" "${m[$v,ready-ms]}" "${m[$v,cpu-ms]}" "${m[$v,wall-ms]}" "${m[$v,classes]}"
done
added() { awk -v a="${m[with,$1]}" -v b="${m[without,$1]}" 'BEGIN {print a - b}'; }
row "added by the starter" "$(added ready-ms)" "$(added cpu-ms)" "$(added wall-ms)" "$(added classes)"
if [ "${STEPS:-0}" != 0 ]; then
  for v in without with; do echo "== longest steps, $v ticketing (last run)"; grep -v '^ready-ms=' "$OUT/$v.log" | tail -n "$STEPS"; done
fi
