#!/usr/bin/env bash
# The whole test suite: unit tests, integration tests against a real incusd,
# and terminal end-to-end tests in tmux. Makes the lab itself (scripts/lab.sh).
# Usage: sudo ./scripts/test.sh [extra mvn args]
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/.." && pwd)
LOG_TAG=test
. "$HERE/lib/incus-setup.sh"
require_root "$0" "$@"

install_build_tools
"$HERE/lab.sh"

# Leftovers of killed runs: every test project and bridge carries the key
# user.anklume-test.created (see IncusLab); nothing else is ever touched.
MARK=user.anklume-test.created
clean_leftovers() {
  local p i n
  for p in $(incus project list --format csv -c n 2>/dev/null | sed 's/ (current)//'); do
    [ -n "$(incus project get "$p" "$MARK" 2>/dev/null)" ] || continue
    for i in $(incus list --project "$p" --format csv -c n 2>/dev/null || true); do
      incus config unset "$i" security.protection.delete --project "$p" >/dev/null 2>&1 || true
      incus delete -f "$i" --project "$p" >/dev/null 2>&1 || true
    done
    for i in $(incus profile list --project "$p" --format csv -c n 2>/dev/null | grep -vx default || true); do
      incus profile delete "$i" --project "$p" >/dev/null 2>&1 || true
    done
    incus project delete "$p" >/dev/null 2>&1 || log "could not remove leftover project $p"
  done
  for n in $(incus network list --format csv -c n 2>/dev/null); do
    [ -n "$(incus network get "$n" "$MARK" 2>/dev/null)" ] || continue
    incus network delete "$n" >/dev/null 2>&1 || log "could not remove leftover bridge $n"
  done
}
clean_leftovers

"$HERE/lib/freezer-kick.sh" &
KICK_PID=$!
trap 'kill "$KICK_PID" 2>/dev/null' EXIT

cd "$ROOT"
mvn -B -ntp verify "$@"
