package io.anklume.core.lifecycle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.anklume.core.ActionException;
import io.anklume.core.inventory.InstanceRef;
import io.anklume.incus.lab.IncusLab;
import io.anklume.incus.IncusClient;
import io.anklume.incus.IncusException;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class IncusLifecycleIT {
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

    private String status(InstanceRef ref) {
        return client.instances().get(ref.project(), ref.name()).status();
    }

    @Test
    void cleanStopStartAndRestart() {
        lab.instance("svc", Map.of(), true);
        InstanceRef ref = new InstanceRef(lab.project(), "svc");
        IncusLifecycle lifecycle = new IncusLifecycle(client, false);
        lifecycle.stop(ref, false);
        assertEquals("Stopped", status(ref));
        lifecycle.start(ref);
        assertEquals("Running", status(ref));
        lifecycle.restart(ref);
        assertEquals("Running", status(ref));
        ActionException e = assertThrows(ActionException.class, () -> lifecycle.start(ref));
        assertTrue(e.getMessage().startsWith("cannot start " + ref + ": "), e.getMessage());
    }

    @Test
    void deleteOfAProtectedInstanceIsRefusedWithTheExplanation() {
        lab.instance("keep", Map.of("security.protection.delete", "true"), true);
        InstanceRef ref = new InstanceRef(lab.project(), "keep");
        ActionException e = assertThrows(ActionException.class, () -> new IncusLifecycle(client, false).delete(ref));
        assertTrue(e.getMessage().contains("security.protection.delete=true"), e.getMessage());
        assertTrue(e.getMessage().contains("incus config unset keep security.protection.delete --project "
                + lab.project()), e.getMessage());
        assertEquals("Running", status(ref), "the refused delete must not even stop it");
    }

    @Test
    void deleteStopsARunningInstanceFirst() {
        lab.instance("gone", Map.of(), true);
        InstanceRef ref = new InstanceRef(lab.project(), "gone");
        new IncusLifecycle(client, false).delete(ref);
        IncusException e = assertThrows(IncusException.class, () -> client.instances().get(ref.project(), ref.name()));
        assertTrue(e.isNotFound());
    }

    @Test
    void readOnlyModeChangesNothing() {
        lab.instance("ro", Map.of(), true);
        InstanceRef ref = new InstanceRef(lab.project(), "ro");
        IncusLifecycle lifecycle = new IncusLifecycle(client, true);
        assertThrows(ActionException.class, () -> lifecycle.stop(ref, true));
        assertThrows(ActionException.class, () -> lifecycle.delete(ref));
        assertEquals("Running", status(ref));
    }
}
