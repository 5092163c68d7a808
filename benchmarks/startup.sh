#!/usr/bin/env bash
# Start-up cost of the ticketing starters: starts the same minimal Spring Boot host (its own JPA
# entity on H2, benchmarks/startup-host) on three class paths, without ticketing, with
# ticketing-spring-boot-starter (the engine, in-memory store) and with
# ticketing-spring-boot-starter-jpa (the JPA store in the host's database), in rotation, and prints
# the medians and what each starter adds.
#
#   benchmarks/startup.sh [RUNS]          # RUNS rounds of the three, default 15; builds the host first
#   SKIP_BUILD=1 benchmarks/startup.sh    # reuse the last build
#   VARIANTS="without jpa" benchmarks/startup.sh   # only some of: without core jpa
#   STEPS=25 benchmarks/startup.sh 1      # also print the 25 start-up steps of each variant with the most
#                                         # time of their own (less the steps inside them), and their whole time
#   JAVA_OPTS='-Xshare:off' benchmarks/startup.sh   # extra JVM options, the same for all
#   HOST_ARGS='--ticketing.jpa.background-bootstrap=false' benchmarks/startup.sh   # host arguments, the same for all
#   TICKETING_FROM=/path/to/other/checkout SKIP_BUILD=1 benchmarks/startup.sh   # its ticketing jars instead
#   DB=mem benchmarks/startup.sh          # an H2 in memory: the ticketing tables are created on every start
#   DB=postgresql benchmarks/startup.sh   # PostgreSQL at 127.0.0.1:5432 (user postgres, PGHOST/PGPORT/PGUSER
#                                         # to change), a database startup_<variant> each, created if missing
#   HOST=web benchmarks/startup.sh        # the host as a web application (benchmarks/startup-web-host:
#                                         # Spring MVC and Bean Validation beside its JPA), on a free port
#   BEFORE=/path/to/other/checkout SKIP_BUILD=1 benchmarks/startup.sh   # also core-before and jpa-before,
#                                         # the same host with that checkout's ticketing jars, in the same rotation
#
# By default each variant has an H2 database in a file of its own, as a real host has a database
# that outlives it: one untimed start per variant first (it creates the tables and warms the disk
# cache), then the measured ones start on an up-to-date schema.
#
# Each run is a fresh JVM; "ready" is the JVM's uptime when Spring Boot publishes
# ApplicationReadyEvent, "CPU" the CPU time the JVM's threads used until then (less sensitive to other
# load on the machine than the elapsed times), "JIT CPU" that of the JIT compiler threads (which
# compete with the start-up for the cores), "main CPU" that of the main thread alone (what the
# start-up waits for on an idle machine, less any wait for other threads), "waiting for a core" the
# time the main thread was ready to run but had no core (Linux's scheduler statistics), "blocked"
# what remains of ready once main CPU and that wait are taken away (the JVM's own start before
# main, and the main thread waiting for a lock, another thread or I/O), "wall" the whole process (JVM start to exit) as the
# shell sees it, "classes" the classes loaded when ready. Which variant goes first rotates from round
# to round, so all see the same machine. A measurement, not a test: nothing fails on a slow figure.
set -euo pipefail
cd "$(dirname "$0")/.."

RUNS=${1:-15}
KIND=${HOST:-plain}
case "$KIND" in
  plain) MODULE=benchmarks/startup-host; HOST_PORT_ARGS="" ;;
  web) MODULE=benchmarks/startup-web-host; HOST_PORT_ARGS="--server.port=0" ;;
  *) echo "HOST is plain or web" >&2; exit 2 ;;
esac
HOST=$MODULE/target
DEFAULT_VARIANTS="without core jpa"
if [ -n "${BEFORE:-}" ]; then DEFAULT_VARIANTS="without core-before core jpa-before jpa"; fi
read -r -a VARIANTS <<<"${VARIANTS:-$DEFAULT_VARIANTS}"
if [ "${SKIP_BUILD:-0}" != 1 ]; then
  mvn -B -q -pl "$MODULE" -am package -DskipTests \
    -Dmaven.javadoc.skip=true -Dmaven.source.skip=true -Dcyclonedx.skip=true -Djapicmp.skip=true
