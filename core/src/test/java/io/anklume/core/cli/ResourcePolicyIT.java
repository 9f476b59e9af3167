package io.anklume.core.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.anklume.core.infra.InfraFiles;
import io.anklume.core.policy.HostResources;
import io.anklume.core.policy.ResourceAllocation;
import io.anklume.core.policy.ResourceAllocator;
import io.anklume.core.plan.lab.PlanLab;
import io.anklume.incus.IncusClient;
import io.anklume.incus.model.Resources;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** resource_policy and boot order through apply on the real daemon, against its own /1.0/resources. */
class ResourcePolicyIT {
    private static IncusClient incus;
    private static final Set<String> domains = new HashSet<>();

    @TempDir
    Path dir;

    @BeforeAll
    static void connect() {
        incus = PlanLab.connect();
    }

    @AfterAll
    static void cleanUp() {
        if (incus != null) {
            try {
                PlanLab.removeDomains(incus, domains);
            } finally {
                incus.close();
            }
        }
    }

    @Test
    void computedLimitsLandAsTheAllocatorSaysAndExplicitLimitsWin() throws Exception {
        String d = PlanLab.newDomainName();
        domains.add(d);
        int zone = PlanLab.freeZone(incus, new HashSet<>());
        Path file = Files.writeString(dir.resolve("policy.yml"), """
                project_name: policy-it
                global:
                  addressing: {base_octet: 10, zone_base: %1$d}
                  default_os_image: busybox
                  nat: false   # the test lab's bridges never NAT
                  resource_policy:
                    host_reserve: {cpu: "25%%", memory: "50%%"}
                    mode: proportional
                    cpu_mode: allowance
                    memory_enforce: soft
                    overcommit: true
                domains:
                  %2$s:
                    trust_level: admin
                    machines:
                      %2$s-big:
                        weight: 3
                        boot_autostart: false
                      %2$s-small:
                        weight: 1
                        boot_autostart: true
                        boot_priority: 42
                      %2$s-own:
                        config:
                          limits.cpu: "1"
                          limits.memory: 96MiB
                          limits.memory.enforce: hard
                """.formatted(zone, d));
        InfraFiles.Loaded loaded = InfraFiles.load(file);
        assertFalse(loaded.hasErrors(), loaded.problems().toString());
        Resources host = incus.server().resources();
        ResourceAllocation expected = ResourceAllocator.allocate(loaded.infra(),
                new HostResources(host.cpu().total(), host.memory().total()));

        CliRun cli = new CliRun(incus);
        CliRun.Result apply = cli.run("apply", file.toString(), "--yes");
        PlanLab.mark(incus, d);
        assertEquals(0, apply.code(), apply.all());
        assertTrue(apply.out().contains("warning: Resource overcommit: Memory"), apply.out());

        for (String m : List.of(d + "-big", d + "-small")) {
            Map<String, String> config = incus.instances().get(d, m).config();
            Map<String, String> computed = expected.forMachine(m);
            assertEquals(Set.of("limits.cpu.allowance", "limits.memory", "limits.memory.enforce"), computed.keySet(), m);
            computed.forEach((k, v) -> assertEquals(v, config.get(k), m + " " + k));
            assertNull(config.get("limits.cpu"), m);
        }
        // weight 3 against weight 1: three times the allowance (both rounded down to whole percent).
        int big = Integer.parseInt(expected.forMachine(d + "-big").get("limits.cpu.allowance").replace("%", ""));
        int small = Integer.parseInt(expected.forMachine(d + "-small").get("limits.cpu.allowance").replace("%", ""));
        assertTrue(Math.abs(big - 3 * small) <= 3, big + " vs " + small);
        assertEquals("soft", expected.forMachine(d + "-big").get("limits.memory.enforce"));

        Map<String, String> own = incus.instances().get(d, d + "-own").config();
        assertEquals("1", own.get("limits.cpu"));
        assertNull(own.get("limits.cpu.allowance"));
        assertEquals("96MiB", own.get("limits.memory"));
        assertEquals("hard", own.get("limits.memory.enforce"));
        assertTrue(expected.forMachine(d + "-own").isEmpty(), expected.forMachine(d + "-own").toString());

        Map<String, String> small2 = incus.instances().get(d, d + "-small").config();
        assertEquals("true", small2.get("boot.autostart"));
        assertEquals("42", small2.get("boot.autostart.priority"));
        assertEquals("false", incus.instances().get(d, d + "-big").config().get("boot.autostart"));
        assertNull(incus.instances().get(d, d + "-own").config().get("boot.autostart"));

        CliRun.Result again = cli.run("plan", file.toString());
        assertEquals(0, again.code(), again.all());
        assertTrue(again.out().contains("No changes"), again.out());
    }
}
