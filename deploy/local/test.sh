#!/usr/bin/env bash
# Builds and runs all tests. The tests start the local stack themselves (and stop it at the end unless it was already
# running, or KEPU_STACK_KEEP=true). Extra arguments go to Maven, e.g. -Dtest=WorkGraphQLTest.
set -euo pipefail
# shellcheck source=lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

select_jdk
# The web application's browser journeys (WebAppBrowserJourneysTest, part of every run) drive Debian's Chromium;
# without a CJK font it draws Chinese as boxes in the screenshots. Installed once when missing (browser downloads do
# not work here). The npm packages (Playwright's test runner among them) come with Quinoa's `npm ci` from the
# committed lock file when src/main/webui/node_modules is missing.
if [[ ! -x /usr/bin/chromium ]] || ! fc-list 2>/dev/null | grep -qi 'Noto Sans CJK'; then
  if [[ $(id -u) == 0 ]] && command -v apt-get > /dev/null; then
    echo "Installing chromium and fonts-noto-cjk (apt-get) for the browser tests" >&2
    apt-get update -qq > /dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-noto-cjk > /dev/null
  else
    echo "WARNING: /usr/bin/chromium or fonts-noto-cjk missing and cannot be installed: the browser tests will fail" >&2
  fi
fi
cd "$REPO_ROOT"
exec ./mvnw -B verify "$@"
