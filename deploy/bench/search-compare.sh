#!/usr/bin/env bash
# Search at the cost of Elasticsearch itself (issue 13 item 2), side by side in one run. The packaged service (prod
# profile) on the local stack with a database of its own holding WORKS bench works (seed-works.sh, indexed through
# the outbox), anonymous callers, wrk on loopback, interleaved rounds:
#
#   1. latency / throughput: the README's query (search-works.graphql: 20 hits with creators, topics, highlights,
#      totalCount, four facets) over GraphQL against the very requests the service sent to Elasticsearch for it, sent
#      straight to Elasticsearch: 1 client (p50, p99) and 16 clients (req/s). Goals: GraphQL p50 <= 1.2x, >= 300 req/s.
#   2. cost: the plain text searches of search-plain.txt (first 20, ids only: what the service sends for a search
#      with no facets, total or highlights selected) against a plain multi_match over the same seven text fields with
#      the same visibility filter and page size, both straight to Elasticsearch, the queries taken in turn: 1 client
#      (p50) and 4 clients (req/s, Elasticsearch saturated: cost per query). Goal: service <= 2x the plain one.
#
# The service's requests are captured from the service itself: a first instance runs with the request log
# (kepu.search.requests at DEBUG, SearchIndex) and answers each query once; the measured instance runs without it.
# search-works.es.json is compared with the captured request (timestamps read as "now"); UPDATE_ES_BODY=true rewrites it.
#
#   deploy/bench/search-compare.sh          # WORKS=5000 ROUNDS=3 SECONDS_PER_ROUND=10
#   PROFILE_ES=true deploy/bench/search-compare.sh   # also prints Elasticsearch's profile of both queries
#   JFR=true deploy/bench/search-compare.sh          # records the measured instance (target/search-compare.jfr)
#   CAPTURE_ONLY=true PROFILE_ES=true deploy/bench/search-compare.sh   # requests and profiles only, no timing
#   BENCH_APP=/path/to/quarkus-app deploy/bench/search-compare.sh      # another build of the service
#   CAPTURED=/tmp/kepu-search-compare.XXXX deploy/bench/search-compare.sh  # reuse captured requests (same build)
#
# Needs the packaged jar (./mvnw package -DskipTests); starts or reuses the local stack.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=bench-lib.sh
source "$here/bench-lib.sh"

WORKS="${WORKS:-5000}" ROUNDS="${ROUNDS:-3}" SECONDS_PER_ROUND="${SECONDS_PER_ROUND:-10}"
need_command wrk
need_command jq
ensure_stack
bench_priority
work_dir="$(mktemp -d /tmp/kepu-search-compare.XXXXXX)"
database=kepu_bench_search prefix=bench-search- port="${PORT:-18121}"
es="http://$(sed -n 's/^quarkus.elasticsearch.hosts=//p' "$stack_home/dev.properties")"
alias="${prefix}works"
pid=""
cleanup() { [[ -z "$pid" ]] || stop_service "$pid"; }
trap cleanup EXIT
ensure_database "$database"
settings=(-Dquarkus.datasource.jdbc.url="jdbc:postgresql://127.0.0.1:$(stack_port postgres.port)/$database"
  -Dkepu.search.index-prefix="$prefix" -Dkepu.storage.bucket="kepu-bench-search")

graphql="http://127.0.0.1:$port/graphql"
readme_body="$(graphql_body "$here/search-works.graphql")"
if [[ -n "${CAPTURED:-}" ]]; then
  # The requests of an earlier run (CAPTURE_ONLY=true, same build and works): only the measured instance runs.
  cp "$CAPTURED"/{readme,service,plain}.bodies "$CAPTURED/search-works.es.json" "$work_dir/"
  echo "requests captured in $CAPTURED"
else
# ---- capture instance: seeds and indexes the works, then answers each query once with the request log on
pid="$(start_service "$port" "$work_dir/capture.log" "${settings[@]}" \
  '-Dquarkus.log.category."kepu.search.requests".level=DEBUG')"
