package io.anklume.core.routing.ssh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The sshpiper workingdir layout: one 0700 directory per machine, 0600 files, valid user names only. */
class SshPiperExportTest {
    @TempDir
    Path dir;

    static String mode(Path p) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
    }

    @Test
    void writesUpstreamAndAuthorizedKeysPrivately() throws IOException {
        SshPiperExport.Result r = SshPiperExport.write(dir, List.of(new SshRoute("web", "pro", 22000, "root",
                "10.120.0.5")), "ssh-ed25519 AAAAC3Nza alice@laptop");
        assertEquals(List.of("web"), r.written());
        assertEquals("rwx------", mode(dir));
        assertEquals("rwx------", mode(dir.resolve("web")));
        assertEquals("rw-------", mode(dir.resolve("web/sshpiper_upstream")));
        assertEquals("rw-------", mode(dir.resolve("web/authorized_keys")));
        assertEquals("# written by anklume-tui\nroot@10.120.0.5:22\n", Files.readString(dir.resolve("web/sshpiper_upstream")));
        assertEquals("ssh-ed25519 AAAAC3Nza alice@laptop\n", Files.readString(dir.resolve("web/authorized_keys")));
        try (var files = Files.list(dir.resolve("web"))) {
            assertEquals(2, files.count(), "no temporary file left behind");
        }
    }

    @Test
    void invalidUserNamesAndMissingAddressesAreSkippedWithAReason() throws IOException {
        SshPiperExport.Result r = SshPiperExport.write(dir, List.of(
                new SshRoute("1web", "pro", 22000, "root", "10.0.0.1"),
                new SshRoute("Web", "pro", 22001, "root", "10.0.0.2"),
                new SshRoute("db", "pro", 22002, "Admin", "10.0.0.3"),
                new SshRoute("down", "pro", 22003, "root", null),
                new SshRoute("_ok-1", "pro", 22004, "root", "10.0.0.4")), null);
        assertEquals(List.of("_ok-1"), r.written());
        assertEquals(4, r.skipped().size(), r.skipped()::toString);
        assertTrue(r.skipped().get(0).startsWith("1web: not a valid sshpiper user name"));
        assertTrue(r.skipped().get(2).contains("upstream user 'Admin'"));
        assertFalse(Files.exists(dir.resolve("1web")));
        assertFalse(Files.exists(dir.resolve("_ok-1/authorized_keys")));
    }

    @Test
    void staleEntriesOfAnklumeAreRemovedOthersAreKept() throws IOException {
        SshPiperExport.write(dir, List.of(new SshRoute("old", "pro", 22000, "root", "10.0.0.1")), null);
        Files.createDirectories(dir.resolve("theirs"));
        Files.writeString(dir.resolve("theirs/sshpiper_upstream"), "git@example.test\n");
        SshPiperExport.Result r = SshPiperExport.write(dir, List.of(new SshRoute("theirs", "pro", 22001, "root",
                "10.0.0.2")), null);
        assertEquals(List.of("old"), r.removed());
        assertFalse(Files.exists(dir.resolve("old")));
        assertEquals("git@example.test\n", Files.readString(dir.resolve("theirs/sshpiper_upstream")));
        assertTrue(r.skipped().get(0).contains("was not written by anklume-tui"));
    }
}
