#!/usr/bin/env bash
# Media upload benchmark (issue 13 item 3): what a client waits for. 256 MB in 16 MiB parts, raw transfer (the parts
# PUT to presigned part URLs of the same S3 server, no service) against the service's flow as the client perceives it
# (startUpload + part PUTs + the completeUpload answer), medians of interleaved rounds and their ratio, and separately
# the time from the answer to the verdict (verification runs as a job); then a 40-megapixel JPEG. Starts the local
# stack like the tests do and prints the BENCH lines.
#   deploy/bench/media-upload.sh
#   BENCH_BYTES=1073741824 BENCH_ROUNDS=5 BENCH_PARALLEL=4 deploy/bench/media-upload.sh
#   BENCH_WARMUP=0 deploy/bench/media-upload.sh   # no uncounted warm-up rounds (default 2: a service runs warm)
#   BENCH_PHASES=true deploy/bench/media-upload.sh   # + per-phase profile of both calls (JFR, target/upload-phases.jfr)
# Extra arguments go to Maven.
set -euo pipefail
repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
log="$(mktemp -t kepu-media-bench.XXXXXX.log)"
if ! "$repo_root/deploy/local/test.sh" -Dtest=MediaUploadBenchmark -Dsurefire.failIfNoSpecifiedTests=false \
    -DargLine="-Dbench.bytes=${BENCH_BYTES:-268435456} -Dbench.rounds=${BENCH_ROUNDS:-3} -Dbench.warmup=${BENCH_WARMUP:-2} -Dbench.parallel=${BENCH_PARALLEL:-1} -Dbench.phases=${BENCH_PHASES:-false}" \
    "$@" >"$log" 2>&1; then
  grep -E "BENCH|ERROR|FAIL" "$log" | head -40 >&2
  echo "media-upload: benchmark failed, full log in $log" >&2
  exit 1
fi
grep '^BENCH' "$log" | sed 's/^BENCH //'
rm -f "$log"
