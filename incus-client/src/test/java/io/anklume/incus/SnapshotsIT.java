package io.anklume.incus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.anklume.incus.lab.IncusLab;
import io.anklume.incus.model.Snapshot;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class SnapshotsIT {
    static IncusLab lab;
    static String box;

    @BeforeAll
    static void up() {
        lab = IncusLab.create();
        box = lab.name("sn");
        lab.launch(box);
    }

    @AfterAll
    static void down() {
        lab.close();
    }

    private static SnapshotsApi snapshots() {
        return lab.client().snapshots();
    }

    @Test
    void restoreBringsAChangedFileBack() {
        lab.exec(box, "sh", "-c", "echo before > /root/state.txt");
        snapshots().create(lab.project(), box, "before-change", false, null).await();
        lab.exec(box, "sh", "-c", "echo after > /root/state.txt; rm -f /root/gone-never-existed");
        assertEquals("after\n", lab.exec(box, "cat", "/root/state.txt").stdout());

        snapshots().restore(lab.project(), box, "before-change").await();
        assertEquals("before\n", lab.exec(box, "cat", "/root/state.txt").stdout());
        assertTrue(lab.client().instances().get(lab.project(), box).isRunning());
    }

    @Test
    void listGetRenameAndDelete() {
        Instant expiry = Instant.now().plus(2, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
        snapshots().create(lab.project(), box, "keep-a", false, expiry).await();
        snapshots().create(lab.project(), box, "keep-b", false, null).await();
        List<Snapshot> all = snapshots().list(lab.project(), box);
        Snapshot a = all.stream().filter(s -> s.name().equals("keep-a")).findFirst().orElseThrow();
        assertEquals(expiry, a.expiresAt());
        assertNotNull(a.createdAt());
        assertFalse(a.stateful());
        assertNull(snapshots().get(lab.project(), box, "keep-b").expiresAt());

        snapshots().rename(lab.project(), box, "keep-b", "renamed-b").await();
        assertEquals("renamed-b", snapshots().get(lab.project(), box, "renamed-b").name());
        snapshots().delete(lab.project(), box, "renamed-b").await();
        snapshots().delete(lab.project(), box, "keep-a").await();
        assertTrue(snapshots().list(lab.project(), box).stream()
                .noneMatch(s -> s.name().equals("renamed-b") || s.name().equals("keep-a")));
    }

    @Test
    void duplicateNameFailsInTheOperation() {
        snapshots().create(lab.project(), box, "dup", false, null).await();
        IncusException e = assertThrows(IncusException.class,
                () -> snapshots().create(lab.project(), box, "dup", false, null).await());
        assertTrue(e.status() >= 400, e.getMessage());
        snapshots().delete(lab.project(), box, "dup").await();
    }
}
