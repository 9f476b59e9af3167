package io.anklume.tui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launcher's class-data sharing flags (scripts/lib/launcher.sh) map the archive where it was
 * written: relocating it elsewhere (JDK 17.0.15's default) patches every pointer in it at each start.
 */
class LauncherCdsTest {
    private static final Path LAUNCHER_LIB = Path.of("..", "scripts", "lib", "launcher.sh").toAbsolutePath().normalize();

    @TempDir
    Path dir;

    /** Sources the launcher's shell functions and runs {@code script}; returns its output. */
    private static String shell(String script) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("bash", "-c", "set -euo pipefail; log() { echo \"log: $*\" >&2; }; . "
                + LAUNCHER_LIB + "; " + script).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), out);
        return out;
    }

    @Test
    void theArchiveIsMappedWithoutRelocation() throws Exception {
        Path jar = dir.resolve("probe.jar");
        String entry = CdsProbe.class.getName().replace('.', '/') + ".class";
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar));
             InputStream in = CdsProbe.class.getClassLoader().getResourceAsStream(entry)) {
            out.putNextEntry(new JarEntry(entry));
            in.transferTo(out);
        }
        Path jsa = dir.resolve("app.jsa");
        String run = " -XX:+UseSerialGC -cp " + jar + " " + CdsProbe.class.getName();
        shell("java -XX:ArchiveClassesAtExit=" + jsa + run);
        String out = shell("eval \"java $(launcher_cds_flags " + jsa + ") -Xlog:cds=info" + run + "\"");
        assertTrue(out.contains("probe ran"), out);
        assertTrue(out.contains("Mapped dynamic region"), "the archive is used:\n" + out);
        assertFalse(out.contains("at an alternative address"), "the archive is relocated:\n" + out);
    }
}

/** What the archive is recorded from: CDS takes jars only, not the test's class directories. */
final class CdsProbe {
    private CdsProbe() {}

    public static void main(String[] args) {
        System.out.println("probe ran");
    }
}
