#!/usr/bin/env bash
# Listing cost at two library sizes, side by side in one run (issue 13 item 1): the packaged service (prod profile)
# twice on the local stack, one on a database of 5 000 bench works and one on 1 000 000 (4 in 5 published, seeded by
# seed-works.sh), then interleaved rounds of wrk (1 and 16 clients, anonymous, the first page of 50 published works
# with topics and creators) against each, and pgbench's "limit" figure (the same page as three statements) on each
# database in the same rounds. Prints every round, then medians and the ratios the goals are stated in.
#
#   deploy/bench/listing-bench.sh                 # SMALL=5000 LARGE=1000000 ROUNDS=3 SECONDS_PER_ROUND=10
#   QUERY=deploy/bench/works-first-50.graphql deploy/bench/listing-bench.sh   # the same page with totalCount
#
# Needs the packaged jar (./mvnw package -DskipTests) and starts or reuses the local stack.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=bench-lib.sh
source "$here/bench-lib.sh"

SMALL="${SMALL:-5000}" LARGE="${LARGE:-1000000}" ROUNDS="${ROUNDS:-3}" SECONDS_PER_ROUND="${SECONDS_PER_ROUND:-10}"
QUERY="${QUERY:-$here/works-page-50.graphql}"
need_command wrk
need_command pgbench postgresql-client
ensure_stack
bench_priority
work_dir="$(mktemp -d /tmp/kepu-listing-bench.XXXXXX)"
pids=()
cleanup() { for pid in "${pids[@]}"; do stop_service "$pid"; done; }
trap cleanup EXIT

declare -A port=([small]=18111 [large]=18112) size=([small]=$SMALL [large]=$LARGE)
for name in small large; do
  database="kepu_bench_$name"
  ensure_database "$database"
  pid="$(start_service "${port[$name]}" "$work_dir/$name.log" \
    -Dquarkus.datasource.jdbc.url="jdbc:postgresql://127.0.0.1:$(stack_port postgres.port)/$database" \
    -Dkepu.search.index-prefix="bench-$name-" -Dkepu.storage.bucket="kepu-bench-$name")"
  pids+=("$pid")
  echo "$name: service pid $pid ready in $(wait_ready "${port[$name]}" "$pid") s" >&2
  PGDATABASE="$database" "$here/seed-works.sh" "${size[$name]}" >&2
done

body="$(graphql_body "$QUERY")"
echo "date: $(date -u +%FT%TZ)  machine: $(nproc) cores, $(awk '/MemTotal/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo)  query: $(basename "$QUERY")"
machine_load
for name in small large; do  # warm-up: JIT, connection pools, PostgreSQL's buffers
  warm_up "http://127.0.0.1:${port[$name]}/graphql" "$body" "$SECONDS_PER_ROUND"
done
printf '%-6s %5s %-6s %9s %8s %8s %7s\n' round size client req/s "p50 ms" "p99 ms" errors
for round in $(seq 1 "$ROUNDS"); do
  for clients in 1 16; do
    for name in small large; do
      read -r rps p50 p99 errors < <(wrk_round "http://127.0.0.1:${port[$name]}/graphql" "$body" "$clients" "$SECONDS_PER_ROUND")
      printf '%-6s %5s %-6s %9s %8s %8s %7s\n' "$round" "$name" "$clients" "$rps" "$p50" "$p99" "$errors"
      echo "$name $clients $rps $p50 $p99 $errors" >>"$work_dir/rounds"
    done
  done
  for name in small large; do
    tps="$(pgbench_round "kepu_bench_$name" "$here/sql/page-three-statements.sql" 16 "$SECONDS_PER_ROUND")"
    printf '%-6s %5s %-6s %9s  (pgbench, three statements, pages/s)\n' "$round" "$name" 16 "$tps"
    echo "$name pg3 $tps" >>"$work_dir/rounds"
  done
done
machine_load

echo
echo "medians of $ROUNDS rounds (${SECONDS_PER_ROUND} s each):"
for name in small large; do
  m() { awk -v n="$name" -v c="$1" -v f="$2" '$1 == n && $2 == c { print $f }' "$work_dir/rounds" | median; }
  errors="$(awk -v n="$name" '$1 == n && $2 != "pg3" { e += $6 } END { print e + 0 }' "$work_dir/rounds")"
  printf '%-5s (%7s works): 1 client %7s req/s p50 %6s ms | 16 clients %7s req/s p99 %6s ms | pgbench %7s pages/s | service/pgbench %s %% | errors %s | RSS %s MiB\n' \
    "$name" "${size[$name]}" "$(m 1 3)" "$(m 1 4)" "$(m 16 3)" "$(m 16 5)" "$(m pg3 3)" \
    "$(awk -v a="$(m 16 3)" -v b="$(m pg3 3)" 'BEGIN { printf "%.0f", 100 * a / b }')" "$errors" \
    "$(rss_mib "${pids[$([[ $name == small ]] && echo 0 || echo 1)]}")"
done
s16="$(awk '$1 == "small" && $2 == 16 { print $3 }' "$work_dir/rounds" | median)"
l16="$(awk '$1 == "large" && $2 == 16 { print $3 }' "$work_dir/rounds" | median)"
s1="$(awk '$1 == "small" && $2 == 1 { print $4 }' "$work_dir/rounds" | median)"
l1="$(awk '$1 == "large" && $2 == 1 { print $4 }' "$work_dir/rounds" | median)"
awk -v s16="$s16" -v l16="$l16" -v s1="$s1" -v l1="$l1" -v S="$SMALL" -v L="$LARGE" 'BEGIN {
  printf "first page at %d vs %d works: 16-client throughput ratio %.2f, 1-client p50 ratio %.2f (goal: about 1)\n", L, S, l16 / s16, l1 / s1 }'
