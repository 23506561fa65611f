#!/usr/bin/env bash
# Mixed soak (issue 13 item 6): the packaged service (prod profile) on the local stack with 5 000 searchable works,
# then src/test/java/cn/kepu/media/bench/Soak.java: CLIENTS closed-loop clients for SECONDS, mixing anonymous
# listing and search, work edits, upload sessions and judges' scoring; it prints RSS and heap live data after GC
# every SAMPLE seconds and per-operation latencies and errors at the end. Exit status 1 on any error.
#
#   deploy/bench/soak.sh                       # CLIENTS=16 SECONDS=600 SAMPLE=60
#   SECONDS_TOTAL=120 SAMPLE=20 deploy/bench/soak.sh   # a short run while iterating
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=bench-lib.sh
source "$here/bench-lib.sh"

CLIENTS="${CLIENTS:-16}" SECONDS_TOTAL="${SECONDS_TOTAL:-600}" SAMPLE="${SAMPLE:-60}" PORT="${PORT:-18120}"
WORKS="${WORKS:-5000}"
ensure_stack
bench_priority
work_dir="$(mktemp -d /tmp/kepu-soak.XXXXXX)"
database=kepu_bench_soak
ensure_database "$database"
pid="$(start_service "$PORT" "$work_dir/service.log" \
  -Dquarkus.datasource.jdbc.url="jdbc:postgresql://127.0.0.1:$(stack_port postgres.port)/$database" \
  -Dkepu.search.index-prefix=bench-soak- -Dkepu.storage.bucket=kepu-bench-soak)"
trap 'stop_service "$pid"' EXIT
echo "service pid $pid ready in $(wait_ready "$PORT" "$pid") s (log $work_dir/service.log)" >&2
SEED_INDEX=true PGDATABASE="$database" "$here/seed-works.sh" "$WORKS" >&2
# Let the indexer take the seeded works in before measuring.
until [[ "$(PGPASSWORD=postgres psql -h 127.0.0.1 -p "$(stack_port postgres.port)" -U postgres -d "$database" -Atqc \
  'select count(*) from search_outbox')" == 0 ]]; do sleep 1; done

echo "date: $(date -u +%FT%TZ)  machine: $(nproc) cores, $(awk '/MemTotal/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo)  works: $WORKS"
machine_load
status=0
"$(bench_java)" -cp "$(bench_classpath)" "$repo_root/src/test/java/cn/kepu/media/bench/Soak.java" \
  --url "http://127.0.0.1:$PORT/graphql" --metrics "${METRICS_URL:-$(management_url "$PORT")/q/metrics}" \
  --key "$stack_home/jwt/private.pem" --clients "$CLIENTS" --seconds "$SECONDS_TOTAL" --sample "$SAMPLE" --pid "$pid" \
  || status=$?
machine_load
echo "service errors logged: $(grep -c -E '"level":"ERROR"| ERROR ' "$work_dir/service.log" || true)"
exit "$status"
