package io.anklume.core.infra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.anklume.core.net.HostNetworks;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InfraFilesTest {
    private static final String VALID = """
            project_name: t
            global: {addressing: {base_octet: 10, zone_base: 100}}
            domains:
              pro:
                trust_level: trusted
                machines:
                  dev: {}
            """;

    @TempDir
    Path dir;

    @Test
    void aWriteReplacesTheTextAndLeavesNoTemporaryFileBehind() throws IOException {
        Path file = Files.writeString(dir.resolve("infra.yml"), "old");

        InfraFiles.writeAtomically(file, VALID);

        assertEquals(VALID, Files.readString(file));
        try (Stream<Path> left = Files.list(dir)) {
            assertEquals(List.of(file), left.toList());
        }
    }

    @Test
    void aWriteThatCannotHappenLeavesTheFileAsItWas() throws IOException {
        Path file = Files.writeString(dir.resolve("infra.yml"), "old");
        Path blocked = Files.createDirectory(dir.resolve("infra-dir.yml")); // a directory cannot be replaced by a file
        Files.writeString(blocked.resolve("keep"), "x");

        assertThrows(IOException.class, () -> InfraFiles.writeAtomically(blocked, VALID));

        assertEquals("old", Files.readString(file));
        try (Stream<Path> left = Files.list(dir)) {
            assertEquals(2, left.count(), "a temporary file was left behind");
        }
    }

    @Test
    void firstErrorNamesTheFirstErrorOrNothing() {
        HostNetworks none = HostNetworks.none();
        assertNull(InfraFiles.parse("infra.yml", VALID, none).firstError());
        Problem first = InfraFiles.parse("infra.yml", VALID.replace("trusted", "very-trusted"), none).firstError();
        assertNotNull(first);
        assertTrue(first.toString().contains("trust_level"), first.toString());
    }
}
