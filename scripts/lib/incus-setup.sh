# shellcheck shell=bash
# Shared steps of install.sh and scripts/lab.sh: install packages, start incusd
# when nothing answers (no systemd needed), initialise Incus idempotently.
# Sourced, not run. Callers set -euo pipefail.

log() { printf '[%s] %s\n' "${LOG_TAG:-anklume}" "$*" >&2; }
die() { printf '[%s] ERROR: %s\n' "${LOG_TAG:-anklume}" "$*" >&2; exit 1; }

# Re-runs the calling script as root through sudo when possible.
require_root() {
  [ "$(id -u)" -eq 0 ] && return 0
  if command -v sudo >/dev/null 2>&1; then exec sudo -E "$@"; fi
  die "root is needed (Incus, nftables and packages); run this as root"
}

APT_UPDATED=0
apt_refresh() {
  [ "$APT_UPDATED" -eq 1 ] && return 0
  apt-get update -qq
  APT_UPDATED=1
}

apt_install() {
  local missing=() pkg
  for pkg in "$@"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
  done
  [ "${#missing[@]}" -eq 0 ] && return 0
  apt_refresh
  log "installing ${missing[*]}"
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
}

# Incus 6.0 LTS is in bookworm-backports on Debian 12; the mirror is taken from
# the machine's own apt sources rather than hard-coded.
enable_backports() {
  . /etc/os-release
  [ "${VERSION_CODENAME:-}" = "bookworm" ] || return 0
  local list=/etc/apt/sources.list.d/anklume-backports.list uri=""
  [ -f "$list" ] && return 0
  if [ -f /etc/apt/sources.list.d/debian.sources ]; then
    uri=$(awk '/^URIs:/ {print $2; exit}' /etc/apt/sources.list.d/debian.sources)
  fi
  if [ -z "$uri" ] && [ -f /etc/apt/sources.list ]; then
    uri=$(awk '/^deb / && $0 !~ /security/ {print $2; exit}' /etc/apt/sources.list)
  fi
  [ -n "$uri" ] || die "cannot find the Debian mirror in /etc/apt/sources.list*"
  echo "deb $uri bookworm-backports main" > "$list"
  APT_UPDATED=0
}

install_incus() {
  command -v incus >/dev/null 2>&1 && return 0
  . /etc/os-release
  if [ "${VERSION_CODENAME:-}" = "bookworm" ]; then
    enable_backports
    apt_refresh
    log "installing incus from bookworm-backports"
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq -t bookworm-backports incus >/dev/null
  else
    apt_install incus
  fi
}

install_build_tools() {
  command -v javac >/dev/null 2>&1 && javac -version 2>&1 | grep -qE 'javac (1[7-9]|[2-9][0-9])' \
    || apt_install openjdk-17-jdk-headless
  command -v mvn >/dev/null 2>&1 || apt_install maven
}

incus_answers() { timeout 10 incus info >/dev/null 2>&1; }

# Starts incusd in the background when nothing answers (machines without
# systemd); its PID is kept so that only our own daemon is ever stopped.
start_incusd() {
  incus_answers && return 0
  if command -v systemctl >/dev/null 2>&1 && [ -d /run/systemd/system ]; then
    systemctl start incus.socket incus.service 2>/dev/null || true
    incus admin waitready --timeout 60 2>/dev/null && return 0
  fi
  local state=/var/lib/anklume-tui
  mkdir -p "$state"
  log "starting incusd"
  setsid /usr/libexec/incus/incusd --group root --logfile /var/log/incusd.log </dev/null >/dev/null 2>&1 &
  echo $! > "$state/incusd.pid"
  incus admin waitready --timeout 60 || die "incusd did not become ready (see /var/log/incusd.log)"
}

# `incus admin init --minimal` cannot pick a bridge subnet on some machines, so
# each piece is made explicitly and only when missing.
init_incus() {
  local bridge="$1" subnet="$2" nat="$3"
  incus storage show default >/dev/null 2>&1 || incus storage create default dir >/dev/null
  if ! incus network show "$bridge" >/dev/null 2>&1; then
    incus network create "$bridge" ipv4.address="$subnet" ipv4.nat="$nat" ipv6.address=none >/dev/null
  fi
  incus profile device show default 2>/dev/null | grep -q '^root:' || \
    incus profile device add default root disk path=/ pool=default >/dev/null
  incus profile device show default 2>/dev/null | grep -q '^eth0:' || \
    incus profile device add default eth0 nic network="$bridge" name=eth0 >/dev/null
}
