package io.anklume.core.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.anklume.core.adopt.Adoption;
import io.anklume.core.inventory.InstanceRef;
import io.anklume.core.plan.lab.PlanLab;
import io.anklume.incus.IncusClient;
import io.anklume.incus.model.InstanceCreate;
import io.anklume.incus.model.InstanceSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Adoption into a real file (comments and order kept, next plan empty) and orphans, on the real daemon. */
class AdoptOrphansIT {
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
    void adoptKeepsCommentsAndOrderAndTheNextPlanIsEmptyThenOrphansAreDeletedOnlyWhenAsked() throws Exception {
        String d = PlanLab.newDomainName();
        domains.add(d);
        int zone = PlanLab.freeZone(incus, new HashSet<>());
        String original = """
                # my workstation -- keep this comment
                project_name: adopt-it
                global:
                  addressing:
                    base_octet: 10   # always 10
                    zone_base: %1$d
                  default_os_image: busybox
                  nat: false           # the test lab's bridges never NAT
                domains:
                  %2$s:                # the test domain
                    description: "adoption test"
                    trust_level: admin
                    machines:
                      %2$s-web:
                        type: lxc      # declared first
                        description: "web"
                # network policies come later
                network_policies: []
                """.formatted(zone, d);
        Path file = Files.writeString(dir.resolve("infra.yml"), original);
        CliRun cli = new CliRun(incus);
        CliRun.Result apply = cli.run("apply", file.toString(), "--yes");
        PlanLab.mark(incus, d);
        assertEquals(0, apply.code(), apply.all());

        String stray = d + "-stray";
        incus.instances().create(d, new InstanceCreate(stray, "container", InstanceSource.imageAlias("busybox"),
                List.of("default"), false, Map.of("limits.memory", "64MiB"), Map.of(), "made by hand", true))
                .await(Duration.ofSeconds(60));
        InstanceRef ref = new InstanceRef(d, stray);
        Adoption adoption = new Adoption(incus, false);
        assertTrue(adoption.untracked().contains(ref));
        CliRun.Result listed = cli.run("orphans", file.toString(), "--domain", d);
        assertEquals(0, listed.code(), listed.all());
        assertTrue(listed.out().contains("No orphans") && listed.out().contains("Untracked") && listed.out().contains(ref.toString()),
                listed.out());

        adoption.adopt(ref, file);

        String text = Files.readString(file);
        String head = original.substring(0, original.indexOf("# network policies"));
        assertTrue(text.startsWith(head), text);
        assertTrue(text.endsWith("# network policies come later\nnetwork_policies: []\n"), text);
        String added = text.substring(head.length(), text.indexOf("# network policies"));
        assertTrue(added.startsWith("      " + stray + ":\n"), added);
        assertTrue(added.contains("        description: \"made by hand\"\n"), added);
        assertFalse(adoption.untracked().contains(ref));

        CliRun.Result plan = cli.run("plan", file.toString());
        assertEquals(0, plan.code(), plan.all());
        assertTrue(plan.out().contains("No changes"), plan.out());
        assertEquals("64MiB", incus.instances().get(d, stray).config().get("limits.memory"));

        // The machine leaves the file: an orphan, listed, deleted only when asked.
        Files.writeString(file, original);
        CliRun.Result orphans = cli.run("orphans", file.toString(), "--domain", d);
        assertEquals(0, orphans.code(), orphans.all());
        assertTrue(orphans.out().contains("Orphans (managed, not in") && orphans.out().contains("  " + ref), orphans.out());
        assertTrue(incus.instances().get(d, stray).isRunning());
        CliRun.Result refused = cli.run("orphans", file.toString(), "--domain", d, "--delete");
        assertEquals(1, refused.code(), refused.all());
        assertTrue(incus.instances().list(d, false).stream().anyMatch(i -> i.name().equals(stray)));

        CliRun.Result deleted = cli.run("orphans", file.toString(), "--domain", d, "--delete", "--yes");
        assertEquals(0, deleted.code(), deleted.all());
        assertTrue(incus.instances().list(d, false).stream().noneMatch(i -> i.name().equals(stray)));
        assertTrue(incus.instances().get(d, d + "-web").isRunning());
    }
}
