#!/usr/bin/env bash
# The lab's freezer kick: started by test.sh for the length of the suite, stopped by its PID.
# On cgroup v1 a freeze can stay FREEZING for good. A process waiting in vfork() for a child that the
# freezer caught before its exec cannot itself be frozen, and busybox's init and udhcpc start every
# child with vfork(), while the tests freeze and snapshot (which freezes) containers right after they
# start. Incus then waits for ever. A container stuck in FREEZING for a few seconds is thawed, which
# lets the child reach its exec, and frozen again, so the freeze that was asked for completes.
# Seen on kernel 6.18 with the v1 freezer: init in D in kernel_clone, its child in __refrigerator.
set -u
ROOT=${FREEZER_ROOT:-/sys/fs/cgroup/freezer}
STUCK_AFTER=3
[ -d "$ROOT" ] || exit 0
declare -A since=()
while :; do
  now=$(date +%s)
  for state in "$ROOT"/lxc.payload.*/freezer.state; do
    [ -e "$state" ] || continue
    if [ "$(cat "$state" 2>/dev/null)" != FREEZING ]; then
      unset "since[$state]"
      continue
    fi
    first=${since[$state]:-$now}
    since[$state]=$first
    if [ $((now - first)) -ge "$STUCK_AFTER" ]; then
      name=${state%/freezer.state}
      printf '[lab] %s stuck in FREEZING for %s s: thawing it and freezing it again\n' "${name##*/lxc.payload.}" $((now - first)) >&2
      echo THAWED > "$state" 2>/dev/null
      echo FROZEN > "$state" 2>/dev/null
      unset "since[$state]"
    fi
  done
  sleep 1
done
