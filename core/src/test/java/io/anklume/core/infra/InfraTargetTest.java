package io.anklume.core.infra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InfraTargetTest {
    @TempDir
    Path dir;

    @Test
    void aFileIsItsOwnTargetWhetherOrNotItExists() throws Exception {
        Path infraYml = dir.resolve("infra.yml");
        assertEquals(new InfraTarget(infraYml, false, false), InfraTarget.of(infraYml, "pro"));
        Files.createDirectories(dir.resolve("infra"));
        Files.writeString(infraYml, "domains: {}\n");
        assertEquals(new InfraTarget(infraYml, false, false), InfraTarget.of(infraYml, "pro"), "infra.yml wins over infra/");
        assertNull(InfraTarget.directory(infraYml));
    }

    @Test
    void inADirectoryTheLastDomainFileDefiningTheDomainCountsThenBaseYmlThenANewFile() throws Exception {
        Path infra = Files.createDirectories(dir.resolve("infra/domains")).getParent();
        Files.writeString(infra.resolve("base.yml"), "project_name: t\ndomains:\n  ops: {}\n  pro: {}\n");
        Files.writeString(infra.resolve("domains/a.yml"), "pro: {}\n");
        Files.writeString(infra.resolve("domains/b.yml"), "pro:\n  trust_level: trusted\nlab: {}\n");
        Files.writeString(infra.resolve("domains/c.yml"), "not: [valid");
        Path missingYml = dir.resolve("infra.yml");
        assertEquals(infra, InfraTarget.directory(missingYml));
        assertEquals(infra, InfraTarget.directory(infra));
        assertEquals(new InfraTarget(infra.resolve("domains/b.yml"), true, true), InfraTarget.of(missingYml, "pro"));
        assertEquals(new InfraTarget(infra.resolve("domains/b.yml"), true, true), InfraTarget.of(infra, "lab"));
        assertEquals(new InfraTarget(infra.resolve("base.yml"), false, true), InfraTarget.of(infra, "ops"));
        assertEquals(new InfraTarget(infra.resolve("domains/web.yml"), true, true), InfraTarget.of(infra, "web"));
    }
}
