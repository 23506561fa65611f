#!/usr/bin/env bash
# The listing page of two builds side by side (issue 13): a baseline build (BASE_APP, e.g. an earlier commit's
# target/quarkus-app copied aside) and this checkout's packaged jar, each on its own database of the same 5 000 bench
# works, interleaved rounds of wrk at 1 and 16 clients, then CPU milliseconds the service spent per request (from
# /proc: user + system time of the JVM over a 4-client run, divided by the requests served). CPU per request is the
# figure to compare on a shared, noisy machine: throughput and latency follow the load average, the work a request
# costs much less so. Prints every round and the medians.
#
#   BASE_APP=/tmp/app-base deploy/bench/listing-ab.sh        # ROUNDS=3 SECONDS_PER_ROUND=10 WORKS=5000
#
# AB_TAG names a pair of databases of its own (kepu_ab_<tag>_base/_new): a database a newer build migrated can no
# longer start an older one, so a run that puts another build on "base" wants a tag of its own.
# BASE_OPTS / NEW_OPTS add -Dkey=value settings to one build only, e.g. the same build with and without the public
# answer cache: BASE_APP=target/quarkus-app BASE_OPTS=-Dkepu.graphql.public-cache.ttl=0 deploy/bench/listing-ab.sh
# A search instead of the listing: SEED_INDEX=true QUERY=deploy/bench/search-works.graphql (the seeded works go through
# the search outbox and the run waits until both indices hold them); with BASE_OPTS/NEW_OPTS
# -Dkepu.graphql.public-cache.ttl=0 for the uncached search.
#
# Both answers are compared first (the same page, byte for byte), and every round counts GraphQL errors.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=bench-lib.sh
source "$here/bench-lib.sh"

BASE_APP="${BASE_APP:?BASE_APP: the quarkus-app directory of the baseline build}"
NEW_APP="${NEW_APP:-$repo_root/target/quarkus-app}"
ROUNDS="${ROUNDS:-3}" SECONDS_PER_ROUND="${SECONDS_PER_ROUND:-10}" WORKS="${WORKS:-5000}"
QUERY="${QUERY:-$here/works-page-50.graphql}"
need_command wrk
ensure_stack
bench_priority
work_dir="$(mktemp -d /tmp/kepu-listing-ab.XXXXXX)"
declare -A app=([base]=$BASE_APP [new]=$NEW_APP) port=([base]=18121 [new]=18122) opts=([base]="${BASE_OPTS:-}" [new]="${NEW_OPTS:-}") pid=()
db_prefix="kepu_ab_${AB_TAG:+${AB_TAG}_}"
cleanup() { for name in "${!pid[@]}"; do stop_service "${pid[$name]}"; done; }
trap cleanup EXIT

for name in base new; do
  # Each build migrates its own database: a newer build's migrations would stop the older one from starting.
  ensure_database "$db_prefix$name"
  read -r -a extra <<<"${opts[$name]}"
  pid[$name]="$(BENCH_APP="${app[$name]}" start_service "${port[$name]}" "$work_dir/$name.log" ${extra[@]+"${extra[@]}"} \
    -Dquarkus.datasource.jdbc.url="jdbc:postgresql://127.0.0.1:$(stack_port postgres.port)/$db_prefix$name" \
    -Dkepu.search.index-prefix="bench-ab-${AB_TAG:+$AB_TAG-}$name-" -Dkepu.storage.bucket="kepu-bench-ab-${AB_TAG:+$AB_TAG-}$name")"
done
for name in base new; do
  echo "$name: ${app[$name]} ready in $(wait_ready "${port[$name]}" "${pid[$name]}") s" >&2
  PGDATABASE="$db_prefix$name" "$here/seed-works.sh" "$WORKS" >&2
done
if [[ "${SEED_INDEX:-false}" == true ]]; then
  # A search query (QUERY=search-works.graphql): both services index the seeded works through their outbox first.
  es="http://$(sed -n 's/^quarkus.elasticsearch.hosts=//p' "$stack_home/dev.properties")"
  for name in base new; do
    indexed() { curl -fsS "$es/bench-ab-${AB_TAG:+$AB_TAG-}$name-works/_count" | jq -e --argjson n "$WORKS" '.count >= $n' >/dev/null; }
    wait_for 600 "$WORKS works indexed for $name" indexed
  done
