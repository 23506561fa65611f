#!/usr/bin/env bash
# Outlet copies of large files at the image's heap (issue 13 item 5): the packaged jar (prod profile) on the local
# stack with deploy/docker/Dockerfile's KEPU_JVM_OPTS (-Xmx128m); an entrant uploads a ~20-megapixel poster PNG and a
# video of VIDEO_MB (default 320) MB, both made here with ffmpeg, and a media outlet downloads their distribution
# copies (src/test/java/cn/kepu/media/bench/CopyMemory.java). Prints, per file, the time to make the copy and the
# service's peak RSS while it was made and fetched; then whether the service is still running and how many
# OutOfMemoryErrors its log shows (the image exits on the first: ExitOnOutOfMemoryError).
#
#   flock /work/coord/bench.lock deploy/bench/copy-memory.sh
#   VIDEO_MB=600 JVM_OPTS="-Xmx96m ..." deploy/bench/copy-memory.sh
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=bench-lib.sh
source "$here/bench-lib.sh"

PORT="${PORT:-18140}" VIDEO_MB="${VIDEO_MB:-320}"
JVM_OPTS="${JVM_OPTS:-$(sed -n 's/^ARG KEPU_JVM_OPTS="\(.*\)"$/\1/p' "$repo_root/deploy/docker/Dockerfile")}"
[[ -n "$JVM_OPTS" ]] || { echo "no KEPU_JVM_OPTS in deploy/docker/Dockerfile" >&2; exit 1; }
need_command ffmpeg
ensure_stack
bench_priority
work_dir="$(mktemp -d /tmp/kepu-copy-memory.XXXXXX)"
database=kepu_bench_copy
ensure_database "$database"

# A 5472 x 3648 (20 MP) poster, and lossless noise at 720p: about 35 MB a second of real picture data.
ffmpeg -v error -y -f lavfi -i testsrc2=size=5472x3648:rate=1 -frames:v 1 -pix_fmt rgb24 "$work_dir/poster.png"
seconds=$(( (VIDEO_MB + 34) / 35 ))
ffmpeg -v error -y -f lavfi -i testsrc2=size=1280x720:rate=25 -f lavfi -i sine=frequency=440 -t "$seconds" \
  -vf noise=alls=30:allf=t -c:v libx264 -preset ultrafast -qp 0 -pix_fmt yuv420p -c:a aac -shortest \
  -movflags +faststart "$work_dir/clip.mp4"

pid="$(BENCH_JAVA_OPTS="$JVM_OPTS" start_service "$PORT" "$work_dir/service.log" \
  -Dquarkus.datasource.jdbc.url="jdbc:postgresql://127.0.0.1:$(stack_port postgres.port)/$database" \
  -Dkepu.search.index-prefix=bench-copy- -Dkepu.storage.bucket=kepu-bench-copy)"
trap 'stop_service "$pid"' EXIT
echo "service pid $pid ready in $(wait_ready "$PORT" "$pid") s (log $work_dir/service.log)" >&2

echo "date: $(date -u +%FT%TZ)  machine: $(nproc) cores, $(awk '/MemTotal/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo)"
echo "JVM options: $JVM_OPTS"
machine_load
"$(bench_java)" -cp "$(bench_classpath)" "$repo_root/src/test/java/cn/kepu/media/bench/CopyMemory.java" \
  --url "http://127.0.0.1:$PORT/graphql" --key "$stack_home/jwt/private.pem" --pid "$pid" \
  --jdbc "jdbc:postgresql://127.0.0.1:$(stack_port postgres.port)/$database" \
  --file "POSTER:$work_dir/poster.png:image/png" --file "SHORT_VIDEO:$work_dir/clip.mp4:video/mp4"
machine_load
if kill -0 "$pid" 2>/dev/null; then echo "service still running"; else echo "service GONE"; fi
echo "OutOfMemoryError in the service log: $(grep -c OutOfMemoryError "$work_dir/service.log" || true)"
