package io.anklume.incus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.JarURLConnection;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launcher's junixsocket setup (scripts/lib/launcher.sh): the library extracted once from the jar
 * is the one loaded, and a missing one falls back to junixsocket's own extraction, so an install
 * without it still starts.
 */
class NativeLibraryOverrideTest {
    private static final Path LAUNCHER_LIB = Path.of("..", "scripts", "lib", "launcher.sh").toAbsolutePath().normalize();

    @TempDir
    Path dir;

    /** The jar holding junixsocket's native libraries, laid out as in the application's jar. */
    private static Path nativeJar() throws IOException {
        URL url = NativeLibraryOverrideTest.class.getResource("/lib/");
        assumeTrue(url != null && "jar".equals(url.getProtocol()), "junixsocket's native jar is on the class path");
        JarURLConnection jar = (JarURLConnection) url.openConnection();
        return Path.of(jar.getJarFileURL().getPath());
    }

    /** Sources the launcher's shell functions and runs {@code script}; returns its output lines. */
    private static List<String> shell(String script) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("bash", "-c", "set -euo pipefail; log() { echo \"log: $*\" >&2; }; . "
                + LAUNCHER_LIB + "; " + script).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), out);
        return out.lines().toList();
    }

    private static List<String> probe(Path lib) throws IOException, InterruptedException {
        return shell("eval \"java $(launcher_jvm_flags " + lib + ") -cp '" + System.getProperty("java.class.path")
                + "' io.anklume.incus.NativeLibraryProbe\"");
    }

    @Test
    void theExtractedLibraryIsTheOneLoaded() throws Exception {
        Path lib = dir.resolve("libjunixsocket-native.so");
        shell("extract_native_lib " + nativeJar() + " " + lib);
        assumeTrue(Files.isRegularFile(lib), "the jar has a library for this architecture");
        List<String> out = probe(lib);
        assertTrue(out.contains("supported true"), out.toString());
        assertEquals(List.of("mapped " + lib), out.stream().filter(l -> l.startsWith("mapped ")).toList());
        // The launcher's flags must not make the JVM talk: its output would land in the screen or in
        // a subcommand's output.
        assertTrue(out.stream().noneMatch(l -> l.contains("[warning]") || l.contains("[error]")), out.toString());
    }

    @Test
    void withoutTheExtractedLibraryJunixsocketStillLoadsItsOwn() throws Exception {
        Path missing = dir.resolve("missing.so");
        List<String> out = probe(missing);
        assertTrue(out.contains("supported true"), out.toString());
        List<String> mapped = out.stream().filter(l -> l.startsWith("mapped ")).toList();
        assertEquals(1, mapped.size(), out.toString());
        assertTrue(!mapped.get(0).equals("mapped " + missing), out.toString());
    }
}
