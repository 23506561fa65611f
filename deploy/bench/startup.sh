#!/usr/bin/env bash
# Start to ready, and memory under the listing load (issue 13 item 5): the packaged jar (prod profile) on the local
# stack, started ROUNDS times with the JVM's defaults and ROUNDS times with the image's options (deploy/docker/
# Dockerfile: KEPU_JVM_OPTS) plus the JDK's AOT cache, interleaved. The cache is made by a training start against
# the stores (JDK 25 -XX:AOTCacheOutput: the JVM writes every class it loaded, linked and profiled when it exits),
# trained as the image's entrypoint trains it: until ready, then the reads of deploy/docker/aot-training.sh (listing
# pages, searches, the search page). TRAINING=start stops at ready (the entrypoint until 2026-12-03); TRAINING=full
# serves the listing for 20 s at 16 clients instead. Each start: time from exec to /q/health/ready answering 200;
# then 16 clients of the listing for 20 s, and the RSS after it.
# BASELINE_APP=<another build's target/quarkus-app> adds a third variant, "baseline": that build with the JVM's
# defaults, interleaved with the others (before/after a change, same run, same load).
#
#   deploy/bench/startup.sh               # ROUNDS=3; WORKS=5000 (database kepu_bench_start); TRAINING=image
#   BASELINE_APP=/var/tmp/kepu-main-app deploy/bench/startup.sh
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=bench-lib.sh
source "$here/bench-lib.sh"

ROUNDS="${ROUNDS:-3}" WORKS="${WORKS:-5000}" PORT="${PORT:-18130}"
# The image's options (keep in step with deploy/docker/Dockerfile), without the container-only sizing.
TUNED_OPTS="${TUNED_OPTS:-$(sed -n 's/^ARG KEPU_JVM_OPTS="\(.*\)"$/\1/p' "$repo_root/deploy/docker/Dockerfile")}"
[[ -n "$TUNED_OPTS" ]] || { echo "no KEPU_JVM_OPTS in deploy/docker/Dockerfile" >&2; exit 1; }
ensure_stack
bench_priority
work_dir="$(mktemp -d /tmp/kepu-startup.XXXXXX)"
aot="$work_dir/kepu.aot"
database=kepu_bench_start
ensure_database "$database"
db_opts=(-Dquarkus.datasource.jdbc.url="jdbc:postgresql://127.0.0.1:$(stack_port postgres.port)/$database"
  -Dkepu.search.index-prefix=bench-start- -Dkepu.storage.bucket=kepu-bench-start)
body="$(graphql_body "$here/works-page-50.graphql")"
pid=""
trap '[[ -n "$pid" ]] && stop_service "$pid"' EXIT

# A first start migrates and seeds the database, so that every measured start finds the same one.
pid="$(start_service "$PORT" "$work_dir/first.log" "${db_opts[@]}")"
wait_ready "$PORT" "$pid" >/dev/null
PGDATABASE="$database" "$here/seed-works.sh" "$WORKS" >&2
stop_service "$pid"
pid=""
# The training run: the service started with -XX:AOTCacheOutput until ready, then the entrypoint's training reads
# (TRAINING=full: 20 s of the listing load; TRAINING=start: none), then stopped; the JVM writes the cache as it exits.
# (-Dquarkus.appcds.generate=true, which the image used to rely on to stop after static initialisation, is not a
# Quarkus 3.34 runtime switch: the run went on serving.)
pid="$(BENCH_JAVA_OPTS="$TUNED_OPTS -XX:AOTCacheOutput=$aot" start_service "$PORT" "$work_dir/training.log" "${db_opts[@]}")"
wait_ready "$PORT" "$pid" >/dev/null
case "${TRAINING:-image}" in
  image) "$repo_root/deploy/docker/aot-training.sh" "http://127.0.0.1:$PORT" ;;
  full) wrk_round "http://127.0.0.1:$PORT/graphql" "$body" 16 20 >/dev/null ;;
esac
kill "$pid"
wait_for 600 "the training run to write its AOT cache and exit" bash -c "! kill -0 $pid"
pid=""
[[ -f "$aot" ]] || { echo "the training run wrote no AOT cache: $(tail -3 "$work_dir/training.log")" >&2; exit 1; }

echo "date: $(date -u +%FT%TZ)  machine: $(nproc) cores, $(awk '/MemTotal/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo)  works: $WORKS  java: $("$(bench_java)" -version 2>&1 | head -1)"
echo "tuned options: $TUNED_OPTS -XX:AOTCache=<training cache (${TRAINING:-image}), $(du -m "$aot" | cut -f1) MB>"
echo "environment: SSL_CERT_FILE=${SSL_CERT_FILE:-<unset>} SSL_CERT_DIR=${SSL_CERT_DIR:-<unset>}"
variants="default tuned"
if [[ -n "${BASELINE_APP:-}" ]]; then
  [[ -f "$BASELINE_APP/quarkus-run.jar" ]] || { echo "no $BASELINE_APP/quarkus-run.jar" >&2; exit 1; }
  variants="baseline default tuned"
  echo "baseline: $BASELINE_APP (JVM defaults)"
fi
machine_load
printf '%-6s %-8s %10s %10s %12s\n' round options "ready s" "req/s" "RSS MiB"
for round in $(seq 1 "$ROUNDS"); do
  for variant in $variants; do
    opts="" app="${BENCH_APP:-$repo_root/target/quarkus-app}"
    [[ $variant == tuned ]] && opts="$TUNED_OPTS -XX:AOTCache=$aot"
    [[ $variant == baseline ]] && app="$BASELINE_APP"
    pid="$(BENCH_APP="$app" BENCH_JAVA_OPTS="$opts" start_service "$PORT" "$work_dir/$variant-$round.log" "${db_opts[@]}")"
    ready="$(wait_ready "$PORT" "$pid")"
    read -r rps _ _ _ < <(wrk_round "http://127.0.0.1:$PORT/graphql" "$body" 16 20)
    rss="$(rss_mib "$pid")"
    stop_service "$pid"
    pid=""
    printf '%-6s %-8s %10s %10s %12s   %s\n' "$round" "$variant" "$ready" "$rps" "$rss" "$(machine_load)"
    echo "$variant $ready $rps $rss" >>"$work_dir/rounds"
  done
done
machine_load
for variant in $variants; do
  printf 'median %-8s ready %s s, %s req/s, RSS %s MiB\n' "$variant" \
    "$(awk -v v=$variant '$1 == v { print $2 }' "$work_dir/rounds" | median)" \
    "$(awk -v v=$variant '$1 == v { print $3 }' "$work_dir/rounds" | median)" \
    "$(awk -v v=$variant '$1 == v { print $4 }' "$work_dir/rounds" | median)"
done
echo "goals: ready <= 3 s, RSS <= 400 MiB under the listing load"
