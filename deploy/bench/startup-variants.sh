#!/usr/bin/env bash
# Start-up variants (issue 13 item 5): JVM options and AOT caches side by side on what a start costs — time from exec
# to /q/health/ready answering 200, and the CPU spent until then per thread (main, C1, C2, the rest; from
# /proc/<pid>/task) — interleaved, ROUNDS times each. startup.sh measures the image's choice under the listing load;
# this is for choosing it. THROUGHPUT=<seconds> adds, after each ready, two rounds of the listing at 16 clients with
# the public answer cache off (the first cold, the second warm), so that a start-up gain bought with throughput shows.
# Each start also prints its phases, in seconds from exec, read from its log: "flyway" (Flyway's first line, after
# the JVM, Quarkus' static initialisation and the pool's first connection), "migrated" (Flyway done), "http" (Quarkus
# "started": every runtime step and StartupEvent observer done, ports open), "tasks" (the last start-up task done,
# shared/startup/StartupTasks) and ready.
# JFR=true adds, after the rounds, one start of each variant with a flight recording (settings=profile) and prints
# where it went (jfr-summary.sh startup: samples by thread and component, the main
# thread's by phase, the JIT's compilations, GC, connections opened until ready) and Quarkus' own step times
# (-Dquarkus.debug.print-startup-times=true); the recordings stay in the work directory.
#
#   VARIANTS: one variant a line, "name|cache|extra JVM options"; cache is "start" (a cache trained by one start until
#   ready, as the image's entrypoint did until 2026-12-03), "traffic" (trained as the entrypoint does now: until ready,
#   then the reads of deploy/docker/aot-training.sh) or "none". Every variant runs with the image's KEPU_JVM_OPTS. A
#   fourth field names another build's quarkus-app directory (e.g. main's, for before/after in one run); its caches
#   are trained from it.
#
#   VARIANTS=$'tuned|start|\ntraffic|traffic|' deploy/bench/startup-variants.sh
#   BENCH_APP=/var/tmp/kepu-main-app ... (another build)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=bench-lib.sh
source "$here/bench-lib.sh"

ROUNDS="${ROUNDS:-3}" WORKS="${WORKS:-5000}" PORT="${PORT:-18150}"
VARIANTS="${VARIANTS:-$'start-trained|start|\ntraffic-trained|traffic|'}"
TUNED_OPTS="${TUNED_OPTS:-$(sed -n 's/^ARG KEPU_JVM_OPTS="\(.*\)"$/\1/p' "$repo_root/deploy/docker/Dockerfile")}"
[[ -n "$TUNED_OPTS" ]] || { echo "no KEPU_JVM_OPTS in deploy/docker/Dockerfile" >&2; exit 1; }
ensure_stack
bench_priority
work_dir="$(mktemp -d /tmp/kepu-startup-variants.XXXXXX)"
database=kepu_bench_start
ensure_database "$database"
db_opts=(-Dquarkus.datasource.jdbc.url="jdbc:postgresql://127.0.0.1:$(stack_port postgres.port)/$database"
  -Dkepu.search.index-prefix=bench-start- -Dkepu.storage.bucket=kepu-bench-start)
[[ -n "${THROUGHPUT:-}" ]] && db_opts+=(-Dkepu.graphql.public-cache.ttl=0)
# The start-up tasks log when each is done (a phase mark below).
db_opts+=('-Dquarkus.log.category."cn.kepu.media.shared.startup".level=DEBUG')
listing="$(graphql_body "$here/works-page-50.graphql")"
pid=""
trap '[[ -n "$pid" ]] && stop_service "$pid"' EXIT

# CPU seconds until now of PID, in all and per thread kind: "total main c1 c2 other".
thread_cpu() {
  local pid="$1" task comm stat rest total main=0 c1=0 c2=0 other=0 ticks
  stat="$(<"/proc/$pid/stat")" rest="${stat##*) }"
  read -r -a fields <<<"$rest"
  total=$((fields[11] + fields[12]))
  for task in /proc/"$pid"/task/[0-9]*; do
    comm="$(<"$task/comm")" stat="$(<"$task/stat")" 2>/dev/null || continue
    rest="${stat##*) }"
    read -r -a fields <<<"$rest"
    ticks=$((fields[11] + fields[12]))
    case "$comm" in
      "C2 Compiler"*) c2=$((c2 + ticks)) ;;
      "C1 Compiler"*) c1=$((c1 + ticks)) ;;
      main | java) main=$((main + ticks)) ;; # the launcher runs Java's main thread under the comm "java"
      *) other=$((other + ticks)) ;;
    esac
  done
  awk -v hz="$(getconf CLK_TCK)" -v t="$total" -v m="$main" -v a="$c1" -v b="$c2" -v o="$other" \
    'BEGIN { printf "%.2f %.2f %.2f %.2f %.2f\n", t / hz, m / hz, a / hz, b / hz, (t - m - a - b) / hz }'
}

