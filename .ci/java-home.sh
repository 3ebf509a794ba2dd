# Selects a JDK 25 or newer for the culprit launcher and for CI. Source it, then call
# culprit_select_java: it exports JAVA_HOME (and puts its bin first on PATH) or explains and fails.
# Candidates, in order: $JAVA_HOME, /usr/lib/jvm/*25*, /usr/lib/jvm/temurin-25*, `java` on PATH,
# then any other JDK under /usr/lib/jvm.

CULPRIT_MIN_JAVA=25

# Prints the feature version (17, 21, 25, ...) of the java binary $1, or nothing.
culprit_java_major() {
  local java="$1" line version
  [[ -x "$java" ]] || return 0
  line="$("$java" -version 2>&1 | grep -m1 -E 'version "' || true)"
  version="${line#*version \"}"
  version="${version%%\"*}"
  version="${version#1.}"
  version="${version%%[.+-]*}"
  [[ "$version" =~ ^[0-9]+$ ]] && printf '%s\n' "$version"
  return 0
}

# Succeeds when $1 is a JDK home (java and javac) of at least CULPRIT_MIN_JAVA.
culprit_is_jdk25() {
  local home="$1" major
  [[ -n "$home" && -x "$home/bin/java" && -x "$home/bin/javac" ]] || return 1
  major="$(culprit_java_major "$home/bin/java")"
  [[ -n "$major" && "$major" -ge "$CULPRIT_MIN_JAVA" ]]
}

culprit_select_java() {
  local candidates=() home path_java
  [[ -n "${JAVA_HOME:-}" ]] && candidates+=("$JAVA_HOME")
  for home in /usr/lib/jvm/*25* /usr/lib/jvm/temurin-25*; do
    [[ -d "$home" ]] && candidates+=("$home")
  done
  if path_java="$(command -v java 2>/dev/null)"; then
    path_java="$(readlink -f "$path_java")"
    candidates+=("$(dirname "$(dirname "$path_java")")")
  fi
  for home in /usr/lib/jvm/*; do
    [[ -d "$home" ]] && candidates+=("$home")
  done
  for home in "${candidates[@]}"; do
    if culprit_is_jdk25 "$home"; then
      export JAVA_HOME="$home"
      export PATH="$JAVA_HOME/bin:$PATH"
      return 0
    fi
  done
  {
    echo "culprit: no JDK ${CULPRIT_MIN_JAVA} or newer found."
    echo "  looked at: \$JAVA_HOME (${JAVA_HOME:-unset}), /usr/lib/jvm/*25*, java on PATH, /usr/lib/jvm/*"
    echo "  install a JDK ${CULPRIT_MIN_JAVA} (e.g. Temurin 25) and set JAVA_HOME to it."
  } >&2
  return 1
}
