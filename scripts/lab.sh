#!/usr/bin/env bash
# Makes the real Incus lab for the tests on a Debian 12 machine (root, systemd
# not needed): installs what is missing, starts incusd if it is not answering,
# initialises it idempotently and builds the busybox test image. Safe to run
# any number of times.
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
LOG_TAG=lab
. "$HERE/lib/incus-setup.sh"
require_root "$0" "$@"

LAB_BRIDGE="${LAB_BRIDGE:-anklumebr0}"
LAB_SUBNET="${LAB_SUBNET:-10.231.0.1/24}"
LAB_IMAGE_ALIAS="${LAB_IMAGE_ALIAS:-busybox}"

# A 1 MB image from busybox-static: no image server is reachable from the lab.
build_busybox_image() {
  incus image alias list --format csv 2>/dev/null | cut -d, -f1 | grep -qx "$LAB_IMAGE_ALIAS" && return 0
  log "building the $LAB_IMAGE_ALIAS test image from busybox-static"
  local work r
  work=$(mktemp -d)
  r="$work/rootfs"
  mkdir -p "$r"/{bin,sbin,etc,root,proc,sys,dev,tmp,var/www,usr/bin,usr/sbin}
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

install_incus
apt_install nftables busybox-static tmux caddy curl
start_incusd
init_incus "$LAB_BRIDGE" "$LAB_SUBNET" false
build_busybox_image
# The isolation tests need packets routed between test bridges (Incus usually turns this on already).
[ "$(cat /proc/sys/net/ipv4/ip_forward 2>/dev/null)" = 1 ] || echo 1 > /proc/sys/net/ipv4/ip_forward
log "ready: incus $(incus version 2>/dev/null | awk '/Server version/ {print $3}'), bridge $LAB_BRIDGE, image $LAB_IMAGE_ALIAS"