echo "capture instance pid $pid ready in $(wait_ready "$port" "$pid") s" >&2
PGDATABASE="$database" SEED_INDEX=true "$here/seed-works.sh" "$WORKS" >&2
indexed() { curl -fsS "$es/$alias/_count" | jq -e --argjson n "$WORKS" '.count >= $n' >/dev/null; }
wait_for 600 "$WORKS works in $alias" indexed

# The requests the service sends for one GraphQL request body: their search bodies, one a line.
captured() {
  local before
  before="$(wc -l <"$work_dir/capture.log")"
  curl -fsS -o "$work_dir/last-response.json" -H 'content-type: application/json' -d "$1" "$graphql"
  jq -e '.errors == null' "$work_dir/last-response.json" >/dev/null || { cat "$work_dir/last-response.json" >&2; return 1; }
  sleep 0.2  # the log line is written before the response, but console output is asynchronous
  tail -n +"$((before + 1))" "$work_dir/capture.log" | sed -n "s|.* POST /$alias/_msearch \(\[.*\]\)$|\1|p" | jq -c '.[]'
}
captured "$readme_body" >/dev/null  # first use reads synonyms and topics
captured "$readme_body" >"$work_dir/readme.bodies"
requests="$(wc -l <"$work_dir/readme.bodies")"
((requests >= 1)) || { echo "no request captured (log: $work_dir/capture.log)" >&2; exit 1; }
((requests == 1)) || echo "note: the README query sent $requests requests (strict tiers, relaxed); the direct side sends them all in one msearch" >&2
normalised() { jq -S 'walk(if type == "string" and test("^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9:.]+Z$") then "now" else . end)'; }
head -1 "$work_dir/readme.bodies" | normalised >"$work_dir/search-works.es.json"
if diff -q <(normalised <"$here/search-works.es.json") "$work_dir/search-works.es.json" >/dev/null; then
  echo "search-works.es.json: the request the service sends (timestamps read as now)"
elif [[ "${UPDATE_ES_BODY:-false}" == true ]]; then
  cp "$work_dir/search-works.es.json" "$here/search-works.es.json"
  echo "search-works.es.json: updated to the request the service sends"
else
  echo "search-works.es.json differs from the request the service sends ($work_dir/search-works.es.json; UPDATE_ES_BODY=true)"
fi
: >"$work_dir/service.bodies"
: >"$work_dir/plain.bodies"
fields='["title","titleEn","tags","creators","affiliations","description","descriptionEn"]'
while IFS= read -r q; do
  [[ -n "$q" ]] || continue
  body="$(jq -nc --arg q "$q" '{query: "query($q: String!) { searchWorks(query: $q, first: 20) { edges { node { id } } } }", variables: {q: $q}}')"
  captured "$body" >"$work_dir/one.bodies"
  { cat "$work_dir/one.bodies"; echo; } >>"$work_dir/service.bodies"
  # The plain query: the same page, source, total and visibility filter; a multi_match instead of the text query.
  { head -1 "$work_dir/one.bodies" | jq -c --arg q "$q" --argjson fields "$fields" \
    '{from, size, track_total_hits, _source, query: {bool: {filter: .query.bool.filter, must: [{multi_match: {query: $q, fields: $fields}}]}}}'
    echo; } >>"$work_dir/plain.bodies"
  printf '%-22s %d request(s), %d hits\n' "$q" "$(wc -l <"$work_dir/one.bodies")" \
    "$(jq '.data.searchWorks.edges | length' "$work_dir/last-response.json")" >&2
done <"$here/search-plain.txt"
stop_service "$pid"
pid=""
fi

