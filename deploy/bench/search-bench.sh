#!/usr/bin/env bash
# Search benchmarks against kepu-media running in dev mode (deploy/local/run.sh) on the local stack. Prints numbers.
#   deploy/bench/search-bench.sh latency [samples]    GraphQL searchWorks vs the same query straight to Elasticsearch
#   deploy/bench/search-bench.sh throughput            searchWorks at 1 and 16 concurrent clients (graphql-load.sh)
#   deploy/bench/search-bench.sh reindex [works]       reindexWorks of N works (default 100000) vs raw _bulk
#   deploy/bench/search-bench.sh publish [works]       publish-to-searchable latency p50/p99
# APP_URL (default http://localhost:8080) points at the service.
set -euo pipefail
# shellcheck source=../local/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/../local/lib.sh"

mode="${1:-}"
case "$mode" in
  latency | throughput | reindex | publish) ;;
  *) die "usage: $0 latency|throughput|reindex|publish [n]" ;;
esac
select_jdk
cd "$REPO_ROOT"
app="${APP_URL:-http://localhost:8080}"

if [[ $mode == throughput ]]; then
  exec deploy/bench/graphql-load.sh --url "$app/graphql" --query-file deploy/bench/search-works.graphql \
    --token-url "$app/dev/token/media1" --clients 1,16 --seconds "${SECONDS_PER_RUN:-15}" --warmup 5
fi

dev_properties="$(local_stack start)"
exec java -Xmx1g -cp "$(<target/local-stack.classpath)" src/test/java/cn/kepu/media/bench/SearchBench.java \
  "$dev_properties" "$mode" "${2:-0}" "$app"
