# shellcheck shell=bash
# Shared by the benchmark scripts (sourced): a JDK, the harness class path, the local stack's ports, the packaged
# service started and stopped, and a line saying how loaded the machine was.

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
stack_home="${KEPU_STACK_HOME:-$repo_root/.local-stack}"

# A JDK >= 22 (multi-file source launcher): JAVA_HOME's if new enough, else the newest under /usr/lib/jvm.
bench_java() {
  local candidate version best="" best_version=0
  for candidate in ${JAVA_HOME:+"$JAVA_HOME/bin/java"} /usr/lib/jvm/*/bin/java; do
    [[ -x "$candidate" && -x "$(dirname "$candidate")/javac" ]] || continue
    version="$("$candidate" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java\.specification\.version = \([0-9]*\).*/\1/p')"
    if [[ -n "$version" ]] && ((version >= 22 && version > best_version)); then
      best="$candidate" best_version="$version"
    fi
  done
  [[ -n "$best" ]] || { echo "no JDK 22 or newer (JAVA_HOME, /usr/lib/jvm)" >&2; return 1; }
  printf '%s\n' "$best"
}

# The test class path (HdrHistogram, Jackson, ...) for the harnesses run from source; resolved through the Maven
# wrapper once and cached in target/bench.classpath until pom.xml changes.
bench_classpath() {
  local file="$repo_root/target/bench.classpath"
  if [[ ! -s "$file" || "$repo_root/pom.xml" -nt "$file" ]]; then
    mkdir -p "$repo_root/target"
    # shellcheck disable=SC2086 # KEPU_MVN (another Maven command, see deploy/local/lib.sh) splits on purpose
    (cd "$repo_root" && JAVA_HOME="$(dirname "$(dirname "$(bench_java)")")" ${KEPU_MVN:-./mvnw -B} dependency:build-classpath -q \
      -Dmdep.includeScope=test -Dmdep.outputFile="$file" >&2)
  fi
  cat "$file"
}

# Linux's autogroup scheduling (/proc/sys/kernel/sched_autogroup_enabled = 1, Debian's default) shares the CPU between
# sessions first and applies nice only inside a session: other people's `nice -n 19` builds in their own sessions
# then take as much CPU as a benchmark (measured here 2026-12-02: load 20, a start to ready 116 s). BENCH_PRIORITY=-20
# (root) gives this script's session and the local stack's stores that autogroup nice for the run, so a benchmark
# holding the machine-wide bench lock gets the CPU the niced builds leave, as intended; unset, nothing changes.
#   bench_priority            (called by the scripts after ensure_stack)
bench_priority() {
  local nice="${BENCH_PRIORITY:-}" file pid
  [[ -n "$nice" && -w /proc/self/autogroup ]] || return 0
  echo "$nice" >"/proc/$$/autogroup" 2>/dev/null || { echo "BENCH_PRIORITY: cannot set the autogroup nice" >&2; return 0; }
  for file in "$stack_home/postgres/data/postmaster.pid" "$stack_home/elasticsearch/elasticsearch.pid" \
      "$stack_home/s3proxy/s3proxy.pid" "${PEER_HOME:-/var/tmp/kepu-peer}/pg15/postmaster.pid"; do
    pid="$(head -1 "$file" 2>/dev/null)" || continue
    [[ -n "$pid" ]] && echo "$nice" >"/proc/$pid/autogroup" 2>/dev/null || true
  done
  echo "autogroup nice $nice for this run and the stores ($(cat /proc/$$/autogroup))" >&2
}

stack_port() {
  sed -n "s/^$1=//p" "$stack_home/stack.properties"
}

# "load 1/5/15 min: a b c on N cores" — benchmarks print it with their figures.
machine_load() {
  printf 'load average (1/5/15 min): %s on %s cores%s\n' "$(cut -d' ' -f1-3 /proc/loadavg)" "$(nproc)" \
    "${BENCH_PRIORITY:+, autogroup nice $BENCH_PRIORITY}"
}

# Installs a Debian package when its command is missing (we run as root on these machines).
need_command() {
  local command="$1" package="${2:-$1}"
  command -v "$command" >/dev/null && return 0
  echo "installing $package (apt-get)" >&2
  apt-get update -qq >&2 && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$package" >&2
}