fi

body="$(graphql_body "$QUERY")"
answer() { curl -s "http://127.0.0.1:${port[$1]}/graphql" -H 'content-type: application/json' -d "$body"; }
[[ "$(answer base | md5sum)" == "$(answer new | md5sum)" ]] || { echo "the two builds answer differently" >&2; exit 1; }

# CPU milliseconds per request of one service over a 4-client run.
cpu_round() {
  local name="$1" before after requests out
  before="$(awk '{ print $14 + $15 }' "/proc/${pid[$name]}/stat")"
  out="$(GRAPHQL_BODY="$body" wrk -t2 -c4 -d"${SECONDS_PER_ROUND}s" --timeout 10s -s "$here/graphql-post.lua" \
    "http://127.0.0.1:${port[$name]}/graphql")"
  after="$(awk '{ print $14 + $15 }' "/proc/${pid[$name]}/stat")"
  requests="$(awk '/^requests / { print $2 }' <<<"$out")"
  awk -v ticks=$((after - before)) -v hz="$(getconf CLK_TCK)" -v n="$requests" \
    'BEGIN { printf "%.2f\n", ticks * 1000 / hz / n }'
}

echo "date: $(date -u +%FT%TZ)  machine: $(nproc) cores  works: $WORKS  query: $(basename "$QUERY")"
# Whether the public answer cache answers the page (a second request in a row: "hit"), or is off ("none").
cache_state() {
  local url="http://127.0.0.1:${port[$1]}/graphql" state
  curl -s -o /dev/null "$url" -H 'content-type: application/json' -d "$body"
  state="$(curl -s -o /dev/null -D - "$url" -H 'content-type: application/json' -d "$body" \
    | awk -F': ' 'tolower($1) == "x-kepu-cache" { print $2 }' | tr -d '\r')"
  echo "${state:-none}"
}
for name in base new; do
  echo "$name: ${app[$name]} ${opts[$name]}  public answer cache on the page: $(cache_state "$name")"
done
machine_load
for name in base new; do
  warm_up "http://127.0.0.1:${port[$name]}/graphql" "$body" "$SECONDS_PER_ROUND"
done
printf '%-6s %-5s %-7s %9s %8s %8s %7s\n' round build clients req/s "p50 ms" "p99 ms" errors
for round in $(seq 1 "$ROUNDS"); do
  for clients in 1 16; do
    for name in base new; do
      read -r rps p50 p99 errors < <(wrk_round "http://127.0.0.1:${port[$name]}/graphql" "$body" "$clients" "$SECONDS_PER_ROUND")
      printf '%-6s %-5s %-7s %9s %8s %8s %7s\n' "$round" "$name" "$clients" "$rps" "$p50" "$p99" "$errors"
      echo "$name $clients $rps $p50 $p99 $errors" >>"$work_dir/rounds"
    done
  done
  for name in base new; do
    cpu="$(cpu_round "$name")"
    printf '%-6s %-5s %-7s %9s  (CPU ms per request, 4 clients)\n' "$round" "$name" cpu "$cpu"
    echo "$name cpu $cpu" >>"$work_dir/rounds"
  done
done
machine_load
echo "medians of $ROUNDS rounds:"
for name in base new; do
  for clients in 1 16; do
    printf '%-5s %2s clients: %7s req/s  p50 %7s ms  p99 %8s ms\n' "$name" "$clients" \
      "$(awk -v n="$name" -v c="$clients" '$1 == n && $2 == c { print $3 }' "$work_dir/rounds" | median)" \
      "$(awk -v n="$name" -v c="$clients" '$1 == n && $2 == c { print $4 }' "$work_dir/rounds" | median)" \
      "$(awk -v n="$name" -v c="$clients" '$1 == n && $2 == c { print $5 }' "$work_dir/rounds" | median)"
  done
  printf '%-5s CPU per request: %s ms\n' "$name" "$(awk -v n="$name" '$1 == n && $2 == "cpu" { print $3 }' "$work_dir/rounds" | median)"
done
echo "errors: $(awk '$2 != "cpu" { s += $6 } END { print s + 0 }' "$work_dir/rounds")  logs: $work_dir"
