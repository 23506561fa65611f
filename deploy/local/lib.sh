# shellcheck shell=bash
# Shared by run.sh, test.sh and stack.sh (sourced, not run): the repository root, a JDK 21+, and LocalStack.

# shellcheck disable=SC2034 # used by the scripts that source this file
REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
readonly REPO_ROOT
readonly MIN_JAVA=21

die() {
  echo "error: $*" >&2
  exit 1
}

# Prints "<feature version> <java.home>" of the java executable $1, e.g. "25 /usr/lib/jvm/temurin-25-jdk-amd64".
java_info() {
  "$1" -XshowSettings:properties -version 2>&1 | awk -F' = ' '
    $1 ~ /java\.specification\.version$/ { split($2, v, "."); version = v[1] }
    $1 ~ /java\.home$/ { home = $2 }
    END { print version + 0, home }'
}

# Exports JAVA_HOME and PATH for a JDK 21+ (Elasticsearch and the build need it): JAVA_HOME's or the PATH's java if it
# is new enough, else the newest one under /usr/lib/jvm.
select_jdk() {
  local current version home best_version=0 best_home="" candidate
  if [[ -n "${JAVA_HOME:-}" && -x "$JAVA_HOME/bin/java" ]]; then
    current="$JAVA_HOME/bin/java"
  else
    current="$(command -v java || true)"
  fi
  if [[ -n "$current" ]]; then
    read -r version home < <(java_info "$current")
    if ((version >= MIN_JAVA)); then
      best_version=$version best_home=$home
    fi
  fi
  if ((best_version == 0)); then
    for candidate in /usr/lib/jvm/*/bin/java; do
      [[ -x "$candidate" ]] || continue
      read -r version home < <(java_info "$candidate")
      if ((version >= MIN_JAVA && version > best_version)); then
        best_version=$version best_home=$home
      fi
    done
  fi
  ((best_version > 0)) || die "no JDK $MIN_JAVA or newer: set JAVA_HOME to one, or install one under /usr/lib/jvm"
  export JAVA_HOME="$best_home"
  export PATH="$JAVA_HOME/bin:$PATH"
}

# Runs LocalStack (start | stop | status). Besides the test classes it needs only the PostgreSQL driver. "start"
# compiles first, and Maven fetches the stores' distributions on the way (profile local-stack); "stop" and "status"
# make do with an earlier build if there is one, and so does "start" with KEPU_STACK_BUILT=true (scripts that start
# several stacks in a row, after a first build). Run from the repository root.
local_stack() {
  local classpath_file="target/local-stack.classpath" rebuild=$1
  [[ ${KEPU_STACK_BUILT:-false} == true ]] && rebuild=reuse
  if [[ $rebuild == start || ! -f $classpath_file || ! -f target/test-classes/cn/kepu/media/devstack/LocalStack.class ]]; then
    # KEPU_MVN: another Maven command (e.g. a wrapper that queues for shared build slots); goals come first.
    ${KEPU_MVN:-./mvnw -B} test-compile -q dependency:build-classpath \
      -DincludeGroupIds=org.postgresql -DincludeArtifactIds=postgresql -Dmdep.outputFile="$classpath_file"
  fi
  # shellcheck disable=SC2016 # a java.util.Formatter pattern, not shell: print just the message
  java -Djava.util.logging.SimpleFormatter.format='%5$s%6$s%n' \
    -cp "target/test-classes:$(<"$classpath_file")" cn.kepu.media.devstack.LocalStack "$@"
}
