#!/usr/bin/env bash
# How cheaply the gate refuses hostile GraphQL documents, and what a burst of anonymous requests gets.
#   deploy/bench/hostile-documents.sh [http://localhost:8080]     (against deploy/local/run.sh or the packaged jar)
# Prints, measured in the same run:
#   - the baseline: an honest small query ({ topics { code } }), 50 sequential requests, median and p95 in ms;
#   - hostile documents of four shapes (doubling fragment chain, renamed each time; 300-fragment linear chain;
#     wide fragment spread 15 times; deep nesting through fragments), 50 each: code, median and p95 in ms;
#   - a burst of 2000 anonymous requests from one client address, 50 at a time: HTTP statuses and wall time
#     (HOSTILE_BURST=false skips it).
# Each phase uses its own client address (X-Forwarded-For, believed from loopback only: run this on the same host),
# so the phases do not spend each other's rate-limit budget.
set -euo pipefail

url="${1:-http://localhost:8080}/graphql"
runs=50
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

# A JSON body {"query": <document>} from a document on stdin.
as_body() { jq -Rs '{query: .}'; }

doubling_chain() { # $1 = fragment name prefix
  local p="$1" i
  printf 'query { ...%s0 }\n' "$p"
  for ((i = 0; i < 40; i++)); do printf 'fragment %s%d on Query { ...%s%d ...%s%d }\n' "$p" "$i" "$p" $((i + 1)) "$p" $((i + 1)); done
  printf 'fragment %s40 on Query { topics { code } }\n' "$p"
}
linear_chain() {
  local i
  printf 'query { ...L0 }\n'
  for ((i = 0; i < 300; i++)); do printf 'fragment L%d on Query { topics { code } ...L%d }\n' "$i" $((i + 1)); done
  printf 'fragment L300 on Query { topics { code } }\n'
}
wide() {
  local i fields="" spreads=""
  for ((i = 0; i < 120; i++)); do fields+="nameZh "; done
  for ((i = 0; i < 15; i++)); do spreads+="t$i: topics { ...Wide } "; done
  printf 'query { %s } fragment Wide on Topic { %s }\n' "$spreads" "$fields"
}
deep() {
  local i
  printf 'query { ...D0 }\n'
  for ((i = 0; i < 20; i++)); do printf 'fragment D%d on Query { works { edges { node { ...D%d } } } }\n' "$i" $((i + 1)); done
  printf 'fragment D20 on Query { topics { code } }\n'
}

# Sends the body file $2 $runs times as client $1; prints "median p95" of the total times in ms and the first code.
measure() {
  local client="$1" body="$2" i
  : > "$tmp/times"
  for ((i = 0; i < runs; i++)); do
    curl -s -o "$tmp/out" -w '%{time_total}\n' -H 'content-type: application/json' -H "X-Forwarded-For: $client" \
      --data-binary "@$body" "$url" >> "$tmp/times"
  done
  local code
  code="$(jq -r '.errors[0].extensions.code // "OK"' "$tmp/out" 2>/dev/null || echo '?')"
  sort -n "$tmp/times" | awk -v code="$code" '{ t[NR] = $1 * 1000 } END {
    printf "%-18s median %7.2f ms   p95 %7.2f ms\n", code, t[int((NR + 1) / 2)], t[int(NR * 0.95)] }'
}

echo '{ topics { code } }' | as_body > "$tmp/baseline.json"
linear_chain | as_body > "$tmp/linear.json"
wide | as_body > "$tmp/wide.json"
deep | as_body > "$tmp/deep.json"

echo "target: $url   ($runs sequential requests per line)"
printf '%-34s' "baseline { topics { code } }";      measure 192.0.2.10 "$tmp/baseline.json"
# Renamed fragments: a fresh prefix per request defeats any parsed-document cache.
: > "$tmp/times"
for ((i = 0; i < runs; i++)); do
  doubling_chain "F$RANDOM$i" | as_body > "$tmp/doubling.json"
  curl -s -o "$tmp/out" -w '%{time_total}\n' -H 'content-type: application/json' -H 'X-Forwarded-For: 192.0.2.11' \
    --data-binary "@$tmp/doubling.json" "$url" >> "$tmp/times"
done
printf '%-34s' "doubling chain, 2^40, renamed"
code="$(jq -r '.errors[0].extensions.code // "OK"' "$tmp/out")"
sort -n "$tmp/times" | awk -v code="$code" '{ t[NR] = $1 * 1000 } END {
  printf "%-18s median %7.2f ms   p95 %7.2f ms\n", code, t[int((NR + 1) / 2)], t[int(NR * 0.95)] }'
printf '%-34s' "linear chain, 300 fragments";     measure 192.0.2.12 "$tmp/linear.json"
printf '%-34s' "wide fragment spread 15 times";   measure 192.0.2.13 "$tmp/wide.json"
printf '%-34s' "deep nesting through fragments";  measure 192.0.2.14 "$tmp/deep.json"

# HOSTILE_BURST=false leaves the burst out (e.g. against a service started with bench-lib's huge budgets, or when
# comparing two builds' refusal times side by side).
[[ ${HOSTILE_BURST:-true} == true ]] || exit 0
echo
echo "burst: 2000 anonymous requests from one address, 50 concurrent"
start=$(date +%s.%N)
seq 2000 | xargs -P 50 -I{} curl -s -o /dev/null -w '%{http_code}\n' -H 'content-type: application/json' \
  -H 'X-Forwarded-For: 192.0.2.20' --data-binary "@$tmp/baseline.json" "$url" > "$tmp/statuses"
end=$(date +%s.%N)
sort "$tmp/statuses" | uniq -c | awk '{ printf "  HTTP %s: %d\n", $2, $1 }'
awk -v s="$start" -v e="$end" 'BEGIN { printf "  wall time %.2f s\n", e - s }'
curl -s -D - -o /dev/null -H 'content-type: application/json' -H 'X-Forwarded-For: 192.0.2.20' \
  --data-binary "@$tmp/baseline.json" "$url" | grep -i '^retry-after' | sed 's/^/  next request: /'