# Starts the packaged service (target/quarkus-app, prod profile) on the local stack; prints its pid.
#   start_service PORT LOGFILE [-Dkey=value ...]
# The -D settings go into a properties file next to the log, made from the stack's dev.properties (they replace its
# lines): a file named by quarkus.config.locations outranks -D system properties here, so overriding the database
# with -D alone would be ignored. JVM options come from BENCH_JAVA_OPTS.
start_service() {
  local port="$1" log="$2" setting key
  shift 2
  local jar="${BENCH_APP:-$repo_root/target/quarkus-app}/quarkus-run.jar" config="${log%.log}.properties"
  [[ -f "$jar" ]] || { echo "no $jar: ./mvnw package -DskipTests first" >&2; return 1; }
  cp "$stack_home/dev.properties" "$config"
  # The prod profile verifies tokens with the identity provider's key; here the stack's dev key (the harnesses sign
  # their users' tokens with it), unless a caller's setting names another.
  # Load comes from one address or a few subjects: budgets far above any bench's rate, the limiter still in the path
  # (deploy/ha/two-instances.sh sets the configured ones back to check them).
  for setting in "-Dmp.jwt.verify.publickey.location=$stack_home/jwt/public.pem" \
      "-Dkepu.rate-limit.anonymous.requests=100000000" "-Dkepu.rate-limit.signed-in.requests=100000000" "$@" "-Dquarkus.http.port=$port" "-Dquarkus.management.port=$((port + 1000))" \
      "-Dquarkus.datasource.jdbc.acquisition-timeout=60S" "-Dquarkus.log.console.json.enabled=false"; do
    setting="${setting#-D}" key="${setting%%=*}"
    grep -v "^${key//./\\.}=" "$config" >"$config.tmp" || true
    mv "$config.tmp" "$config"
    printf '%s\n' "$setting" >>"$config"
  done
  # shellcheck disable=SC2086 # BENCH_JAVA_OPTS splits into options on purpose
  "$(dirname "$(bench_java)")/java" ${BENCH_JAVA_OPTS:-} -Dquarkus.config.locations="$config" -jar "$jar" \
    >"$log" 2>&1 &
  echo $!
}

# Where an instance started by start_service answers /q/*: the management port when the build enables Quarkus'
# management interface (production keeps health and metrics off the public port), else the HTTP port.
management_url() {
  local port="$1"
  if curl -fsS -o /dev/null "http://127.0.0.1:$((port + 1000))/q/health/live" 2>/dev/null; then
    echo "http://127.0.0.1:$((port + 1000))"
  else
    echo "http://127.0.0.1:$port"
  fi
}

# Waits until /q/health/ready answers 200 on either port (or the process died, or READY_TIMEOUT seconds passed:
# 900 by default, a start on a machine at load 20 has taken 275 s); prints seconds waited.
wait_ready() {
  local port="$1" pid="$2" begin deadline
  begin=$(date +%s.%N) deadline=$(($(date +%s) + ${READY_TIMEOUT:-900}))
  until curl -fsS -m 5 -o /dev/null "http://127.0.0.1:$port/q/health/ready" 2>/dev/null \
      || curl -fsS -m 5 -o /dev/null "http://127.0.0.1:$((port + 1000))/q/health/ready" 2>/dev/null; do
    kill -0 "$pid" 2>/dev/null || { echo "service (pid $pid) died" >&2; return 1; }
    (($(date +%s) < deadline)) || { echo "service (pid $pid) not ready after ${READY_TIMEOUT:-900} s" >&2; return 1; }
    sleep 0.05
  done
  awk -v b="$begin" -v e="$(date +%s.%N)" 'BEGIN { printf "%.2f\n", e - b }'
}

# Waits until COMMAND succeeds, at most SECONDS; then fails naming WHAT (a bounded wait on a condition, never a sleep
# of a guessed length).   wait_for SECONDS WHAT COMMAND [ARG ...]
wait_for() {
  local seconds="$1" what="$2" deadline
  shift 2
  deadline=$(($(date +%s) + seconds))
  until "$@" >/dev/null 2>&1; do
    (($(date +%s) < deadline)) || { echo "gave up after $seconds s waiting for: $what" >&2; return 1; }
    sleep 0.5
  done
}

