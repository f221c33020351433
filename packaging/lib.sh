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