# Epoch milliseconds of the first log line of LOG matching the extended regular expression RE ("last": the last).
log_mark() {
  local log="$1" re="$2" which="${3:-first}" line
  if [[ $which == last ]]; then line="$(grep -E "$re" "$log" | tail -1)"; else line="$(grep -m1 -E "$re" "$log")"; fi
  [[ $line =~ ^([0-9-]+\ [0-9:]+),([0-9]{3}) ]] || return 0
  echo "$(date -u -d "${BASH_REMATCH[1]}" +%s)${BASH_REMATCH[2]}"
}

# The phases of a start from its log, as "name=epoch_ms" marks in order (those found).
phase_marks() {
  local log="$1" mark
  mark="$(log_mark "$log" 'FlywayExecutor.*Database:')" && [[ -n $mark ]] && echo "flyway=$mark"
  mark="$(log_mark "$log" 'DbMigrate.*(up to date|Successfully applied)')" && [[ -n $mark ]] && echo "migrated=$mark"
  mark="$(log_mark "$log" 'started in [0-9.]+s')" && [[ -n $mark ]] && echo "http=$mark"
  mark="$(log_mark "$log" "Start-up task '.*' done in" last)" && [[ -n $mark ]] && echo "tasks=$mark"
  return 0
}

# "flyway 1.23 migrated 1.40 ..." in seconds after T0 (epoch ms), from phase marks on stdin.
phase_seconds() {
  awk -F= -v t0="$1" '{ printf "%s %.2f ", $1, ($2 - t0) / 1000 }'
}

# A first start migrates the database, so that every measured start finds the same one.
pid="$(start_service "$PORT" "$work_dir/first.log" "${db_opts[@]}")"
wait_ready "$PORT" "$pid" >/dev/null
PGDATABASE="$database" "$here/seed-works.sh" "$WORKS" >&2
stop_service "$pid"
pid=""

default_app="${BENCH_APP:-$repo_root/target/quarkus-app}"
# The cache of KIND ("start", "traffic") for APP: a file name under the work directory.
cache_file() {
  printf '%s/%s-%s.aot\n' "$work_dir" "$1" "$(printf '%s' "$2" | sha256sum | cut -c1-8)"
}

# Trains a cache as the image's entrypoint does (record, then create), "start" or "traffic", for APP.
train() {
  local kind="$1" app="$2" cache
  cache="$(cache_file "$kind" "$app")"
  pid="$(BENCH_APP="$app" BENCH_JAVA_OPTS="$TUNED_OPTS -XX:AOTMode=record -XX:AOTConfiguration=$cache.conf" \
    start_service "$PORT" "${cache%.aot}-training.log" "${db_opts[@]}")"
  wait_ready "$PORT" "$pid" >/dev/null
  [[ $kind == traffic ]] && "$repo_root/deploy/docker/aot-training.sh" "http://127.0.0.1:$PORT"
  kill "$pid"
  wait_for 600 "the training run to write its AOT configuration and exit" bash -c "! kill -0 $pid"
  pid=""
  # shellcheck disable=SC2086
  "$(dirname "$(bench_java)")/java" $TUNED_OPTS -XX:AOTMode=create -XX:AOTConfiguration="$cache.conf" \
    -XX:AOTCache="$cache" -jar "$app/quarkus-run.jar" >"${cache%.aot}-create.log" 2>&1
  echo "AOT cache '$kind' of $app: $(du -m "$cache" | cut -f1) MB" >&2
}
while IFS='|' read -r _ kind _ app; do
  app="${app:-$default_app}"
  [[ $kind == none || -f "$(cache_file "$kind" "$app")" ]] || train "$kind" "$app"
done <<<"$VARIANTS"

echo "date: $(date -u +%FT%TZ)  machine: $(nproc) cores  works: $WORKS  app: $default_app"
echo "image options: $TUNED_OPTS"
machine_load
printf '%-6s %-22s %8s %8s %8s %8s %8s %8s %10s %10s\n' round variant "ready s" "CPU s" main C1 C2 other \
  "cold r/s" "warm r/s"
