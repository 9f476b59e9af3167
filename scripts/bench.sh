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

# The launcher's class-data sharing archive (see install.sh), recorded the same way.
JSA="$ROOT/tui/target/anklume-tui.jsa"
rm -f "$JSA"
java -XX:ArchiveClassesAtExit="$JSA" -XX:+UseSerialGC -jar "$JAR" --cds-training >/dev/null 2>&1 || true
java -Dbench.jar="$JAR" -Dbench.jsa="$JSA" -cp "$CP" io.anklume.core.bench.Bench "$ROOT/docs/benchmarks.md" "$SIZES"

log "results in docs/benchmarks.md"
