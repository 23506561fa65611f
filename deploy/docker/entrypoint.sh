#!/bin/sh
# The image's entrypoint: starts kepu-media with the JDK's AOT cache (JDK 25, JEP 483/514/515), training the cache
# once, at deploy time, against the real stores when it is missing.
#
# Why at deploy time: a useful cache records what a real start loads and links (Flyway, Hibernate, the Elasticsearch
# and S3 clients, the GraphQL schema), and that needs the database, the index and the object store, which an image
# build does not have. Quarkus 3.34's `-Dquarkus.appcds.generate=true` is no runtime switch that stops after static
# initialisation (the jar starts and serves), and its `quarkus.package.jar.aot.enabled` trains through
# @QuarkusIntegrationTest runs against the stores at build time: neither fits a store-less `docker build`.
#
#   (no argument)  KEPU_AOT=auto (default): if $KEPU_AOT_DIR holds no cache for this image and these JVM options,
#                  train one (below), then start with -XX:AOTCache. KEPU_AOT=off: start without any cache.
#   train          only train (if missing) and exit: for a Kubernetes init container or a one-off job writing the
#                  cache into a volume the service containers mount.
#
# Training, one start's worth (≈ a start plus 10-40 s):
#   1. java $OPTS -XX:AOTMode=record -XX:AOTConfiguration=<conf> -jar quarkus-run.jar on training ports
#      (KEPU_AOT_TRAIN_HTTP_PORT / _MANAGEMENT_PORT, so probes and load balancers never reach the training JVM),
#      until /q/health/ready answers, then the anonymous reads of aot-training.sh (listing pages, searches, the search
#      page; KEPU_AOT_TRAIN_REQUESTS), then SIGTERM: the JVM writes what it loaded, linked and profiled as it exits;
#   2. java $OPTS -XX:AOTMode=create -XX:AOTConfiguration=<conf> -XX:AOTCache=<cache> -jar quarkus-run.jar
#      assembles the cache (no application code runs), renamed into place only when complete.
# Several containers sharing the volume train one at a time (flock); a failed or timed-out training
# (KEPU_AOT_TRAIN_TIMEOUT, 300 s) is logged and the service starts without the cache: a cache only saves time.
# The cache's name carries a key over the application's files (computed at image build, /deployments/aot.key), the
# JVM options and the JVM build: a new image or other options train a new cache (the JVM would refuse a stale one).
set -eu

app="${KEPU_APP_DIR:-/deployments}"
opts="${JAVA_OPTS:-} ${JAVA_OPTS_APPEND:-}"
aot_mode="${KEPU_AOT:-auto}"
aot_dir="${KEPU_AOT_DIR:-/var/cache/kepu-aot}"
log() { echo "kepu-aot $(date -u +%T): $*" >&2; }

cache_key() {
  { cat "$app/aot.key" 2>/dev/null || echo no-key; echo "$opts"; java -version 2>&1; } | sha256sum | cut -c1-16
}

train() {
  cache="$1" conf="$1.conf" port="${KEPU_AOT_TRAIN_HTTP_PORT:-18080}" mport="${KEPU_AOT_TRAIN_MANAGEMENT_PORT:-18081}"
  deadline=$(($(date +%s) + ${KEPU_AOT_TRAIN_TIMEOUT:-300}))
  log "training the AOT cache $cache (one start against the stores on ports $port/$mport)"
  rm -f "$conf" "$cache.tmp"
  # shellcheck disable=SC2086 # the option variables split into arguments on purpose
  java $opts -XX:AOTMode=record -XX:AOTConfiguration="$conf" \
    -Dquarkus.http.port="$port" -Dquarkus.management.port="$mport" -jar "$app/quarkus-run.jar" &
  pid=$!
  until curl -fsS -m 2 -o /dev/null "http://127.0.0.1:$mport/q/health/ready" 2>/dev/null \
      || curl -fsS -m 2 -o /dev/null "http://127.0.0.1:$port/q/health/ready" 2>/dev/null; do
    if ! kill -0 "$pid" 2>/dev/null || [ "$(date +%s)" -ge "$deadline" ]; then
      log "training start did not become ready; starting without an AOT cache"
      kill -9 "$pid" 2>/dev/null || true
      wait "$pid" 2>/dev/null || true
      return 1
    fi
    sleep 0.2
  done
  # Then the reads most clients make, so that the cache holds what serves them too (aot-training.sh says why).
  "$app/aot-training.sh" "http://127.0.0.1:$port"
  kill -TERM "$pid"
  wait "$pid" || true
  [ -s "$conf" ] || { log "the training start wrote no AOT configuration"; return 1; }
  # shellcheck disable=SC2086
  java $opts -XX:AOTMode=create -XX:AOTConfiguration="$conf" -XX:AOTCache="$cache.tmp" \
    -jar "$app/quarkus-run.jar" >&2 || { log "AOT cache assembly failed"; return 1; }
  mv "$cache.tmp" "$cache"
  rm -f "$conf"
  log "AOT cache ready: $(du -m "$cache" | cut -f1) MB"
}

cache=""
if [ "$aot_mode" != off ]; then
  cache="$aot_dir/app-$(cache_key).aot"
  if [ ! -s "$cache" ]; then
    if mkdir -p "$aot_dir" 2>/dev/null && [ -w "$aot_dir" ]; then
      # One trainer at a time per volume; the others wait, then find the cache made.
      (
        flock 9
        [ -s "$cache" ] || train "$cache" || rm -f "$cache" "$cache.tmp" "$cache.conf"
      ) 9>"$aot_dir/.train.lock" || true
    else
      log "$aot_dir is not writable (mount a volume there); starting without an AOT cache"
    fi
  fi
  [ -s "$cache" ] || cache=""
fi

[ "${1:-}" = train ] && exit 0
# exec: java becomes PID 1, receives SIGTERM directly and Quarkus shuts down gracefully.
# shellcheck disable=SC2086
exec java $opts ${cache:+-XX:AOTCache=$cache} -jar "$app/quarkus-run.jar"
