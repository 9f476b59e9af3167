#!/usr/bin/env bash
# Installs anklume-tui on Debian/Ubuntu: JDK, Maven, Incus (bookworm-backports
# on Debian 12), nftables; initialises Incus if it never was; builds the jar;
# puts the `anklume-tui` launcher in /usr/local/bin. Safe to run twice.
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
LOG_TAG=install
. "$HERE/scripts/lib/incus-setup.sh"
require_root "$0" "$@"

PREFIX="${PREFIX:-/opt/anklume-tui}"
BRIDGE="${ANKLUME_BRIDGE:-incusbr0}"
SUBNET="${ANKLUME_BRIDGE_SUBNET:-10.230.0.1/24}"

install_build_tools
install_incus
apt_install nftables ca-certificates
start_incusd
# Only a never-initialised Incus gets a pool, a bridge and a default profile;
# an existing setup is left exactly as it is.
if ! incus storage list --format csv 2>/dev/null | grep -q .; then
  log "initialising Incus (pool default, bridge $BRIDGE $SUBNET)"
  init_incus "$BRIDGE" "$SUBNET" true
fi

log "building anklume-tui"
(cd "$HERE" && mvn -B -q -ntp -DskipTests package)
install -d "$PREFIX"
install -m 0644 "$HERE/tui/target/anklume-tui.jar" "$PREFIX/anklume-tui.jar"
# Start-up is mostly class loading: record a class-data sharing archive of a typical start.
rm -f "$PREFIX/anklume-tui.jsa"
java -XX:ArchiveClassesAtExit="$PREFIX/anklume-tui.jsa" -XX:+UseSerialGC -jar "$PREFIX/anklume-tui.jar" \
  --cds-training >/dev/null 2>&1 || log "no class-data sharing archive (start-up will be slower)"
cat > /usr/local/bin/anklume-tui <<LAUNCHER
#!/bin/sh
# anklume-tui launcher (written by install.sh)
exec java -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -XX:SharedArchiveFile="$PREFIX/anklume-tui.jsa" -Xshare:auto \\
  -jar "$PREFIX/anklume-tui.jar" "\$@"
LAUNCHER
chmod 0755 /usr/local/bin/anklume-tui
log "installed: run 'sudo anklume-tui' (or 'anklume-tui --help' for the subcommands)"
