package io.anklume.core.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.anklume.core.plan.lab.PlanLab;
import io.anklume.incus.IncusClient;
import io.anklume.incus.model.ExecResult;
import io.anklume.incus.model.Instance;
import io.anklume.incus.model.Snapshot;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * Snapshots through the CLI on the real daemon: schedule and expiry from infra.yml, manual snapshots
 * of an instance and of a domain, pre-apply snapshots and rollback bringing back a file's content.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SnapshotLifecycleIT {
    @TempDir
    static Path dir;

    private static IncusClient incus;
    private static final Set<String> created = new HashSet<>();
    private static LifecycleCli cli;
    private static String domain;
    private static int zone;
    private static String m1;
    private static String m2;

    @BeforeAll
    static void connect() {
        incus = PlanLab.connect();
        domain = PlanLab.newDomainName();
        created.add(domain);
        zone = PlanLab.freeZone(incus, new HashSet<>());
        cli = new LifecycleCli(incus, created);
        m1 = domain + "-m1";
        m2 = domain + "-m2";
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

    static String infra(String memory) {
        return """
                project_name: snap-it
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
                      %s:
                        type: lxc
                        snapshots_schedule: "0 2 * * *"
                        snapshots_expiry: 12h
                        config:
                          limits.memory: %s
                      %s:
                        type: lxc
                        ephemeral: true
                """.formatted(zone, domain, m1, memory, m2);
    }

    private static Path write(String memory) throws Exception {
        return Files.writeString(dir.resolve("infra.yml"), infra(memory));
    }

    private static ExecResult sh(String name, String script) {
        return incus.instances().exec(domain, name, List.of("sh", "-c", script), Map.of(), "/", Duration.ofSeconds(30));
    }

    private static List<String> snapshots(String name) {
        return incus.snapshots().list(domain, name).stream().map(Snapshot::name).sorted().toList();
    }

    @Test
    @Order(1)
    void scheduleAndExpiryFromInfraYmlLandOnTheInstance() throws Exception {
        LifecycleCli.Result apply = cli.run("apply", write("64MiB").toString(), "--yes");
        assertEquals(0, apply.code(), apply.all());
        assertTrue(!apply.out().contains("* snapshot"), "nothing existed, so nothing to snapshot:\n" + apply.out());

        Map<String, String> config = incus.instances().get(domain, m1).config();
        assertEquals("0 2 * * *", config.get("snapshots.schedule"));
        assertEquals("12H", config.get("snapshots.expiry"));
        assertEquals(null, incus.instances().get(domain, m2).config().get("snapshots.schedule"));
    }

    @Test
    @Order(2)
    void manualSnapshotsOfAnInstanceAndOfADomainAndRestore() {
        LifecycleCli.Result one = cli.run("snapshot", domain + "/" + m1);
        assertEquals(0, one.code(), one.all());
        assertTrue(one.out().contains("snapshot " + domain + "/" + m1 + "/snap-20261203-101500"), one.out());

        cli.clock.advanceSeconds(60);
        LifecycleCli.Result all = cli.run("snapshot", "--domain", domain);
        assertEquals(0, all.code(), all.all());
        assertEquals(List.of("snap-20261203-101500", "snap-20261203-101600"), snapshots(m1));
        assertEquals(List.of("snap-20261203-101600"), snapshots(m2));
        assertTrue(all.out().contains("2 snapshots taken"), all.out());

        LifecycleCli.Result named = cli.run("snapshot", "--name", "before-test", m1);
        assertEquals(0, named.code(), named.all());
        assertTrue(snapshots(m1).contains("before-test"));
        LifecycleCli.Result taken = cli.run("snapshot", "--name", "before-test", m1);
        assertEquals(1, taken.code());
        assertTrue(taken.err().contains("already exists") && taken.err().contains(m1), taken.all());

        assertEquals(0, sh(m1, "echo one > /root/f").exitCode());
        assertEquals(0, cli.run("snapshot", "--name", "with-one", m1).code());
        assertEquals(0, sh(m1, "echo two > /root/f").exitCode());
        LifecycleCli.Result restore = cli.run("restore", m1, "with-one");
        assertEquals(0, restore.code(), restore.all());
        assertEquals("one\n", sh(m1, "cat /root/f").stdout());

        LifecycleCli.Result unknown = cli.run("restore", m1, "no-such");
        assertEquals(1, unknown.code());
        assertTrue(unknown.err().contains("no snapshot named \"no-such\""), unknown.all());
    }

    @Test
    @Order(3)
    void applyTakesPreApplySnapshotsFirstAndRollbackBringsTheFileBack() throws Exception {
        assertEquals(0, sh(m1, "echo before-apply > /root/state").exitCode());
        cli.clock.advanceSeconds(60);
        Path file = write("96MiB");

        LifecycleCli.Result plan = cli.run("plan", file.toString());
        assertEquals(2, plan.code(), plan.all());
        List<String> lines = plan.out().lines().filter(l -> !l.isBlank() && !l.startsWith("Plan:")).toList();
        assertEquals("* snapshot " + m1 + " as pre-apply-20261203-101700 before changing it (keeps the last 3 pre-apply snapshots)",
                lines.get(0), plan.out());
        assertEquals("~ update " + m1 + " limits.memory 64MiB → 96MiB", lines.get(1), plan.out());

        LifecycleCli.Result apply = cli.run("apply", file.toString(), "--yes");
        assertEquals(0, apply.code(), apply.all());
        assertTrue(snapshots(m1).contains("pre-apply-20261203-101700"), snapshots(m1).toString());
        assertTrue(snapshots(m2).stream().noneMatch(s -> s.startsWith("pre-apply-")), "m2 did not change");
        assertEquals("96MiB", incus.instances().get(domain, m1).config().get("limits.memory"));

        assertEquals(0, sh(m1, "echo after-apply > /root/state").exitCode());
        LifecycleCli.Result dry = cli.run("rollback", "--dry-run");
        assertEquals(0, dry.code(), dry.all());
        assertTrue(dry.out().contains("restore " + domain + "/" + m1 + " → pre-apply-20261203-101700"), dry.out());
        assertEquals("after-apply\n", sh(m1, "cat /root/state").stdout(), "a dry run changes nothing");

        assertEquals(1, cli.run("rollback").code(), "no terminal and no --yes: refused");
        LifecycleCli.Result rollback = cli.run("rollback", "--yes");
        assertEquals(0, rollback.code(), rollback.all());
        assertEquals("before-apply\n", sh(m1, "cat /root/state").stdout());
        Instance back = incus.instances().get(domain, m1);
        assertEquals("64MiB", back.config().get("limits.memory"), "the snapshot's config came back too");
        assertTrue(back.isRunning());
    }

    @Test
    @Order(4)
    void onlyTheLastPreApplySnapshotsAreKept() throws Exception {
        String[] memories = {"80MiB", "88MiB", "72MiB"};
        for (String memory : memories) {
            cli.clock.advanceSeconds(60);
            LifecycleCli.Result apply = cli.run("apply", write(memory).toString(), "--yes", "--keep-snapshots", "2");
            assertEquals(0, apply.code(), apply.all());
        }
        List<String> preApply = snapshots(m1).stream().filter(s -> s.startsWith("pre-apply-")).toList();
        assertEquals(List.of("pre-apply-20261203-101900", "pre-apply-20261203-102000"), preApply);
        assertTrue(snapshots(m1).contains("before-test"), "manual snapshots are never pruned");

        cli.clock.advanceSeconds(60);
        LifecycleCli.Result optOut = cli.run("apply", write("64MiB").toString(), "--yes", "--no-snapshot");
        assertEquals(0, optOut.code(), optOut.all());
        assertEquals(preApply, snapshots(m1).stream().filter(s -> s.startsWith("pre-apply-")).toList());

        LifecycleCli.Result named = cli.run("rollback", "--dry-run", m1);
        assertTrue(named.out().contains("→ pre-apply-20261203-102000"), named.all());
        LifecycleCli.Result none = cli.run("rollback", "--dry-run", m2);
        assertEquals(1, none.code());
        assertTrue(none.err().contains("cannot roll back " + domain + "/" + m2 + ": it has no pre-apply snapshot"), none.all());
    }

    @Test
    @Order(5)
    void theReconcilerOfTheTuiPlanViewTakesThemToo() throws Exception {
        cli.clock.advanceSeconds(60);
        io.anklume.core.plan.Reconciler reconciler = new io.anklume.core.plan.Reconciler(incus, false,
                new io.anklume.core.plan.PreApplySnapshots(cli.clock, 3));
        io.anklume.core.plan.Reconciler.Planned planned = reconciler.plan(write("100MiB"));
        assertTrue(planned.plan().actions().get(0) instanceof io.anklume.core.plan.Action.SnapshotInstance,
                planned.plan().toText());
        io.anklume.core.plan.ApplyReport report = reconciler.apply(planned.plan(), 4, io.anklume.core.plan.ApplyListener.NONE);
        assertTrue(report.succeeded(), report.lines().toString());
        assertTrue(snapshots(m1).contains("pre-apply-20261203-102200"), snapshots(m1).toString());
        domainsMarked();
    }

    private static void domainsMarked() {
        created.forEach(d -> PlanLab.mark(incus, d));
    }
}
