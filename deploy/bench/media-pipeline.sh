#!/usr/bin/env bash
# Media pipeline benchmark (no stores needed): the video preview transcode of a 60 s 1080p clip with the service's
# own ffmpeg arguments against a decode-only pass over the same file, and the perceptual hash per image against
# rendering the preview it runs on. Prints the BENCH lines. BENCH_SECONDS=20 for a quicker run.
#   deploy/bench/media-pipeline.sh
set -euo pipefail
repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
# shellcheck source=../local/lib.sh
source "$repo_root/deploy/local/lib.sh"
select_jdk
log="$(mktemp -t kepu-media-pipeline.XXXXXX.log)"
cd "$repo_root"
# KEPU_MVN: another Maven command (see deploy/local/lib.sh); the goal comes first.
if ! ${KEPU_MVN:-./mvnw -B} test -Dtest=MediaPipelineBenchmark -Dsurefire.failIfNoSpecifiedTests=false \
    -DargLine="-Dbench.media=true -Dbench.seconds=${BENCH_SECONDS:-60}" "$@" >"$log" 2>&1; then
  grep -E "BENCH|ERROR|FAIL" "$log" | head -40 >&2
  echo "media-pipeline: benchmark failed, full log in $log" >&2
  exit 1
fi
grep '^BENCH' "$log" | sed 's/^BENCH //'
rm -f "$log"
