#!/bin/sh
# Installs nftlinkd: the jars under /usr/lib/nftlink, the systemd unit, and the
# example policy under /usr/share/doc/nftlink. DESTDIR stages everything elsewhere.
# Build first: ./nftlink --version (from the repository root) builds the jars.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
dest=${DESTDIR:-}
jar="$root/examples/target/nftlink-examples.jar"
[ -f "$jar" ] || { echo "install.sh: $jar is missing; run ./nftlink --version in $root to build it" >&2; exit 1; }
install -d "$dest/usr/lib/nftlink/lib" "$dest/etc/systemd/system" "$dest/usr/share/doc/nftlink"
install -m 0644 "$jar" "$dest/usr/lib/nftlink/nftlink-examples.jar"
for j in "$root"/examples/target/lib/*.jar; do
  install -m 0644 "$j" "$dest/usr/lib/nftlink/lib/"
done
install -m 0644 "$here/nftlinkd.service" "$dest/etc/systemd/system/nftlinkd.service"
install -m 0644 "$here/nftables.conf.example" "$here/README.md" "$dest/usr/share/doc/nftlink/"
install -m 0644 "$root/README.md" "$dest/usr/share/doc/nftlink/README.nftlink.md"
echo "installed; now: systemctl daemon-reload && systemctl enable --now nftlinkd" >&2
