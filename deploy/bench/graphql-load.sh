#!/usr/bin/env bash
# Runs the GraphQL load generator with a JDK >= 21, passing all arguments through:
#   deploy/bench/graphql-load.sh --query-file deploy/bench/works-first-50.graphql --clients 1,16
# The program is one source file run by the JDK's source launcher, so nothing is built first.
set -euo pipefail

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
program="$repo_root/src/test/java/cn/kepu/media/bench/GraphQLLoad.java"

# Prints the feature release of a java binary ("17.0.15" -> 17), or nothing if it is not a JDK:
# the source launcher needs the compiler, which a JRE lacks.
jdk_feature() {
  [[ -x "$1" && -x "$(dirname "$1")/javac" ]] || return 0
  "$1" -XshowSettings:properties -version 2>&1 \
    | sed -n 's/^ *java\.specification\.version = \([0-9][0-9]*\).*/\1/p'
}

# The JDK the user chose (JAVA_HOME, then java on the PATH) if it is new enough; otherwise the
# newest JDK >= 21 under /usr/lib/jvm.
pick_java() {
  local candidate version best="" best_version=0
  for candidate in ${JAVA_HOME:+"$JAVA_HOME/bin/java"} "$(command -v java || true)"; do
    [[ -n "$candidate" ]] || continue
    candidate="$(readlink -f "$candidate")"
    version="$(jdk_feature "$candidate")"
    if [[ -n "$version" ]] && (( version >= 21 )); then
      printf '%s\n' "$candidate"
      return
    fi
  done
  for candidate in /usr/lib/jvm/*/bin/java; do
    version="$(jdk_feature "$candidate")"
    if [[ -n "$version" ]] && (( version >= 21 && version > best_version )); then
      best="$candidate"
      best_version="$version"
    fi
  done
  if [[ -z "$best" ]]; then
    echo "graphql-load: no JDK 21 or newer found (JAVA_HOME, PATH, /usr/lib/jvm)" >&2
    exit 1
  fi
  printf '%s\n' "$best"
}

# A plain assignment, so that set -e stops here when no JDK was found.
java_bin="$(pick_java)"
exec "$java_bin" "$program" "$@"
