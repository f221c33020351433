# Shared by build-dist, build-deb and build-image (sourced).

# The machine's architecture as uname names it (x86_64, aarch64), for archive names.
dist_arch() {
  uname -m
}

# The same as Debian names it (amd64, arm64).
dist_deb_arch() {
  case "$(uname -m)" in
    x86_64) echo amd64 ;;
    aarch64) echo arm64 ;;
    *) dpkg --print-architecture ;;
  esac
}

# The time stamp every packaged file gets: SOURCE_DATE_EPOCH, else the last
# commit's time, so that the same sources give the same archives.
dist_epoch() {
  if [ -n "${SOURCE_DATE_EPOCH:-}" ]; then
    echo "$SOURCE_DATE_EPOCH"
  else
    git -C "$1" log -1 --format=%ct 2>/dev/null || echo 0
  fi
}

# Files readable by all and writable by the owner only, all with the same time.
dist_normalize() {
  chmod -R u+rwX,go+rX,go-w "$1"
  find "$1" -exec touch -h -d "@$2" {} +
}

# A reproducible tar of DIR/NAME on standard output: sorted, root-owned, one time.
dist_tar() {
  tar --sort=name --mtime="@$3" --owner=0 --group=0 --numeric-owner --format=gnu \
    -C "$1" -cf - "$2"
}

# The feature version (25) of the java at $1.
dist_java_feature() {
  "$1" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java\.specification\.version = \([0-9]*\).*/\1/p' | head -n 1
}

# Writes the AOT cache $2 for the CLI of the runtime whose java is $1 from one training run:
# scripts/aot-training.sh's rule set added and listed with -i in a throwaway network namespace
# (unshare -n, as root), else --help. Returns non-zero (and leaves no file) when the training fails.
dist_aot_train() {
  # the options bin/nftlink runs with: a cache is used only by a JVM configured like its training run
  local java=$1 aot=$2 main=nftlink.examples/nftlink.examples.cli.Main
  local opts=(-XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xmn24m)
  rm -f "$aot"
  if [ "$(id -u)" -eq 0 ] && command -v unshare >/dev/null 2>&1 && unshare -n true 2>/dev/null; then
    bash "$(dirname "${BASH_SOURCE[0]}")/../scripts/aot-training.sh" \
      | unshare -n "$java" "${opts[@]}" -XX:AOTCacheOutput="$aot" -Xlog:aot=error,cds=error -m "$main" -i >/dev/null 2>&1
  else
    "$java" "${opts[@]}" -XX:AOTCacheOutput="$aot" -Xlog:aot=error,cds=error -m "$main" --help >/dev/null 2>&1
  fi || { rm -f "$aot"; return 1; }
  [ -f "$aot" ]
}
