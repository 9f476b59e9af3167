package io.anklume.core.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.anklume.core.ActionException;
import io.anklume.core.inventory.InstanceRef;
import io.anklume.core.lifecycle.IncusLifecycle;
import io.anklume.core.plan.lab.PlanLab;
import io.anklume.incus.IncusClient;
import io.anklume.incus.IncusException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Non-ephemeral machines are protected against deletion by apply, and a delete says so naming the instance. */
class ProtectionIT {
    @TempDir
    static Path dir;

    private static IncusClient incus;
    private static final Set<String> created = new HashSet<>();
    private static String domain;
    private static int zone;

    @BeforeAll
    static void connect() {
        incus = PlanLab.connect();
        domain = PlanLab.newDomainName();
        created.add(domain);
        zone = PlanLab.freeZone(incus, new HashSet<>());
    }

    @AfterAll
    static void cleanUp() {
        if (incus != null) {
            try {
                PlanLab.removeDomains(incus, created);
            } finally {
                incus.close();
            }
        }
    }

    @Test
    void nonEphemeralMachinesAreProtectedAndDeletingOneIsRefusedWithTheReason() throws Exception {
        Path file = Files.writeString(dir.resolve("infra.yml"), """
                project_name: protect-it
                global:
                  addressing:
                    base_octet: 10
                    zone_base: %d
                  default_os_image: busybox
                  nat: false   # the test lab's bridges never NAT
                domains:
                  %s:
                    trust_level: trusted
                    machines:
                      %s-keep:
                        type: lxc
                      %s-temp:
                        type: lxc
                        ephemeral: true
                """.formatted(zone, domain, domain, domain));
        LifecycleCli.Result apply = new LifecycleCli(incus, created).run("apply", file.toString(), "--yes");
        assertEquals(0, apply.code(), apply.all());

        assertEquals("true", incus.instances().get(domain, domain + "-keep").config().get("security.protection.delete"));
        assertNull(incus.instances().get(domain, domain + "-temp").config().get("security.protection.delete"));

        IncusLifecycle lifecycle = new IncusLifecycle(incus, false);
        ActionException refused = assertThrows(ActionException.class,
                () -> lifecycle.delete(new InstanceRef(domain, domain + "-keep")));
        assertTrue(refused.getMessage().startsWith("cannot delete " + domain + "/" + domain + "-keep: it is protected"),
                refused.getMessage());
        assertTrue(refused.getMessage().contains("incus config unset " + domain + "-keep security.protection.delete --project "
                + domain), refused.getMessage());
        assertTrue(incus.instances().get(domain, domain + "-keep").isRunning(), "refused before any change");

        // Incus itself refuses too (once stopped), so a script going around anklume-tui cannot delete it by accident.
        lifecycle.stop(new InstanceRef(domain, domain + "-keep"), true);
        IncusException byIncus = assertThrows(IncusException.class,
                () -> incus.instances().delete(domain, domain + "-keep").await());
        assertTrue(byIncus.getMessage().toLowerCase().contains("protect"), byIncus.getMessage());

        lifecycle.delete(new InstanceRef(domain, domain + "-temp"));
        assertTrue(incus.instances().list(domain, false).stream().noneMatch(i -> i.name().equals(domain + "-temp")));
    }
}