stop_service() {
  local pid="$1"
  kill "$pid" 2>/dev/null || return 0
  for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || return 0; sleep 0.1; done
  kill -9 "$pid" 2>/dev/null || true
}

rss_mib() {
  awk '/^VmRSS:/ { printf "%.0f\n", $2 / 1024 }' "/proc/$1/status"
}

# The JSON request body of the GraphQL operation in FILE.
graphql_body() {
  jq -Rsc '{query: .}' "$1"
}

# wrk (closed loop, C, little CPU) against a GraphQL endpoint:
#   wrk_round URL BODY CONNECTIONS SECONDS [TOKEN]  ->  "req/s p50_ms p99_ms errors"
wrk_round() {
  local url="$1" body="$2" connections="$3" seconds="$4" token="${5:-}" threads out
  threads=$((connections < 2 ? 1 : 2))
  need_command wrk
  out="$(GRAPHQL_BODY="$body" GRAPHQL_TOKEN="$token" wrk -t"$threads" -c"$connections" -d"${seconds}s" --timeout 10s \
    -s "$repo_root/deploy/bench/graphql-post.lua" "$url")"
  awk '
    /^requests / { requests = $2; secs = $4 }
    /^latency_us / { p50 = $3 / 1000; p99 = $7 / 1000 }
    /^graphql_errors / { errors += $2 }
    /Socket errors:/ { gsub(/,/, ""); errors += $4 + $6 + $8 + $10 }
    END { printf "%.1f %.2f %.2f %d\n", requests / secs, p50, p99, errors }' <<<"$out"
}

# Median of the numbers on stdin (one a line).
median() {
  sort -g | awk '{ v[NR] = $1 } END { if (NR == 0) print "nan"; else if (NR % 2) print v[(NR + 1) / 2]; else printf "%.2f\n", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

# pgbench of a script file against a database of the local stack: pgbench_round DB FILE CLIENTS SECONDS -> "tps"
pgbench_round() {
  local database="$1" file="$2" clients="$3" seconds="$4"
  PGPASSWORD=postgres pgbench -n -h 127.0.0.1 -p "$(stack_port postgres.port)" -U postgres -M prepared \
    -c "$clients" -j 2 -T "$seconds" -f "$file" "$database" 2>/dev/null \
    | awk '/^tps = / { printf "%.1f\n", $3 }'
}

# Creates (if missing) a database of the local stack owned by the app's role.
ensure_database() {
  local database="$1" port
  port="$(stack_port postgres.port)"
  if ! PGPASSWORD=postgres psql -h 127.0.0.1 -p "$port" -U postgres -d postgres -Atqc \
      "select 1 from pg_database where datname = '$database'" | grep -q 1; then
    PGPASSWORD=postgres psql -h 127.0.0.1 -p "$port" -U postgres -d postgres -qc "create database $database owner kepu" >&2
  fi
}

# The local stack, started unless it already runs healthy with its dev.properties written ("start" builds first and
# writes them; a stack the tests started has none). Keycloak only when KEPU_STACK_KEYCLOAK=true: no bench signs in there.
ensure_stack() {
  (cd "$repo_root" && { [[ -f "$stack_home/dev.properties" ]] && deploy/local/stack.sh status >/dev/null 2>&1 \
    || KEPU_STACK_KEYCLOAK="${KEPU_STACK_KEYCLOAK:-false}" deploy/local/stack.sh start >/dev/null; })
}

# Warms a freshly started service up (JIT, pools, PostgreSQL's buffers): sequential requests until ten in a row answer
# within 500 ms, or two minutes passed (a loaded machine); then wrk_round at 16 clients for SECONDS.
#   warm_up URL BODY SECONDS [TOKEN]
warm_up() {
  local url="$1" body="$2" seconds="$3" token="${4:-}" fast=0 deadline time
  deadline=$(($(date +%s) + 120))
  while ((fast < 10 && $(date +%s) < deadline)); do
    time="$(curl -s -o /dev/null -w '%{time_total}' -m 30 -H 'content-type: application/json' \
      ${token:+-H "Authorization: Bearer $token"} -d "$body" "$url" || echo 30)"
    if awk -v t="$time" 'BEGIN { exit !(t < 0.5) }'; then fast=$((fast + 1)); else fast=0; fi
  done
  wrk_round "$url" "$body" 16 "$seconds" "$token" >/dev/null
}
