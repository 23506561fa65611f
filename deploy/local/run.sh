#!/usr/bin/env bash
# Runs the service in dev mode (live reload) against the local stack, which it starts or reuses first.
# Extra arguments go to quarkus:dev. The stores keep running afterwards: deploy/local/stack.sh stop.
# KEPU_SIGN_IN=keycloak: verify tokens from the local Keycloak (the production path) instead of dev tokens.
# KEPU_STACK_KEYCLOAK=false: leave Keycloak out of the stack (it is the slowest store to start).
set -euo pipefail
# shellcheck source=lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

select_jdk
cd "$REPO_ROOT"
dev_properties="$(local_stack start)"
stack_home="$(dirname "$dev_properties")"
sign_in=()
if [[ ${KEPU_SIGN_IN:-dev} == keycloak ]]; then
  [[ -f $stack_home/keycloak.properties ]] || die "Keycloak is not running (KEPU_STACK_KEYCLOAK=false?)"
  while IFS='=' read -r key value; do
    [[ $key == mp.jwt.verify.* ]] && sign_in+=("-D$key=$value")
  done <"$stack_home/keycloak.properties"
fi

cat <<'EOF2'

GraphQL UI:  http://localhost:8080/q/graphql-ui
Demo token:  curl http://localhost:8080/dev/token/<login>
             logins: entrant1, judge1, moderator1, organizer1, media1
             then send it as the header  Authorization: Bearer <token>
Keycloak:    see "deploy/local/stack.sh status" (realm kepu, demo logins with password kepu-demo-password,
             admin/admin); KEPU_SIGN_IN=keycloak makes the service accept its tokens instead of dev tokens.
Mailboxes:   notifications land in the local SMTP server (GreenMail): IMAP on the port "stack.sh status" shows,
             login and password = the address, e.g. organizer1@demo.kepu.local.

EOF2
exec ./mvnw quarkus:dev -Dquarkus.config.locations="$dev_properties" "${sign_in[@]}" "$@"
