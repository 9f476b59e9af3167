package io.anklume.core.infra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InfraEditsTest {
    private static final String BASE = "project_name: t\nglobal:\n  addressing: {base_octet: 10, zone_base: 160}\n";
    private static final String PRO = "pro:\n  machines:\n    web: {}\n";

    @TempDir
    Path dir;

    private Path infra() throws Exception {
        Path infra = Files.createDirectories(dir.resolve("infra/domains")).getParent();
        Files.writeString(infra.resolve("base.yml"), BASE);
        Files.writeString(infra.resolve("domains/pro.yml"), PRO);
        return infra;
    }

    @Test
    void changesThatKeepTheDirectoryLoadingStayWritten() throws Exception {
        Path infra = infra();
        Path ops = infra.resolve("domains/ops.yml");
        InfraFiles.Loaded after = InfraEdits.applyToDirectory(dir.resolve("infra.yml"), List.of(
                new InfraEdits.Change(infra.resolve("domains/pro.yml"), PRO, PRO + "    db: {}\n"),
                new InfraEdits.Change(ops, null, "ops:\n  machines:\n    api: {}\n")));
        assertFalse(after.hasErrors(), after.problems().toString());
        assertTrue(after.infra().machine("db").isPresent() && after.infra().machine("api").isPresent());
        assertTrue(Files.exists(ops));
    }

    @Test
    void whenTheDirectoryNoLongerLoadsEveryFileIsPutBackAndANewOneRemoved() throws Exception {
        Path infra = infra();
        Path ops = infra.resolve("domains/ops.yml");
        InfraFiles.Loaded after = InfraEdits.applyToDirectory(infra, List.of(
                new InfraEdits.Change(infra.resolve("domains/pro.yml"), PRO, PRO + "    api: {}\n"),
                new InfraEdits.Change(ops, null, "ops:\n  machines:\n    api: {}\n"))); // api twice: invalid
        assertTrue(after.hasErrors());
        assertEquals(PRO, Files.readString(infra.resolve("domains/pro.yml")));
        assertFalse(Files.exists(ops), "the new file is removed");
    }

    @Test
    void aBrokenDirectoryIsRefusedThroughTheCallersRefusal() throws Exception {
        Path infra = infra();
        assertTrue(InfraEdits.loadDirectory(infra, IllegalStateException::new).machine("web").isPresent());
        Files.writeString(infra.resolve("domains/zz.yml"), "zz: [broken]\n");
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> InfraEdits.loadDirectory(infra, IllegalStateException::new));
        assertTrue(e.getMessage().startsWith("the infra directory has an error: ") && e.getMessage().endsWith("(fix it first)"),
                e.getMessage());
    }
}