if [[ "${PROFILE_ES:-false}" == true ]]; then
  # Where Elasticsearch spends a query's time: the query tree with each clause's own time (children excluded).
  # Seven profiled runs (after three unprofiled); each clause's own time (children excluded), median over the runs;
  # the costliest twelve, and the total of the query phase.
  profile() {
    local n
    for n in 1 2 3; do
      curl -fsS -o /dev/null -H 'content-type: application/json' -d "$1" "$es/$alias/_search"
    done
    for n in 1 2 3 4 5 6 7; do
      jq -c '. + {profile: true}' <<<"$1" | curl -fsS -H 'content-type: application/json' -d @- "$es/$alias/_search" \
        | jq -r '.profile.shards[0].searches[0].query[0] | [recurse(.children[]?)] | to_entries[]
            | "\(.key)\t\((.value.time_in_nanos - ([.value.children[]?.time_in_nanos] | add // 0)) / 1e6)\t\(.value.type)  \(.value.description | .[0:120])"'
    done | sort -t$'\t' -k1,1n -k2,2g | awk -F'\t' '
      { t[$1] = t[$1] " " $2; d[$1] = $3; c[$1]++ }
      END { for (k in t) { split(substr(t[k], 2), v, " "); m = v[int((c[k] + 1) / 2)]; total += m
              printf "%8.3f ms  %s\n", m, d[k] }
            printf "%8.3f ms  (all clauses, medians summed)\n", total }' | sort -k1,1gr | head -13
  }
  # A search's whole query phase as Elasticsearch profiles it (query and rewrite; collector time would count scoring twice), median of seven runs.
  profile_total() {
    local n
    for n in 1 2 3 4 5 6 7; do
      jq -c '. + {profile: true}' <<<"$1" | curl -fsS -H 'content-type: application/json' -d @- "$es/$alias/_search" \
        | jq '.profile.shards[0].searches[0] | (.query[0].time_in_nanos + .rewrite_time) / 1e6'
    done | median
  }
  echo "Elasticsearch profile, query phase per search (median of 7, ms): service's requests | plain multi_match | ratio"
  i=0
  while IFS= read -r q; do
    [[ -n "$q" ]] || continue
    i=$((i + 1))
    service_ms=0
    while IFS= read -r body; do
      profile_total "$body" >/dev/null  # warm
      service_ms="$(awk -v a="$service_ms" -v b="$(profile_total "$body")" 'BEGIN { print a + b }')"
    done < <(awk -v RS= -v n="$i" 'NR == n' "$work_dir/service.bodies")
    plain_body="$(awk -v RS= -v n="$i" 'NR == n' "$work_dir/plain.bodies")"
    profile_total "$plain_body" >/dev/null
    plain_ms="$(profile_total "$plain_body")"
    printf '  %-22s %8.3f %8.3f %6.2f\n' "$q" "$service_ms" "$plain_ms" "$(awk -v a="$service_ms" -v b="$plain_ms" 'BEGIN { print a / b }')"
  done <"$here/search-plain.txt"
  echo "Elasticsearch profile, README query (own time of the costliest clauses):"
  profile "$(head -1 "$work_dir/readme.bodies")"
  echo "Elasticsearch profile, first plain search as the service sends it:"
  profile "$(head -1 "$work_dir/service.bodies")"
  echo "Elasticsearch profile, the same as a plain multi_match:"
  profile "$(head -1 "$work_dir/plain.bodies")"
fi

if [[ "${CAPTURE_ONLY:-false}" == true ]]; then
  echo "captured requests: $work_dir (CAPTURE_ONLY: nothing measured)"
  exit 0
fi

# ---- measured instance
jvm_opts="${BENCH_JAVA_OPTS:-}"
if [[ "${JFR:-false}" == true ]]; then
  jvm_opts="$jvm_opts -XX:StartFlightRecording=filename=$repo_root/target/search-compare.jfr,settings=profile"
