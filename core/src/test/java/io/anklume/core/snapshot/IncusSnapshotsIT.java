package io.anklume.core.snapshot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.anklume.core.ActionException;
import io.anklume.core.inventory.InstanceRef;
import io.anklume.incus.lab.IncusLab;
import io.anklume.incus.IncusClient;
import io.anklume.incus.model.ExecResult;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class IncusSnapshotsIT {
    private static IncusClient client;
    private static IncusLab lab;

    @BeforeAll
    static void lab() {
        client = IncusLab.connect();
        lab = IncusLab.create(client);
    }

    @AfterAll
    static void cleanUp() {
        if (lab != null) {
            lab.close();
        }
        if (client != null) {
            client.close();
        }
    }

    private ExecResult sh(InstanceRef ref, String script) {
        return client.instances().exec(ref.project(), ref.name(), List.of("sh", "-c", script), Map.of(), "/",
                Duration.ofSeconds(30));
    }

    @Test
    void restoreBringsBackWhatTheSnapshotHeld() {
        lab.instance("data", Map.of(), true);
        InstanceRef ref = new InstanceRef(lab.project(), "data");
        IncusSnapshots snapshots = new IncusSnapshots(client, Clock.systemUTC(), false);
        assertEquals(0, sh(ref, "echo precious > /root/file").exitCode());

        SnapshotView snap = snapshots.create(ref, null);
        assertTrue(snap.name().matches("snap-\\d{8}-\\d{6}"), snap.name());
        assertEquals(snap.name(), snapshots.list(ref).get(0).name());

        assertEquals(0, sh(ref, "rm /root/file && echo later > /root/later").exitCode());
        assertEquals(1, sh(ref, "test -e /root/file").exitCode());

        snapshots.restore(ref, snap.name());
        ExecResult back = sh(ref, "cat /root/file; test ! -e /root/later");
        assertEquals("precious\n", back.stdout());
        assertEquals(0, back.exitCode(), "/root/later should be gone");

        snapshots.delete(ref, snap.name());
        assertTrue(snapshots.list(ref).isEmpty());
    }

    @Test
    void listIsNewestFirstAndATakenNameIsRefusedPlainly() throws Exception {
        lab.instance("names", Map.of(), false);
        InstanceRef ref = new InstanceRef(lab.project(), "names");
        IncusSnapshots snapshots = new IncusSnapshots(client, Clock.systemUTC(), false);
        snapshots.create(ref, "first");
        Thread.sleep(1100);
        snapshots.create(ref, "second");
        assertEquals(List.of("second", "first"), snapshots.list(ref).stream().map(SnapshotView::name).toList());
        ActionException e = assertThrows(ActionException.class, () -> snapshots.create(ref, "first"));
        assertTrue(e.getMessage().contains("already exists"), e.getMessage());
        assertTrue(!e.getMessage().contains("UNIQUE"), e.getMessage());
    }
}
