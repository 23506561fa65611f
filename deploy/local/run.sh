#!/usr/bin/env bash
# Runs the service in dev mode (live reload) against the local stack, which it starts or reuses first.
# Extra arguments go to quarkus:dev. The stores keep running afterwards: deploy/local/stack.sh stop.
set -euo pipefail
# shellcheck source=lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

select_jdk
cd "$REPO_ROOT"
dev_properties="$(local_stack start)"

cat <<'EOF'

Web app:     http://localhost:8080/   (sign in with a demo account: 登录 → 演示账号)
GraphQL UI:  http://localhost:8080/q/graphql-ui
Demo token:  curl http://localhost:8080/dev/token/<login>
             logins: entrant1, judge1, moderator1, organizer1, media1
             then send it as the header  Authorization: Bearer <token>

EOF
exec ./mvnw quarkus:dev -Dquarkus.config.locations="$dev_properties" "$@"
