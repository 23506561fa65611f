#!/usr/bin/env bash
# Manages the local stack's stores (PostgreSQL, Elasticsearch, S3) by hand: start | stop | status.
# run.sh and the tests start it themselves; this is for stopping it, or for checking on it.
set -euo pipefail
# shellcheck source=lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

case "${1:-}" in
  start | stop | status) ;;
  *) die "usage: $0 start|stop|status" ;;
esac
select_jdk
cd "$REPO_ROOT"
local_stack "$1"
