# Sourced by ./nftlink and ./run-tests: finds a JDK 22+ and Maven, installing
# missing Debian packages when running as root. Sets NFTLINK_JAVA_HOME.

nftlink_die() {
  echo "nftlink: $*" >&2
  exit 1
}

# Prints the feature version of the java at $1 (e.g. 25), or nothing.
nftlink_java_version() {
  "$1" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java\.specification\.version = \([0-9]*\).*/\1/p' | head -n 1
}

# Sets NFTLINK_JAVA_HOME to a JDK >= 22: $JAVA_HOME, the java on PATH, then the
# newest under /usr/lib/jvm.
nftlink_find_jdk() {
  local candidates=() c v best="" best_v=0
  [ -n "${JAVA_HOME:-}" ] && candidates+=("$JAVA_HOME")
  if command -v java >/dev/null 2>&1; then
    candidates+=("$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")")
  fi
  for c in /usr/lib/jvm/*; do candidates+=("$c"); done
  for c in "${candidates[@]}"; do
    [ -x "$c/bin/java" ] && [ -x "$c/bin/javac" ] || continue
    v=$(nftlink_java_version "$c/bin/java")
    [ -n "$v" ] || continue
    if [ "$v" -ge 22 ] && [ "$v" -gt "$best_v" ]; then best="$c"; best_v="$v"; fi
  done
  if [ -z "$best" ]; then
    nftlink_die "no JDK 22 or newer found (looked at \$JAVA_HOME, java on PATH and /usr/lib/jvm/*). nftlink needs the Foreign Function & Memory API: install a JDK 22+ (e.g. 'apt-get install openjdk-25-jdk' or Temurin 25) or set JAVA_HOME to one."
  fi
  NFTLINK_JAVA_HOME="$best"
}

# Installs Debian packages for commands that are missing, when root. With
# --lean first, without the packages' recommendations.
nftlink_need() {
  local missing=() pair cmd pkg apt_opts=()
  if [ "${1:-}" = --lean ]; then apt_opts=(--no-install-recommends); shift; fi
  for pair in "$@"; do
    cmd=${pair%%:*}; pkg=${pair#*:}
    command -v "$cmd" >/dev/null 2>&1 || [ -x "/usr/sbin/$cmd" ] || missing+=("$pkg")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  if [ "$(id -u)" -ne 0 ]; then
    nftlink_die "missing packages: ${missing[*]}; install them (as root: apt-get install -y ${missing[*]})"
  fi
  if ! command -v apt-get >/dev/null 2>&1; then
    nftlink_die "missing packages: ${missing[*]}, and no apt-get to install them with"
  fi
  echo "nftlink: installing ${missing[*]} ..." >&2
  apt-get update -qq >/dev/null 2>&1 || true
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${apt_opts[@]}" "${missing[@]}" >/dev/null 2>&1 \
    || nftlink_die "could not install ${missing[*]} with apt-get"
}

# Makes the reference nft (nft 1.1.3, read ../shared/tools/nft-ref's header) ready for the tests
# that compare with it: $NFTLINK_NFT_REF, else ../shared/tools/nft-ref beside the repository root
# $1. Unpacks it when it is not yet (nft-ref --install, which runs apt-get: as root) and exports
# NFTLINK_NFT_REF, where the tests look first. Without it those tests are skipped (under CI: fail).
nftlink_need_nft_ref() {
  local ref=${NFTLINK_NFT_REF:-$1/../shared/tools/nft-ref}
  if [ ! -x "$ref" ]; then
    echo "nftlink: no nft-ref at $ref: tests comparing with nft 1.1.3 will be skipped (under CI they fail)" >&2
    return 0
  fi
  ref=$(readlink -f "$ref")
  "$ref" --install >/dev/null || nftlink_die "could not unpack nftables 1.1.3 with $ref --install"
  export NFTLINK_NFT_REF="$ref"
}

# Runs Maven with the JDK found; quiet about the JDK's warnings on Maven's own libraries.
nftlink_mvn() {
  local opts="${MAVEN_OPTS:-}"
  if [ "$(nftlink_java_version "$NFTLINK_JAVA_HOME/bin/java")" -ge 24 ]; then
    opts="$opts --sun-misc-unsafe-memory-access=allow --enable-native-access=ALL-UNNAMED"
  fi
  JAVA_HOME="$NFTLINK_JAVA_HOME" MAVEN_OPTS="$opts" mvn "$@"
}