fi
pid="$(BENCH_JAVA_OPTS="$jvm_opts" start_service "$port" "$work_dir/service.log" "${settings[@]}")"
echo "measured instance pid $pid ready in $(wait_ready "$port" "$pid") s" >&2
es_round() {  # es_round BODIES_FILE CLIENTS -> "req/s p50 p99 errors" (wrk_round's script, msearch records in turn)
  BODIES_FILE="$1" wrk_round "$es/$alias/_msearch" "" "$2" "$SECONDS_PER_ROUND"
}

echo "date: $(date -u +%FT%TZ)  machine: $(nproc) cores, $(awk '/MemTotal/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo)  works: $WORKS  rounds: $ROUNDS x ${SECONDS_PER_ROUND} s"
machine_load
warm_up "$graphql" "$readme_body" "$SECONDS_PER_ROUND"
es_round "$work_dir/readme.bodies" 4 >/dev/null
es_round "$work_dir/service.bodies" 4 >/dev/null
es_round "$work_dir/plain.bodies" 4 >/dev/null
rounds="$work_dir/rounds"
printf '%-6s %-16s %7s %9s %8s %8s %7s\n' round side clients req/s "p50 ms" "p99 ms" errors
record() {  # record ROUND SIDE CLIENTS "req/s p50 p99 errors"
  printf '%-6s %-16s %7s %9s %8s %8s %7s\n' "$1" "$2" "$3" $4
  echo "$2 $3 $4" >>"$rounds"
}
for round in $(seq 1 "$ROUNDS"); do
  for clients in 1 16; do
    record "$round" graphql "$clients" "$(wrk_round "$graphql" "$readme_body" "$clients" "$SECONDS_PER_ROUND")"
    record "$round" es-same-body "$clients" "$(es_round "$work_dir/readme.bodies" "$clients")"
  done
  for clients in 1 4; do
    record "$round" es-service-plain "$clients" "$(es_round "$work_dir/service.bodies" "$clients")"
    record "$round" es-multi_match "$clients" "$(es_round "$work_dir/plain.bodies" "$clients")"
  done
done
machine_load
m() { awk -v s="$1" -v c="$2" -v f="$3" '$1 == s && $2 == c { print $f }' "$rounds" | median; }
errors="$(awk '{ e += $6 } END { print e + 0 }' "$rounds")"
echo
echo "medians of $ROUNDS rounds (${SECONDS_PER_ROUND} s each), errors $errors, service RSS $(rss_mib "$pid") MiB:"
printf 'README query, 1 client:   GraphQL p50 %s ms p99 %s ms | same body to ES p50 %s ms p99 %s ms | p50 ratio %s (goal <= 1.2)\n' \
  "$(m graphql 1 4)" "$(m graphql 1 5)" "$(m es-same-body 1 4)" "$(m es-same-body 1 5)" \
  "$(awk -v a="$(m graphql 1 4)" -v b="$(m es-same-body 1 4)" 'BEGIN { printf "%.2f", a / b }')"
printf 'README query, 16 clients: GraphQL %s req/s (goal >= 300) | same body to ES %s req/s\n' \
  "$(m graphql 16 3)" "$(m es-same-body 16 3)"
printf 'plain text searches (%d queries in turn), straight to ES: service query p50 %s ms, %s req/s at 4 | multi_match p50 %s ms, %s req/s at 4 | cost ratio %s by throughput, %s by p50 (goal <= 2)\n' \
  "$(grep -c . "$here/search-plain.txt")" "$(m es-service-plain 1 4)" "$(m es-service-plain 4 3)" \
  "$(m es-multi_match 1 4)" "$(m es-multi_match 4 3)" \
  "$(awk -v a="$(m es-multi_match 4 3)" -v b="$(m es-service-plain 4 3)" 'BEGIN { printf "%.2f", a / b }')" \
  "$(awk -v a="$(m es-service-plain 1 4)" -v b="$(m es-multi_match 1 4)" 'BEGIN { printf "%.2f", a / b }')"
echo "bodies and logs: $work_dir"
