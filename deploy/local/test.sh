#!/usr/bin/env bash
# Builds and runs all tests. The tests start the local stack themselves (and stop it at the end unless it was already
# running, or KEPU_STACK_KEEP=true). Extra arguments go to Maven, e.g. -Dtest=WorkGraphQLTest.
set -euo pipefail
# shellcheck source=lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

select_jdk
cd "$REPO_ROOT"
exec ./mvnw -B verify "$@"
