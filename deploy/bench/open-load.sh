#!/usr/bin/env bash
# Open-model (constant arrival rate, coordinated-omission corrected) GraphQL load generator; see
# src/test/java/cn/kepu/media/bench/OpenLoad.java and deploy/bench/README.md. Arguments pass through:
#   deploy/bench/open-load.sh --query-file deploy/bench/works-page-50.graphql --rate 100,200 --seconds 30
# Without --url it starts the packaged service (prod profile) itself on the local stack, on a database of WORKS
# (5 000) bench works (kepu_bench_open), warms it up, loads it, and stops it; with --url it loads that service.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=bench-lib.sh
source "$here/bench-lib.sh"
java_bin="$(bench_java)"
classpath="$(bench_classpath)"
load() { "$java_bin" -cp "$classpath" "$repo_root/src/test/java/cn/kepu/media/bench/OpenLoad.java" "$@"; }

for argument in "$@"; do
  [[ "$argument" == --url || "$argument" == --url=* ]] && exec "$java_bin" -cp "$classpath" \
    "$repo_root/src/test/java/cn/kepu/media/bench/OpenLoad.java" "$@"
done

WORKS="${WORKS:-5000}" PORT="${PORT:-18140}"
query_file="$here/works-page-50.graphql"
previous=""
for argument in "$@"; do  # the operation, for the warm-up
  [[ "$previous" == --query-file ]] && query_file="$argument"
  [[ "$argument" == --query-file=* ]] && query_file="${argument#--query-file=}"
  previous="$argument"
done
ensure_stack
bench_priority
work_dir="$(mktemp -d /tmp/kepu-open-load.XXXXXX)"
database=kepu_bench_open
ensure_database "$database"
pid="$(start_service "$PORT" "$work_dir/service.log" \
  -Dquarkus.datasource.jdbc.url="jdbc:postgresql://127.0.0.1:$(stack_port postgres.port)/$database" \
  -Dkepu.search.index-prefix=bench-open- -Dkepu.storage.bucket=kepu-bench-open)"
trap 'stop_service "$pid"' EXIT
echo "service pid $pid ready in $(wait_ready "$PORT" "$pid") s (log $work_dir/service.log)" >&2
PGDATABASE="$database" "$here/seed-works.sh" "$WORKS" >&2
url="http://127.0.0.1:$PORT/graphql"
warm_up "$url" "$(graphql_body "$query_file")" 10
echo "date: $(date -u +%FT%TZ)  machine: $(nproc) cores, $(awk '/MemTotal/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo)  works: $WORKS  query: $(basename "$query_file")"
machine_load
status=0
load --url "$url" "$@" || status=$?
machine_load
echo "RSS after the load: $(rss_mib "$pid") MiB"
exit "$status"
