package io.anklume.core;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.anklume.core.inventory.InstanceRef;
import io.anklume.incus.IncusConfig;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The composition the TUI uses, against the real daemon (read-only: it changes nothing). */
class CoreServicesIT {

    @Test
    void opensLiveServicesAndReadOnlyRefusesChanges() throws Exception {
        try (CoreServices services = CoreServices.open(IncusConfig.local(), true)) {
            assertTrue(services.awaitInventory(Duration.ofSeconds(20)));
            assertTrue(services.inventory().current().connected());
            InstanceRef ref = new InstanceRef("default", "does-not-matter");
            assertThrows(ActionException.class, () -> services.lifecycle().start(ref));
            assertThrows(ActionException.class, () -> services.snapshots().create(ref, null));
            assertThrows(ActionException.class, () -> services.adoption().adopt(ref, java.nio.file.Path.of("x.yml")));
        }
    }
}
