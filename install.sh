#!/usr/bin/env bash
# Installs anklume-tui on Debian/Ubuntu: JDK, Maven, Incus (bookworm-backports
# on Debian 12), nftables; initialises Incus if it never was; builds the jar;
# puts the `anklume-tui` launcher in /usr/local/bin. Safe to run twice.
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
LOG_TAG=install
. "$HERE/scripts/lib/incus-setup.sh"
. "$HERE/scripts/lib/launcher.sh"
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
extract_native_lib "$PREFIX/anklume-tui.jar" "$PREFIX/libjunixsocket-native.so"
# Start-up is mostly class loading: record a class-data sharing archive of a typical start.
record_cds_archive "$PREFIX/anklume-tui.jar" "$PREFIX/anklume-tui.jsa" "$PREFIX/libjunixsocket-native.so"
cat > /usr/local/bin/anklume-tui <<LAUNCHER
#!/bin/sh
# anklume-tui launcher (written by install.sh; its flags come from scripts/lib/launcher.sh)
exec java $(launcher_jvm_flags "$PREFIX/libjunixsocket-native.so") $(launcher_cds_flags "$PREFIX/anklume-tui.jsa") \\
  -jar $(printf %q "$PREFIX/anklume-tui.jar") "\$@"
LAUNCHER
chmod 0755 /usr/local/bin/anklume-tui
log "installed: run 'sudo anklume-tui' (or 'anklume-tui --help' for the subcommands)"
