package io.anklume.tui.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MicroTest {
    @Test
    void replacesOnlyItsOwnSectionOfTheBenchmarkPage(@TempDir Path dir) throws Exception {
        Path page = dir.resolve("benchmarks.md");
        Files.writeString(page, "# Benchmarks\n\n| a |\n\n" + Micro.HEADING + "\n\nold rows\n\n## Later\nkept\n");
        Micro.write(page, Micro.HEADING + "\n\nnew rows\n");
        assertEquals("# Benchmarks\n\n| a |\n\n## Later\nkept\n\n" + Micro.HEADING + "\n\nnew rows\n", Files.readString(page));
        Micro.write(page, Micro.HEADING + "\n\nnewer rows\n");
        assertEquals("# Benchmarks\n\n| a |\n\n## Later\nkept\n\n" + Micro.HEADING + "\n\nnewer rows\n", Files.readString(page));
    }
}
