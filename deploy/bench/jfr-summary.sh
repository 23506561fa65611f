#!/usr/bin/env bash
# The one JFR summariser for deploy/bench (src/test/java/cn/kepu/media/bench/JfrSummary.java), run with a JDK of 22 or
# newer; it reads the recording itself. Modes:
#   deploy/bench/jfr-summary.sh top FILE.jfr [--threads REGEX] [--top N]
#     samples per thread, top frames by self and by total samples (e.g. --threads search-reindex --top 25)
#   deploy/bench/jfr-summary.sh shares FILE.jfr [--threads REGEX] [--top N] [--requests N]
#     the request threads' samples by part of the request, named methods' inclusive shares, hottest leaf frames
#   deploy/bench/jfr-summary.sh startup FILE.jfr READY_EPOCH_MILLIS [phase=EPOCH_MILLIS ...]
#     a start until ready: samples by thread, component and phase, the JIT's compilations, GC (startup-variants.sh)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=bench-lib.sh
source "$here/bench-lib.sh"
exec "$(bench_java)" "$repo_root/src/test/java/cn/kepu/media/bench/JfrSummary.java" "$@"