for round in $(seq 1 "$ROUNDS"); do
  while IFS='|' read -r name cache extra app; do
    [[ -n "$name" ]] || continue
    app="${app:-$default_app}" opts="$TUNED_OPTS $extra"
    [[ $cache != none ]] && opts="$opts -XX:AOTCache=$(cache_file "$cache" "$app")"
    pid="$(BENCH_APP="$app" BENCH_JAVA_OPTS="$opts" start_service "$PORT" "$work_dir/$name-$round.log" "${db_opts[@]}")"
    t0="$(date +%s%3N)" # java was just started (start_service's last step), as wait_ready counts from here
    ready="$(wait_ready "$PORT" "$pid")"
    read -r cpu main c1 c2 other < <(thread_cpu "$pid")
    echo "  phases of $name-$round (s from exec): $(phase_marks "$work_dir/$name-$round.log" | phase_seconds "$t0")ready $ready" >&2
    cold="-" warm="-"
    if [[ -n "${THROUGHPUT:-}" ]]; then
      read -r cold _ < <(wrk_round "http://127.0.0.1:$PORT/graphql" "$listing" 16 "$THROUGHPUT")
      read -r warm _ < <(wrk_round "http://127.0.0.1:$PORT/graphql" "$listing" 16 "$THROUGHPUT")
    fi
    stop_service "$pid"
    pid=""
    printf '%-6s %-22s %8s %8s %8s %8s %8s %8s %10s %10s   %s\n' "$round" "$name" "$ready" "$cpu" "$main" "$c1" \
      "$c2" "$other" "$cold" "$warm" "$(cut -d' ' -f1 /proc/loadavg)"
    echo "$name $ready $cpu $main $c1 $c2 $other $cold $warm" >>"$work_dir/rounds"
  done <<<"$VARIANTS"
done
machine_load
if [[ ${JFR:-false} == true ]]; then
  while IFS='|' read -r name cache extra app; do
    [[ -n "$name" ]] || continue
    app="${app:-$default_app}" opts="$TUNED_OPTS $extra"
    [[ $cache != none ]] && opts="$opts -XX:AOTCache=$(cache_file "$cache" "$app")"
    log="$work_dir/$name-jfr.log" jfr="$work_dir/$name-start.jfr"
    # Timed and counted (JDK 25 method timing): database connections opened, each with its SCRAM key derivation.
    timed='org.postgresql.core.v3.ConnectionFactoryImpl::openConnectionImpl;com.sun.crypto.provider.PBKDF2KeyImpl::deriveKey'
    pid="$(BENCH_APP="$app" BENCH_JAVA_OPTS="$opts -XX:FlightRecorderOptions=stackdepth=256 -XX:StartFlightRecording=filename=$jfr,settings=profile,dumponexit=true,jdk.Compilation#threshold=0ms,method-timing=$timed -Xlog:startuptime:file=$work_dir/$name-vm.txt -Dquarkus.debug.print-startup-times=true" \
      start_service "$PORT" "$log" "${db_opts[@]}")"
    t0="$(date +%s%3N)"
    ready="$(wait_ready "$PORT" "$pid")"
    ready_ms="$(date +%s%3N)"
    read -r cpu _ < <(thread_cpu "$pid")
    stop_service "$pid"
    pid=""
    echo
    echo "== $name with JFR: ready $ready s, $cpu CPU s; phases (s from exec): $(phase_marks "$log" | phase_seconds "$t0")"
    # shellcheck disable=SC2046 # one argument per phase mark
    "$here/jfr-summary.sh" startup "$jfr" "$ready_ms" \
      $(phase_marks "$log")
    "$(dirname "$(bench_java)")/jfr" view --width 160 method-timing "$jfr" | sed 's/^/  /'
    echo "JVM: $(grep -m1 'Create VM' "$work_dir/$name-vm.txt" | sed 's/^.*\] //')"
    echo "Quarkus' slowest start-up steps (ms):"
    sed -n 's/^.*Build step \(.*\) completed in: \([0-9]*\)ms.*$/\2 \1/p' "$log" | sort -rn | head -15 | sed 's/^/  /'
  done <<<"$VARIANTS"
fi
while IFS='|' read -r name _ _; do
  [[ -n "$name" ]] || continue
  printf 'median %-22s ready %s s, CPU %s s (main %s, C1 %s, C2 %s), listing cold %s warm %s req/s\n' "$name" \
    "$(awk -v v="$name" '$1 == v { print $2 }' "$work_dir/rounds" | median)" \
    "$(awk -v v="$name" '$1 == v { print $3 }' "$work_dir/rounds" | median)" \
    "$(awk -v v="$name" '$1 == v { print $4 }' "$work_dir/rounds" | median)" \
    "$(awk -v v="$name" '$1 == v { print $5 }' "$work_dir/rounds" | median)" \
    "$(awk -v v="$name" '$1 == v { print $6 }' "$work_dir/rounds" | median)" \
    "$(awk -v v="$name" '$1 == v && $8 != "-" { print $8 }' "$work_dir/rounds" | median)" \
    "$(awk -v v="$name" '$1 == v && $9 != "-" { print $9 }' "$work_dir/rounds" | median)"
done <<<"$VARIANTS"
echo "logs: $work_dir"
