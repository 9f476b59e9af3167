package io.anklume.incus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.anklume.incus.lab.IncusLab;
import io.anklume.incus.model.Backup;
import io.anklume.incus.model.StateAction;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BackupsIT {
    static IncusLab lab;

    @BeforeAll
    static void up() {
        lab = IncusLab.create();
    }

    @AfterAll
    static void down() {
        lab.close();
    }

    @Test
    void backupExportDeleteAndImportBack(@TempDir Path dir) throws Exception {
        IncusClient c = lab.client();
        String name = lab.name("bk");
        lab.launch(name);
        lab.exec(name, "sh", "-c", "echo precious > /root/data");
        c.instances().changeState(lab.project(), name, new StateAction(StateAction.Kind.STOP, 0, true, false)).await();

        c.backups().create(lab.project(), name, "bk1", Instant.now().plus(1, ChronoUnit.DAYS)).await(Duration.ofMinutes(2));
        Backup backup = c.backups().list(lab.project(), name).stream().filter(b -> b.name().equals("bk1")).findFirst().orElseThrow();
        assertTrue(backup.instanceOnly());
        Path tarball = dir.resolve("bk1.tar.gz");
        c.backups().export(lab.project(), name, "bk1", tarball);
        assertTrue(Files.size(tarball) > 100_000, "backup tarball too small: " + Files.size(tarball));
        c.backups().delete(lab.project(), name, "bk1").await();
        assertTrue(c.backups().list(lab.project(), name).isEmpty());

        c.instances().delete(lab.project(), name).await();
        c.backups().importBackup(lab.project(), tarball, name, "default").await(Duration.ofMinutes(2));
        c.instances().changeState(lab.project(), name, StateAction.of(StateAction.Kind.START)).await();
        assertEquals("precious\n", lab.exec(name, "cat", "/root/data").stdout());
    }
}