fi
declare -A CP
CP[without]="$HOST/classes:$(cat "$HOST/classpath-host.txt")"  # the web host's classes are in the plain host's jar
CP[core]="$HOST/classes:$(cat "$HOST/classpath-ticketing.txt")"
CP[jpa]="$HOST/classes:$(cat "$HOST/classpath-ticketing-jpa.txt")"
if [ -n "${BEFORE:-}${TICKETING_FROM:-}" ] && [[ "${CP[jpa]}" != *"$PWD/ticketing-"* ]]; then
  # The last build took the ticketing jars from the local repository: there is nothing to swap.
  echo "the host's class path names no ticketing jars of this checkout; build it here first (no SKIP_BUILD)" >&2
  exit 2
fi
if [ -n "${TICKETING_FROM:-}" ]; then
  # Another checkout's build of the ticketing jars (e.g. before a change), same dependencies.
  CP[core]=${CP[core]//$PWD\/ticketing-/$TICKETING_FROM\/ticketing-}
  CP[jpa]=${CP[jpa]//$PWD\/ticketing-/$TICKETING_FROM\/ticketing-}
fi
if [ -n "${BEFORE:-}" ]; then
  # Another checkout's build of the ticketing jars (e.g. before a change), measured beside these.
  CP[core-before]=${CP[core]//$PWD\/ticketing-/$BEFORE\/ticketing-}
  CP[jpa-before]=${CP[jpa]//$PWD\/ticketing-/$BEFORE\/ticketing-}
fi
JAVA=${JAVA:-java}
OUT=$(mktemp -d)
trap 'rm -rf "$OUT"' EXIT

PGHOST=${PGHOST:-127.0.0.1} PGPORT=${PGPORT:-5432} PGUSER=${PGUSER:-postgres}
url() { # variant
  case "${DB:-file}" in
    mem) echo "jdbc:h2:mem:host;DB_CLOSE_DELAY=-1" ;;
    postgresql) echo "jdbc:postgresql://$PGHOST:$PGPORT/startup_${1//-/_} --spring.datasource.username=$PGUSER" ;;
    *) echo "jdbc:h2:file:$OUT/db-$1" ;;
  esac
}
if [ "${DB:-file}" = postgresql ]; then
  for v in "${VARIANTS[@]}"; do
    db=startup_${v//-/_}
    psql -h "$PGHOST" -p "$PGPORT" -U "$PGUSER" -tAc "select 1 from pg_database where datname = '$db'" postgres | grep -q 1 ||
      psql -h "$PGHOST" -p "$PGPORT" -U "$PGUSER" -qc "create database $db" postgres
  done
fi
start() { # variant
  # shellcheck disable=SC2086
  "$JAVA" ${JAVA_OPTS:-} -Dstartup.steps="${STEPS:-0}" -cp "${CP[$1]}" dev.ticketing.bench.startup.StartupHost \
    --spring.datasource.url=$(url "$1") $HOST_PORT_ARGS ${HOST_ARGS:-}
}
run() { # variant
  local start end line
  start=$(date +%s%N)
  line=$(start "$1" | tee -a "$OUT/$1.log" | grep '^ready-ms=')
  end=$(date +%s%N)
  echo "$line wall-ms=$(( (end - start) / 1000000 ))" >>"$OUT/$1.txt"
}

"$JAVA" -version 2>&1 | head -n 1
echo "runs: $RUNS rounds of ${VARIANTS[*]}, rotating; host: $KIND; cores: $(nproc); database: ${DB:-H2 file}; load before: $(cut -d' ' -f1-3 /proc/loadavg)"
for v in "${VARIANTS[@]}"; do start "$v" >/dev/null; done
n=${#VARIANTS[@]}
for i in $(seq 1 "$RUNS"); do
  for j in $(seq 0 $((n - 1))); do run "${VARIANTS[$(( (i + j) % n ))]}"; done
  printf '.'
done
echo
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"

median_input() { sed -E "s/(.* |^)$2=(-?[0-9]+).*/\2/" "$1"; } # file field: the field's values, one a line
median() { # file field
  median_input "$1" "$2" | sort -n | awk '{a[NR]=$1} END {if (NR%2) print a[(NR+1)/2]; else print (a[NR/2]+a[NR/2+1])/2}'
}
declare -A m
for v in "${VARIANTS[@]}"; do
  awk '{for (i = 1; i <= NF; i++) {split($i, kv, "="); f[kv[1]] = kv[2]}
    print $0 " blocked-ms=" (f["ready-ms"] - f["main-cpu-ms"] - f["main-runnable-ms"])}' "$OUT/$v.txt" >"$OUT/$v.all"
  for f in ready-ms cpu-ms main-cpu-ms main-runnable-ms blocked-ms jit-cpu-ms wall-ms classes beans; do m[$v,$f]=$(median "$OUT/$v.all" $f); done
done
declare -A LABEL=([without]="without ticketing" [core]="+ starter" [jpa]="+ starter-jpa"
  [core-before]="+ starter, before" [jpa-before]="+ starter-jpa, before")
row() { printf '%-28s %10s %10s %12s %10s %10s %11s %10s %10s %6s\n' "$@"; }
row "" "ready ms" "CPU ms" "main CPU ms" "core wait" "blocked" "JIT CPU ms" "wall ms" "classes" "beans"
for v in "${VARIANTS[@]}"; do
  row "${LABEL[$v]}" "${m[$v,ready-ms]}" "${m[$v,cpu-ms]}" "${m[$v,main-cpu-ms]}" "${m[$v,main-runnable-ms]}" "${m[$v,blocked-ms]}" "${m[$v,jit-cpu-ms]}" "${m[$v,wall-ms]}" "${m[$v,classes]}" "${m[$v,beans]}"
done
added() { awk -v a="${m[$1,$2]}" -v b="${m[without,$2]}" 'BEGIN {print a - b}'; }
if [ -n "${m[without,ready-ms]:-}" ]; then
  for v in "${VARIANTS[@]}"; do
    [ "$v" = without ] && continue
    row "added by ${LABEL[$v]#+ }" "$(added "$v" ready-ms)" "$(added "$v" cpu-ms)" "$(added "$v" main-cpu-ms)" "$(added "$v" main-runnable-ms)" "$(added "$v" blocked-ms)" "$(added "$v" jit-cpu-ms)" "$(added "$v" wall-ms)" "$(added "$v" classes)" "$(added "$v" beans)"
  done
fi
# The same, paired: each round's difference to the host without ticketing started in that round,
# then the median and quartiles of those. Steadier than a difference of medians when the machine's
# speed drifts during the run, since the variants of one round run back to back.
paired() { # variant field
  paste -d' ' <(median_input "$OUT/$1.all" "$2") <(median_input "$OUT/without.all" "$2") |
    awk '{print $1 - $2}' | sort -n |
    awk '{a[NR] = $1} END {q = int((NR + 2) / 4); if (q < 1) q = 1;
      printf "%s (quartiles %s, %s)", (NR % 2 ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2), a[q], a[NR + 1 - q]}'
}
if [ -n "${m[without,ready-ms]:-}" ]; then
  for v in "${VARIANTS[@]}"; do
    [ "$v" = without ] && continue
    echo "added by ${LABEL[$v]#+ }, paired by round: ready $(paired "$v" ready-ms) ms; main CPU $(paired "$v" main-cpu-ms) ms"
  done
fi
if [ "${STEPS:-0}" != 0 ]; then
  for v in "${VARIANTS[@]}"; do echo "== steps with the most time of their own, ${LABEL[$v]} (last run)"; grep -v '^ready-ms=' "$OUT/$v.log" | tail -n "$STEPS"; done
fi
