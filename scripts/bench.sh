#!/usr/bin/env bash
# Benchmarks anklume-tui side by side with its baselines on the real lab and
# writes docs/benchmarks.md. Usage: sudo ./scripts/bench.sh [sizes, default 10,100,300]
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/.." && pwd)
LOG_TAG=bench
. "$HERE/lib/incus-setup.sh"
require_root "$0" "$@"
SIZES="${1:-10,100,300}"

install_build_tools
"$HERE/lab.sh"
cd "$ROOT"
mvn -B -q -ntp -DskipTests package
JAR="$ROOT/tui/target/anklume-tui.jar"
CP="$JAR:$ROOT/core/target/test-classes:$ROOT/incus-client/target/test-classes"

java -cp "$CP" io.anklume.core.bench.Bench "$ROOT/docs/benchmarks.md" "$SIZES"

# Start-up: exec to the first full frame (the app writes the marker), and peak RSS.
startup() {
  local marker session t0 t1 pid rss i times=() rsses=()
  marker=$(mktemp -u)
  for i in 1 2 3 4 5 6; do
    session="anklume-bench-$$-$i"
    rm -f "$marker"
    t0=$(date +%s%3N)
    tmux new-session -d -s "$session" -x 120 -y 40 \
      "ANKLUME_TUI_FIRST_FRAME_FILE=$marker exec java -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -jar $JAR"
    for _ in $(seq 1 200); do [ -s "$marker" ] && break; sleep 0.05; done
    if [ ! -s "$marker" ]; then
      tmux kill-session -t "$session" 2>/dev/null || true
      log "no first frame within 10 s (the TUI does not write ANKLUME_TUI_FIRST_FRAME_FILE yet)"
      return 0
    fi
    t1=$(cat "$marker")
    sleep 1 # let the live inventory settle before reading the peak
    pid=$(tmux display-message -p -t "$session" '#{pane_pid}')
    rss=$(awk '/VmHWM/ {print $2}' "/proc/$pid/status")
    tmux kill-session -t "$session"
    [ "$i" -eq 1 ] && continue # warm the page cache
    times+=($((t1 - t0))); rsses+=($((rss / 1024)))
  done
  local tmed rmed
  tmed=$(printf '%s\n' "${times[@]}" | sort -n | sed -n 3p)
  rmed=$(printf '%s\n' "${rsses[@]}" | sort -n | sed -n 3p)
  printf '| start-up: exec to first full frame (tmux) | %s ms | – | – | < 600 ms | median of 5 |\n' "$tmed" >> "$ROOT/docs/benchmarks.md"
  printf '| start-up: peak RSS after first frame | %s MB | – | – | < 200 MB | VmHWM, median of 5 |\n' "$rmed" >> "$ROOT/docs/benchmarks.md"
  log "start-up: first frame ${tmed} ms, peak RSS ${rmed} MB"
}
startup
log "results in docs/benchmarks.md"
