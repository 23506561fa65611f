#!/usr/bin/env bash
# Open-model (constant arrival rate, coordinated-omission corrected) GraphQL load generator; see
# src/test/java/cn/kepu/media/bench/OpenLoad.java and deploy/bench/README.md. Arguments pass through:
#   deploy/bench/open-load.sh --query-file deploy/bench/works-first-50.graphql --rate 100,200 --seconds 30
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=bench-lib.sh
source "$here/bench-lib.sh"
java_bin="$(bench_java)"
exec "$java_bin" -cp "$(bench_classpath)" "$repo_root/src/test/java/cn/kepu/media/bench/OpenLoad.java" "$@"
