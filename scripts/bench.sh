#!/usr/bin/env bash
# Benchmarks anklume-tui side by side with its baselines on the real lab and
# writes docs/benchmarks.md, then runs the JMH microbenchmarks of the hot paths (table rendering,
# plan diff) and adds their section. Usage: sudo ./scripts/bench.sh [sizes, default 10,100,300]
# BENCH_APPLY=false skips the apply benchmarks; BENCH_MICRO_ONLY=true runs only the microbenchmarks.
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/.." && pwd)
LOG_TAG=bench
. "$HERE/lib/incus-setup.sh"
. "$HERE/lib/launcher.sh"
require_root "$0" "$@"
SIZES="${1:-10,100,300}"

install_build_tools
"$HERE/lab.sh"
cd "$ROOT"
mvn -B -q -ntp -DskipTests package
JAR="$ROOT/tui/target/anklume-tui.jar"
CP="$JAR:$ROOT/core/target/test-classes:$ROOT/incus-client/target/test-classes"
# The JMH microbenchmarks run from the tui's test classes with its test dependencies (JMH); the
# project's own modules come from this build's target folders, never from the local repository.
mvn -B -q -ntp -pl tui -am dependency:build-classpath -Dmdep.includeScope=test \
  -Dmdep.outputFile="$ROOT/tui/target/test-classpath.txt" >/dev/null
MICRO_CP="$ROOT/tui/target/test-classes:$JAR:$(tr ':' '\n' < "$ROOT/tui/target/test-classpath.txt" | grep -v '/io/anklume/' | paste -sd:)"

# The launcher's native library and class-data sharing archive (see install.sh), made the same way;
# the start-up measurement runs the jar with the launcher's flags.
JSA="$ROOT/tui/target/anklume-tui.jsa"
NATIVE_LIB="$ROOT/tui/target/libjunixsocket-native.so"
extract_native_lib "$JAR" "$NATIVE_LIB"
record_cds_archive "$JAR" "$JSA" "$NATIVE_LIB"
if [ "${BENCH_MICRO_ONLY:-false}" != true ]; then
  java -Dbench.jar="$JAR" -Dbench.java.flags="$(launcher_jvm_flags "$NATIVE_LIB") $(launcher_cds_flags "$JSA")" \
    -cp "$CP" io.anklume.core.bench.Bench "$ROOT/docs/benchmarks.md" "$SIZES"
fi
# Microbenchmarks last, with the machine quiet again: they replace their own section of the file.
# From tui/, as the tests run: the table benchmark reads ../examples like the virtual-terminal tests.
(cd "$ROOT/tui" && java -cp "$MICRO_CP" io.anklume.tui.bench.Micro "$ROOT/docs/benchmarks.md")

log "results in docs/benchmarks.md"
