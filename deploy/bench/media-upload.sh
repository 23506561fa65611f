#!/usr/bin/env bash
# Media upload benchmark: 1 GB through the service's presigned multipart flow vs a direct minio-java put into the
# same S3 server, and verification + thumbnail time of a 40-megapixel JPEG. Starts the local stack like the tests
# do and prints the BENCH lines. Extra arguments go to Maven, e.g. -Dbench.bytes=268435456 for a quicker run.
#   deploy/bench/media-upload.sh
set -euo pipefail
repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
log="$(mktemp -t kepu-media-bench.XXXXXX.log)"
if ! "$repo_root/deploy/local/test.sh" -Dtest=MediaUploadBenchmark -Dsurefire.failIfNoSpecifiedTests=false \
    -DargLine="-Dbench.bytes=${BENCH_BYTES:-1073741824}" "$@" >"$log" 2>&1; then
  grep -E "BENCH|ERROR|FAIL" "$log" | head -40 >&2
  echo "media-upload: benchmark failed, full log in $log" >&2
  exit 1
fi
grep '^BENCH' "$log" | sed 's/^BENCH //'
rm -f "$log"
