#!/usr/bin/env bash
# Search benchmarks. Prints numbers.
#   deploy/bench/search-bench.sh latency [samples]    GraphQL searchWorks vs the same query straight to Elasticsearch
#   deploy/bench/search-bench.sh throughput            searchWorks at 1 and 16 concurrent clients (graphql-load.sh)
#   deploy/bench/search-bench.sh reindex [works]       reindexWorks of N works (default 100000) twice — every document
#                                                      built (stored documents deleted first), then from the stored
#                                                      documents (steady state) — each against raw _bulk in the run,
#                                                      with the CPU seconds of each process in each phase
#   deploy/bench/search-bench.sh publish [works]       publish-to-searchable latency p50/p99 (and where it goes)
#   deploy/bench/search-bench.sh index [works] [pubs]  reindex, then publish, on one service start
#
# latency, reindex, publish and index start the packaged service themselves (target/quarkus-app, prod profile; as the
# other deploy/bench scripts, bench-lib.sh) on the local stack, with a database of its own (kepu_bench_index) and
# index prefix bench-index-; it seeds bench works there first (seed-works.sh: N for reindex, 1 000 otherwise; search
# triggers off, then one search_version row each, so only a reindex indexes them). APP_URL=http://... uses a running service instead
# (dev mode: deploy/local/run.sh) and the stack's dev database, as the figures before 2026-12-02 were taken.
# throughput needs APP_URL (or http://localhost:8080).
#
# The reindex's baseline (since 2026-12-03 14:00) is a raw _bulk of the same requests: each work's stored document
# (exactly the source the reindex sends, w.* word fields included) with its id and external version, 1 000 to a
# request, 2 in flight, from bytes prepared before the clock starts, into a fresh index of the same definition with the
# reindex's build settings (refresh off, no replicas, restored and refreshed at the end), once with the durable
# translog and once with an asynchronous one; the ratio is against the faster. The older baseline is printed beside it
# ("old"): the documents read back from _source with automatic ids. _source leaves out the w.* fields (the mapping
# excludes them) and automatic ids skip the id look-up a document with its own id costs, so it measured a smaller
# job for Elasticsearch than the reindex asks (11.9 s against 14.9 s at 100 000 works) and its ratio mixed the
# service's cost with the index design; it stays printed so the figures before and after can be compared.
#   BENCH_WARM=true a reindex first runs once uncounted (the service's and Elasticsearch's JIT warm, as in a running
#                   deployment); without it the first reindex measured also pays for both JIT compilers.
#   BENCH_JFR=DIR   also records the service with JFR during each reindex (DIR/reindex-built.jfr, reindex-stored.jfr)
#   BENCH_APP=DIR   another build's target/quarkus-app (A/B: the same harness and baseline, another service)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=bench-lib.sh
source "$here/bench-lib.sh"

mode="${1:-}"
case "$mode" in
  latency | throughput | reindex | publish | index) ;;
  *) echo "usage: $0 latency|throughput|reindex|publish|index [n] [m]" >&2; exit 2 ;;
esac
cd "$repo_root"

if [[ $mode == throughput ]]; then
  app="${APP_URL:-http://localhost:8080}"
  exec deploy/bench/graphql-load.sh --url "$app/graphql" --query-file deploy/bench/search-works.graphql \
    --token-url "$app/dev/token/media1" --clients 1,16 --seconds "${SECONDS_PER_RUN:-15}" --warmup 5
fi

ensure_stack
bench_priority
pid=""
cleanup() { [[ -z "$pid" ]] || stop_service "$pid"; }
trap cleanup EXIT
if [[ -n "${APP_URL:-}" ]]; then
  app="$APP_URL" properties="$stack_home/dev.properties"
else
  database=kepu_bench_index port="${PORT:-18131}" work_dir="$(mktemp -d /tmp/kepu-search-bench.XXXXXX)"
  ensure_database "$database"
  pid="$(start_service "$port" "$work_dir/service.log" \
    -Dquarkus.datasource.jdbc.url="jdbc:postgresql://127.0.0.1:$(stack_port postgres.port)/$database" \
    -Dkepu.search.index-prefix=bench-index- -Dkepu.storage.bucket=kepu-bench-index)"
  echo "service pid $pid ready in $(wait_ready "$port" "$pid") s (log $work_dir/service.log)" >&2
  app="http://127.0.0.1:$port" properties="$work_dir/service.properties"
  # A database without an index behind the alias gets one built at start (SearchIndexer): wait for it, so the
  # measured reindex does not meet that one's lock.
  es="http://$(sed -n 's/^quarkus.elasticsearch.hosts=//p' "$stack_home/dev.properties")"
  wait_for 1800 "an index behind bench-index-works" curl -fsS "$es/_alias/bench-index-works"
  grep -o 'Reindexed [0-9]* works into [^ ]* in [0-9]* ms' "$work_dir/service.log" >&2 || true
  works=1000
  [[ $mode == reindex || $mode == index ]] && works="${2:-100000}"
  PGDATABASE="$database" "$here/seed-works.sh" "$works" >&2
  PGPASSWORD=postgres psql -h 127.0.0.1 -p "$(stack_port postgres.port)" -U postgres -d "$database" -qX -c \
    "insert into search_version (work_id, version) select id, nextval('search_version_seq') from work
     on conflict (work_id) do nothing" >&2
fi

echo "date: $(date -u +%FT%TZ)  build: $(git -C "$repo_root" rev-parse --short HEAD)  machine: $(nproc) cores  service: ${APP_URL:-packaged jar, prod profile, ${BENCH_APP:-$repo_root/target/quarkus-app}}"
machine_load
run() {
  "$(bench_java)" -Xmx1g -cp "$(bench_classpath)" -Dbench.service.pid="${pid:--1}" -Dbench.stack="$stack_home" \
    -Dbench.jfr="${BENCH_JFR:-}" -Dbench.warm="${BENCH_WARM:-false}" "$repo_root/src/test/java/cn/kepu/media/bench/SearchBench.java" \
    "$properties" "$1" "$2" "$app" "$stack_home/jwt/private.pem"
}
case "$mode" in
  index) run reindex "${2:-100000}"; machine_load; run publish "${3:-30}" ;;
  *) run "$mode" "${2:-0}" ;;
esac
machine_load
[[ -z "$pid" ]] || echo "service errors logged: $(grep -c -E '"level":"ERROR"| ERROR ' "$work_dir/service.log" || true)"
