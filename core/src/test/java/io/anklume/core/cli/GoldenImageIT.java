package io.anklume.core.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.anklume.core.plan.lab.PlanLab;
import io.anklume.incus.IncusClient;
import io.anklume.incus.model.ImageAlias;
import io.anklume.incus.model.Instance;
import io.anklume.incus.model.StateAction;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** publish a stopped instance as an alias, then a machine with os_image: alias launches from it. */
class GoldenImageIT {
    @TempDir
    static Path dir;

    private static IncusClient incus;
    private static final Set<String> created = new HashSet<>();
    private static String domain;
    private static int zone;
    private static String alias;

    @BeforeAll
    static void connect() {
        incus = PlanLab.connect();
        domain = PlanLab.newDomainName();
        created.add(domain);
        zone = PlanLab.freeZone(incus, new HashSet<>());
        alias = "golden-" + domain;
    }

    @AfterAll
    static void cleanUp() {
        if (incus == null) {
            return;
        }
        try {
            try {
                PlanLab.removeDomains(incus, created);
            } finally {
                Optional<ImageAlias> image = incus.images().findAlias(null, alias);
                image.ifPresent(a -> incus.images().delete(null, a.target()).await());
            }
        } finally {
            incus.close();
        }
    }

    private static Path infra(boolean withClone) throws Exception {
        String clone = withClone ? """
                      %s-clone:
                        type: lxc
                        os_image: %s
                """.formatted(domain, alias) : "";
        return Files.writeString(dir.resolve("infra.yml"), """
                project_name: golden-it
                global:
                  addressing:
                    base_octet: 10
                    zone_base: %d
                  default_os_image: busybox
                  nat: false   # the test lab's bridges never NAT
                domains:
                  %s:
                    trust_level: admin
                    machines:
                      %s-base:
                        type: lxc
                """.formatted(zone, domain, domain) + clone);
    }

    @Test
    void publishAStoppedInstanceThenAMachineLaunchesFromTheAlias() throws Exception {
        LifecycleCli cli = new LifecycleCli(incus, created);
        assertEquals(0, cli.run("apply", infra(false).toString(), "--yes").code());
        String base = domain + "-base";
        assertEquals(0, incus.instances().exec(domain, base, List.of("sh", "-c", "echo baked-in > /root/golden"), Map.of(),
                "/", Duration.ofSeconds(30)).exitCode());

        LifecycleCli.Result running = cli.run("publish", domain + "/" + base, "--alias", alias);
        assertEquals(1, running.code());
        assertTrue(running.err().contains("cannot publish " + domain + "/" + base + ": it is Running; Incus publishes "
                + "stopped instances only"), running.all());

        incus.instances().changeState(domain, base, new StateAction(StateAction.Kind.STOP, 0, true, false)).await();
        LifecycleCli.Result publish = cli.run("publish", base, "--alias", alias);
        assertEquals(0, publish.code(), publish.all());
        assertTrue(publish.out().contains("published " + domain + "/" + base + " as image " + alias), publish.out());
        assertTrue(incus.images().findAlias(null, alias).isPresent(), "the image is in the default project");

        LifecycleCli.Result again = cli.run("publish", base, "--alias", alias);
        assertEquals(1, again.code());
        assertTrue(again.err().contains("the image alias \"" + alias + "\" is taken"), again.all());

        LifecycleCli.Result apply = cli.run("apply", infra(true).toString(), "--yes");
        assertEquals(0, apply.code(), apply.all());
        Instance clone = incus.instances().get(domain, domain + "-clone");
        assertTrue(clone.isRunning(), clone.status());
        assertEquals("baked-in\n", incus.instances().exec(domain, domain + "-clone", List.of("cat", "/root/golden"),
                Map.of(), "/", Duration.ofSeconds(30)).stdout());
    }
}
