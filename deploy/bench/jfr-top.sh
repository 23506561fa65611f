#!/usr/bin/env bash
# Summarises the CPU samples of a JFR recording (jdk.ExecutionSample) as text: samples per thread, then the top
# frames by self samples (the method running) and by total samples (anywhere on the stack), optionally only for
# threads whose name matches a regular expression. For the profiles in deploy/bench/profiles/*.md.
#   deploy/bench/jfr-top.sh FILE.jfr [THREAD-REGEX] [N]
#   e.g. deploy/bench/jfr-top.sh /tmp/jfr/reindex-built.jfr 'search-reindex' 25
set -euo pipefail
file="${1:?usage: jfr-top.sh FILE.jfr [THREAD-REGEX] [N]}" threads="${2:-.}" top="${3:-20}"
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=bench-lib.sh
source "$here/bench-lib.sh"
jfr="$(dirname "$(bench_java)")/jfr"
"$jfr" print --events jdk.ExecutionSample --stack-depth 96 "$file" | awk -v threads="$threads" -v top="$top" '
  function flush() {
    if (n > 0 && thread ~ threads) {
      samples++; per_thread[thread]++; self[frame[1]]++
      delete seen
      for (i = 1; i <= n; i++) if (!(frame[i] in seen)) { seen[frame[i]] = 1; total[frame[i]]++ }
    }
    n = 0
  }
  /^jdk.ExecutionSample/ { flush(); thread = ""; in_stack = 0 }
  /sampledThread = / { thread = $0; sub(/^.*sampledThread = "/, "", thread); sub(/".*$/, "", thread) }
  /stackTrace = \[/ { in_stack = 1; next }
  in_stack && /^[[:space:]]*\]/ { in_stack = 0 }
  in_stack && NF > 0 { f = $0; sub(/^[[:space:]]+/, "", f); sub(/[[:space:]]+line:.*$/, "", f); if (f != "...") frame[++n] = f }
  END {
    flush()
    printf "%d samples in threads matching /%s/\n\nsamples per thread\n", samples, threads
    for (t in per_thread) printf "%7d %5.1f%%  %s\n", per_thread[t], 100 * per_thread[t] / samples, t | "sort -rn | head -" top
    close("sort -rn | head -" top)
    printf "\ntop %d frames by self samples\n", top
    for (f in self) printf "%7d %5.1f%%  %s\n", self[f], 100 * self[f] / samples, f | "sort -rn | head -" top
    close("sort -rn | head -" top)
    printf "\ntop %d frames by total samples (on the stack)\n", top
    for (f in total) printf "%7d %5.1f%%  %s\n", total[f], 100 * total[f] / samples, f | "sort -rn | head -" top
    close("sort -rn | head -" top)
  }'
