package io.anklume.core.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The screen makes its routes service before its first frame: making one must not set up Jackson's
 * databind (checked in a fresh JVM, whose class loading is the evidence).
 */
class RouteServiceStartupTest {

    /** Makes the routes service as the screen does, then says so. */
    public static final class Probe {
        public static void main(String[] args) {
            new InfraRoutes(null, null, true);
            System.out.println("made the routes service");
        }
    }

    @Test
    void makingTheRoutesServiceLoadsNoDatabindMapper() throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process p = new ProcessBuilder(java.toString(), "-Xshare:off", "-Xlog:class+load=info", "-cp",
                System.getProperty("java.class.path"), Probe.class.getName()).redirectErrorStream(true).start();
        List<String> out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        assertEquals(0, p.waitFor(), String.join("\n", out));
        int made = out.indexOf("made the routes service");
        assertTrue(made > 0, String.join("\n", out));
        assertTrue(out.subList(0, made).stream().anyMatch(l -> l.contains(" io.anklume.core.routing.RouteService ")),
                "the probe made no routes service");
        assertFalse(out.subList(0, made).stream().anyMatch(l -> l.contains(" com.fasterxml.jackson.databind.ObjectMapper ")),
                "making the routes service set up a databind mapper");
    }
}
