#!/usr/bin/env bash
# Bulk download benchmark: streams a ZIP of BENCH_WORKS works x BENCH_FILE_BYTES bytes (default 100 x 10 MiB = 1 GiB)
# through the service's /media/bulk endpoint and prints the live heap (after a forced GC) and the process RSS at 0, 25,
# 50, 75 and 100 % of the bytes, plus the throughput. Starts the local stack like the tests do (BulkZipBenchmark).
# Extra arguments go to Maven. Niced: it shares the machine.
#   deploy/bench/bulk-zip.sh
#   BENCH_WORKS=200 BENCH_FILE_BYTES=5242880 deploy/bench/bulk-zip.sh
set -euo pipefail
repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
log="$(mktemp -t kepu-media-bulk-bench.XXXXXX.log)"
if ! nice -n 10 "$repo_root/deploy/local/test.sh" -Dtest=BulkZipBenchmark -Dsurefire.failIfNoSpecifiedTests=false \
    -Dquarkus.quinoa.enabled=false \
    -DargLine="-Dbench.works=${BENCH_WORKS:-100} -Dbench.fileBytes=${BENCH_FILE_BYTES:-10485760}" "$@" >"$log" 2>&1; then
  grep -E "BENCH|ERROR|FAIL" "$log" | head -40 >&2
  echo "bulk-zip: benchmark failed, full log in $log" >&2
  exit 1
fi
grep '^BENCH' "$log" | sed 's/^BENCH //'
rm -f "$log"
