# shellcheck shell=bash
# How the anklume-tui launcher runs the jar, in one place: install.sh writes the launcher with these
# flags and bench.sh measures start-up with the very same ones. Sourced, not run.

# launcher_jvm_flags NATIVE_LIB: the JVM flags of every run (the CDS training's too), shell-quoted.
# Serial GC and C1 only: start-up is short-lived work on few cores. One compiler thread: on two cores
# a second one competed with the threads that read Incus and draw the first frame (~30 ms of start-up,
# interleaved runs), and C1 alone keeps up with a TUI. No hsperfdata file (jps/jstat cannot see the
# process; it saves creating and mapping that file at each start). junixsocket loads its native
# library from NATIVE_LIB, extracted once at install, instead of copying it out of the jar to a temp
# file at each start; when that file is missing or unusable it falls back to the jar's copy by itself.
# Transparent huge pages for the heap and code cache: page faults are dear on the virtual machines
# this runs on (a start took ~10,000 of them, ~5,700 with huge pages), and the flag gave 30-75 ms
# off the first frame and ~90 ms less CPU in interleaved runs, for ~35 MB more resident memory
# (84 -> 118 MB, goal < 200). Where THP is "never" the JVM turns the flag off and warns on stdout,
# which -Xlog:pagesize=off keeps out of the screen and out of the subcommands' output.
launcher_jvm_flags() {
  printf -- '-XX:+UseSerialGC -XX:TieredStopAtLevel=1 -XX:CICompilerCount=1 -XX:-UsePerfData -XX:+UseTransparentHugePages -Xlog:pagesize=off -Dorg.newsclub.net.unix.library.override=%q' "$1"
}

# launcher_cds_flags JSA: the flags that use the class-data sharing archive, shell-quoted.
# ArchiveRelocationMode=0 maps the archives at the address they were written for: JDK 17.0.15's
# default (1) maps them elsewhere and then patches every pointer in them, ~60-120 ms of each start
# with our ~18 MB archive (-Xlog:startuptime's "Genesis"). Mode 0 still relocates, by itself, when
# that address is taken. The flag is diagnostic in JDK 17, hence the unlock.
launcher_cds_flags() {
  printf -- '-XX:SharedArchiveFile=%q -Xshare:auto -XX:+UnlockDiagnosticVMOptions -XX:ArchiveRelocationMode=0' "$1"
}

# extract_native_lib JAR DEST: copies junixsocket's native library for this machine's architecture
# out of the jar to DEST; without a match (an architecture the jar lacks) DEST is removed and the
# launcher's junixsocket falls back to its usual loading.
extract_native_lib() {
  local jar dest=$2 arch entry tmp
  jar=$(realpath "$1")
  rm -f "$dest"
  arch=$(java -XshowSettings:properties -version 2>&1 | sed -n 's/^ *os\.arch = //p')
  entry=$(jar tf "$jar" | grep -E "^lib/${arch}-Linux-[^/]+/jni/libjunixsocket-native-[0-9.]+\.so$" | head -n 1 || true)
  [ -n "$entry" ] || { log "no junixsocket native library for $arch in the jar (it is then extracted at each start)"; return 0; }
  tmp=$(mktemp -d)
  (cd "$tmp" && jar xf "$jar" "$entry") && install -m 0644 "$tmp/$entry" "$dest" \
    || log "could not extract $entry (junixsocket then extracts it at each start)"
  rm -rf "$tmp"
}

# record_cds_archive JAR JSA NATIVE_LIB: records the class-data sharing archive of a typical start.
record_cds_archive() {
  local jar=$1 jsa=$2 lib=$3
  rm -f "$jsa"
  eval "java -XX:ArchiveClassesAtExit=$(printf %q "$jsa") $(launcher_jvm_flags "$lib") -jar $(printf %q "$jar") --cds-training" \
    >/dev/null 2>&1 || log "no class-data sharing archive (start-up will be slower)"
}
