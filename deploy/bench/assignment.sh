#!/usr/bin/env bash
# Benchmarks the automatic judge assignment: 2000 entries, 40 judges, 3 judges per entry by default.
#   deploy/bench/assignment.sh [entries] [judges] [judgesPerEntry]   the planner alone, in memory
#   deploy/bench/assignment.sh --db                                  the autoAssign mutation on the local stack
# Prints the time, conflicts assigned (must be 0), understaffed entries and the judge load spread (must be <= 1).
set -euo pipefail
# shellcheck source=../local/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/../local/lib.sh"

select_jdk
cd "$REPO_ROOT"
if [[ "${1:-}" == "--db" ]]; then
  ./mvnw -B verify -Dtest=AutoAssignAtScaleBench -Dkepu.bench=true -Dsurefire.failIfNoSpecifiedTests=false \
    | grep -E "autoAssign over|Tests run:|FAIL|BUILD"
  exit "${PIPESTATUS[0]}"
fi
./mvnw -B -q test-compile -Dquarkus.build.skip=true >&2
exec java -cp target/classes:target/test-classes cn.kepu.media.bench.AssignmentBench "$@"
