#!/usr/bin/env bash
# Web application measures (prints numbers; not a test):
#   1. JavaScript a browser fetches on first load of the search page, a work page and the judge screen (gzipped),
#      from the production build's manifest; budget 250 KB.
#   2. Lighthouse (performance, accessibility, best practices) in Debian's Chromium on the search page and a work
#      page, against the packaged service (production build of the UI, served from the jar) on the local stack.
#   3. What starting the application on the first intent costs on those pages (webui-intent.mjs).
# Builds the jar when missing or not built by this script (package -DskipTests -Dquarkus.profile=dev: the demo data
# and /q/health on the main port exist only in a dev-profile build; the UI is Vite's production build either way),
# starts it on BENCH_PORT (default 18080) with the local stack, and stops it afterwards. RUNS=3 Lighthouse runs per
# page by default; the median is printed with the load average. KEPU_MVN replaces ./mvnw (e.g. a build-slot wrapper);
# LH_REPORTS=<dir> keeps every run's full Lighthouse JSON there (to read which audits failed). LH_PRESET=desktop runs
# Lighthouse's desktop preset instead (additional information only: the goal is measured with mobile emulation).
# BASELINE_JAR=<another build's quarkus-app/quarkus-run.jar> (e.g. main's, built with the same command) measures it in
# the same run on the next port, each run alternating baseline and this build, so both see the same machine load.
# BENCH_PRIORITY=-20 (root) gives this run and the local stack's stores an autogroup nice (deploy/bench/bench-lib.sh).
set -euo pipefail
# shellcheck source=../local/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/../local/lib.sh"
# shellcheck source=bench-lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/bench-lib.sh"

select_jdk
cd "$REPO_ROOT"
port="${BENCH_PORT:-18080}"
runs="${RUNS:-3}"
chrome="${CHROME_PATH:-/usr/bin/chromium}"
[[ -x $chrome ]] || die "Chromium missing: apt-get install -y chromium fonts-noto-cjk"

jar=target/quarkus-app/quarkus-run.jar
built=target/quarkus-app/.bench-dev-build
if [[ ! -f $jar || ! -f $built || $jar -nt $built ]]; then
  ${KEPU_MVN:-./mvnw -B} package -q -DskipTests -Dquarkus.profile=dev
  touch "$built"
fi

echo "== first-load JavaScript (the jar's production build of the UI, gzip -9) =="
node src/main/webui/scripts/first-load.mjs target/quinoa/build

(cd deploy/bench/webui && [[ -d node_modules/lighthouse ]] || npm install --no-audit --no-fund --silent)
dev_properties="$(local_stack start)"
bench_priority
log="$(mktemp)"
baseline_log="$(mktemp)"
app_pids=()
trap 'for p in "${app_pids[@]}"; do kill "$p" 2>/dev/null || true; wait "$p" 2>/dev/null || true; done; rm -f "$log" "$baseline_log"' EXIT
# start_jar <jar> <port> <log>
start_jar() {
  java -Dquarkus.profile=dev -Dquarkus.config.locations="$dev_properties" -Dquarkus.http.port="$2" -jar "$1" > "$3" 2>&1 &
  app_pids+=($!)
  local pid=$!
  for _ in $(seq 1 240); do
    curl -sf "http://localhost:$2/q/health/ready" > /dev/null && return 0
    kill -0 "$pid" 2>/dev/null || { cat "$3"; die "service $1 did not start"; }
    sleep 1
  done
  die "service $1 not ready within 240 s"
}
start_jar target/quarkus-app/quarkus-run.jar "$port" "$log"
base="http://localhost:$port"
variants=("$base")
if [[ -n ${BASELINE_JAR:-} ]]; then
  start_jar "$BASELINE_JAR" $((port + 1)) "$baseline_log"
  variants=("http://localhost:$((port + 1))" "$base")
fi
# The demo works reach the index through the outbox a few seconds after start.
work_id=""
for _ in $(seq 1 60); do
  work_id="$(curl -s "$base/graphql" -H 'content-type: application/json' \
    -d '{"query":"{ searchWorks(query: \"量子\", first: 1) { edges { node { id } } } }"}' \
    | sed -n 's/.*"id":"\([^"]*\)".*/\1/p')"
  [[ -n $work_id ]] && break
  sleep 1
done
[[ -n $work_id ]] || die "no published work to measure"

preset="${LH_PRESET:-mobile}"
preset_flag=()
[[ $preset == desktop ]] && preset_flag=(--preset=desktop)
echo "== Lighthouse (median of $runs runs, load average $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores, $preset${preset_flag[*]:+ preset} emulation, Chromium $("$chrome" --version | awk '{print $2}')) =="
profile="$(mktemp -d)"
[[ -n ${LH_REPORTS:-} ]] && mkdir -p "$LH_REPORTS"  # tee cannot create the directory itself
for page in "/?q=%E9%87%8F%E5%AD%90" "/works/$work_id"; do
 declare -A scores_of=()
 for run in $(seq 1 "$runs"); do
  for origin in "${variants[@]}"; do
    CHROME_PATH="$chrome" node deploy/bench/webui/node_modules/lighthouse/cli/index.js "$origin$page" --quiet "${preset_flag[@]}" \
      --only-categories=performance,accessibility,best-practices --output=json --output-path=stdout \
      --chrome-flags="--headless=new --no-sandbox --disable-gpu --disable-quic --no-first-run --disable-background-networking --disable-component-update --disable-sync --disable-dev-shm-usage --user-data-dir=$profile" \
      | if [[ -n ${LH_REPORTS:-} ]]; then tee "$LH_REPORTS/$preset${origin##*:}$(tr -c 'A-Za-z0-9\n' _ <<< "${page%%\?*}" | head -c 40)-$run.json"; else cat; fi \
      | node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>{const r=JSON.parse(s);const c=r.categories;const a=r.audits;console.log([c.performance.score,c.accessibility.score,c["best-practices"].score].map(x=>Math.round(x*100)).join(" ")+" "+Math.round(a["largest-contentful-paint"].numericValue)+" "+Math.round(a["total-blocking-time"].numericValue)+" "+Math.round(a["total-byte-weight"].numericValue/1024))})' \
      > "$profile/out" || true
    scores_of[$origin]+="$(cat "$profile/out")"$'\n'
  done
 done
 for origin in "${variants[@]}"; do
  label="$page"
  [[ ${#variants[@]} -gt 1 ]] && label="$page $([[ $origin == "$base" ]] && echo '(this build)' || echo '(baseline)')"
  printf '%s' "${scores_of[$origin]:-}" | { grep . || true; } | sort -n | awk -v page="$label" '{ rows[NR]=$0 } END {
    split(rows[int((NR+1)/2)], m, " ");
    printf "%-48s performance %3s  accessibility %3s  best-practices %3s  LCP %5s ms  TBT %4s ms  transfer %5s KB  (runs: %s)\n", page, m[1], m[2], m[3], m[4], m[5], m[6], NR }'
 done
 unset scores_of
done
rm -rf "$profile"
# Pages with a first screen start the application on the first intent (or idle); what that start costs the visitor.
echo "== first intent (4x CPU slowdown, phone viewport, median of $runs runs, load average $(cut -d' ' -f1-3 /proc/loadavg)) =="
CHROME_PATH="$chrome" RUNS="$runs" node deploy/bench/webui-intent.mjs "$base" "/?q=%E9%87%8F%E5%AD%90" "/works/$work_id" || true
