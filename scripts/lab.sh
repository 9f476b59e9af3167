#!/usr/bin/env bash
# Makes the real Incus lab on a Debian 12 machine (root, no systemd needed):
# installs what is missing, starts incusd if it is not answering, initialises
# it idempotently and builds the busybox test image. Safe to run any number of
# times. Sourced by install.sh and scripts/test.sh; also runnable alone.
set -euo pipefail

LAB_BRIDGE="${LAB_BRIDGE:-anklumebr0}"
LAB_SUBNET="${LAB_SUBNET:-10.231.0.1/24}"
LAB_IMAGE_ALIAS="${LAB_IMAGE_ALIAS:-busybox}"
LAB_STATE_DIR="${LAB_STATE_DIR:-/var/lib/anklume-tui-lab}"

log() { printf '[lab] %s\n' "$*" >&2; }
die() { printf '[lab] ERROR: %s\n' "$*" >&2; exit 1; }

[ "$(id -u)" -eq 0 ] || die "root is needed to install and start Incus (run: sudo $0)"

apt_updated=0
apt_install() {
  local missing=()
  for pkg in "$@"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
  done
  [ "${#missing[@]}" -eq 0 ] && return 0
  if [ "$apt_updated" -eq 0 ]; then apt-get update -qq; apt_updated=1; fi
  log "installing ${missing[*]}"
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
}

enable_backports() {
  # Incus 6.0 LTS is in bookworm-backports on Debian 12; derive the mirror from
  # the machine's own sources rather than hard-coding a host.
  . /etc/os-release
  [ "${VERSION_CODENAME:-}" = "bookworm" ] || return 0
  local list=/etc/apt/sources.list.d/anklume-backports.list
  [ -f "$list" ] && return 0
  local uri=""
  if [ -f /etc/apt/sources.list.d/debian.sources ]; then
    uri=$(awk '/^URIs:/ {print $2; exit}' /etc/apt/sources.list.d/debian.sources)
  fi
  if [ -z "$uri" ] && [ -f /etc/apt/sources.list ]; then
    uri=$(awk '/^deb / && $0 !~ /security/ {print $2; exit}' /etc/apt/sources.list)
  fi
  [ -n "$uri" ] || die "cannot find the Debian mirror in /etc/apt/sources.list*"
  echo "deb $uri bookworm-backports main" > "$list"
  apt_updated=0
}

install_packages() {
  if ! command -v incus >/dev/null 2>&1; then
    enable_backports
    if [ "$apt_updated" -eq 0 ]; then apt-get update -qq; apt_updated=1; fi
    . /etc/os-release
    if [ "${VERSION_CODENAME:-}" = "bookworm" ]; then
      log "installing incus from bookworm-backports"
      DEBIAN_FRONTEND=noninteractive apt-get install -y -qq -t bookworm-backports incus >/dev/null
    else
      apt_install incus
    fi
  fi
  apt_install nftables busybox-static tmux caddy
}

incus_answers() { timeout 10 incus info >/dev/null 2>&1; }

start_daemon() {
  incus_answers && return 0
  mkdir -p "$LAB_STATE_DIR"
  log "starting incusd"
  setsid /usr/libexec/incus/incusd --group root --logfile /var/log/incusd.log </dev/null >/dev/null 2>&1 &
  echo $! > "$LAB_STATE_DIR/incusd.pid"
  incus admin waitready --timeout 60 || die "incusd did not become ready (see /var/log/incusd.log)"
}

init_incus() {
  incus storage show default >/dev/null 2>&1 || incus storage create default dir >/dev/null
  if ! incus network show "$LAB_BRIDGE" >/dev/null 2>&1; then
    incus network create "$LAB_BRIDGE" ipv4.address="$LAB_SUBNET" ipv4.nat=false ipv6.address=none >/dev/null
  fi
  incus profile device show default 2>/dev/null | grep -q '^root:' || \
    incus profile device add default root disk path=/ pool=default >/dev/null
  incus profile device show default 2>/dev/null | grep -q '^eth0:' || \
    incus profile device add default eth0 nic network="$LAB_BRIDGE" name=eth0 >/dev/null
}

build_image() {
  incus image alias list --format csv 2>/dev/null | cut -d, -f1 | grep -qx "$LAB_IMAGE_ALIAS" && return 0
  log "building the $LAB_IMAGE_ALIAS test image from busybox-static"
  local work; work=$(mktemp -d)
  local r="$work/rootfs"
  mkdir -p "$r/bin" "$r/sbin" "$r/etc" "$r/root" "$r/proc" "$r/sys" "$r/dev" "$r/tmp" "$r/var/www" "$r/usr/bin" "$r/usr/sbin"
  cp /bin/busybox "$r/bin/busybox"
  ln -s busybox "$r/bin/sh"
  ln -s ../bin/busybox "$r/sbin/init"
  echo 'root:x:0:0:root:/root:/bin/sh' > "$r/etc/passwd"
  echo 'root:x:0:' > "$r/etc/group"
  cat > "$r/etc/inittab" <<'INITTAB'
::sysinit:/bin/busybox mount -t proc proc /proc
::sysinit:/bin/busybox --install -s /bin
::sysinit:/bin/busybox ip link set lo up
::sysinit:/bin/busybox udhcpc -i eth0 -b -q -s /etc/udhcpc.script
::respawn:/bin/busybox sleep 2147483647
INITTAB
  cat > "$r/etc/udhcpc.script" <<'UDHCPC'
#!/bin/sh
case "$1" in
  bound|renew)
    ip addr flush dev "$interface"
    ip addr add "$ip/${mask:-24}" dev "$interface"
    [ -n "$router" ] && ip route replace default via "${router%% *}"
    ;;
esac
exit 0
UDHCPC
  chmod 755 "$r/etc/udhcpc.script"
  cat > "$work/metadata.yaml" <<META
architecture: x86_64
creation_date: $(date +%s)
properties:
  description: busybox test image
  os: busybox
  release: "1"
META
  tar -C "$work" -czf "$work/image.tar.gz" metadata.yaml rootfs
  incus image import "$work/image.tar.gz" --alias "$LAB_IMAGE_ALIAS" >/dev/null
  rm -rf "$work"
}

install_packages
start_daemon
init_incus
build_image
log "ready: incus $(incus version 2>/dev/null | awk '/Server version/ {print $3}'), bridge $LAB_BRIDGE, image $LAB_IMAGE_ALIAS"
