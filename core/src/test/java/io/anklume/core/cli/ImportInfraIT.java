package io.anklume.core.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.anklume.core.infra.InfraFiles;
import io.anklume.core.infra.Machine;
import io.anklume.core.infra.TrustLevel;
import io.anklume.core.plan.lab.PlanLab;
import io.anklume.incus.IncusClient;
import io.anklume.incus.lab.IncusLab;
import io.anklume.incus.model.InstanceCreate;
import io.anklume.incus.model.InstanceSource;
import io.anklume.incus.model.Profile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * import-infra of a lab made by hand through the REST client, laid out as anklume deploys it (project,
 * NAT-less bridge net-<domain>, containers with various settings): the file validates and its plan
 * against the same Incus is empty.
 */
class ImportInfraIT {
    private static IncusClient incus;
    private static String domain;

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
                if (domain != null) {
                    PlanLab.removeDomain(incus, domain);
                }
            } finally {
                incus.close();
            }
        }
    }

    @Test
    void importOfAHandMadeLabValidatesAndPlansNothing() throws Exception {
        domain = PlanLab.newDomainName();
        String d = domain;
        int zone = PlanLab.freeZone(incus, new HashSet<>());
        String prefix = "10." + zone + ".3.";
        String created = String.valueOf(Instant.now().getEpochSecond());
        incus.networks().create(null, "net-" + d, "bridge", "hand-made", Map.of("ipv4.address", prefix + "254/24",
                "ipv4.nat", "false", "ipv4.dhcp", "true", "ipv4.dhcp.ranges", prefix + "100-" + prefix + "249",
                "ipv6.address", "none", "user.anklume.managed", "true", "user.anklume.domain", d, IncusLab.MARKER, created));
        incus.projects().create(d, "hand-made lab", Map.of("features.images", "false", "features.profiles", "true",
                "user.anklume.managed", "true", "user.anklume.trust", "trusted", IncusLab.MARKER, created));
        incus.profiles().update(d, new Profile("default", "", Map.of(), Map.of(
                "root", Map.of("type", "disk", "path", "/", "pool", "default"),
                "eth0", Map.of("type", "nic", "name", "eth0", "network", "net-" + d)), null, d));
        incus.profiles().create(d, new Profile("small", "", Map.of("limits.processes", "200"), Map.of(), null, d));

        Map<String, String> one = new LinkedHashMap<>(Map.of("limits.cpu", "1", "limits.memory", "96MiB",
                "boot.autostart", "true", "boot.autostart.priority", "10", "snapshots.schedule", "0 3 * * *",
                "snapshots.expiry", "7d", "security.protection.delete", "true"));
        one.putAll(markers(d, "boot.autostart,boot.autostart.priority,limits.cpu,limits.memory,security.protection.delete,"
                + "snapshots.expiry,snapshots.schedule"));
        create(d, d + "-one", "first", one, prefix + "5", List.of("default"));
        Map<String, String> two = new LinkedHashMap<>(Map.of("boot.autostart", "false", "user.note", "set by hand"));
        two.putAll(markers(d, "boot.autostart"));
        create(d, d + "-two", "", two, prefix + "6", List.of("default", "small"));

        Path file = dir.resolve("imported.yml");
        CliRun cli = new CliRun(incus);
        CliRun.Result imported = cli.run("import-infra", "--out", file.toString(), "--project", d);
        assertEquals(0, imported.code(), imported.all() + "\n" + (Files.exists(file) ? Files.readString(file) : ""));
        String text = Files.readString(file);
        assertTrue(imported.err().contains("its plan is empty"), imported.all() + "\n" + text);

        InfraFiles.Loaded loaded = InfraFiles.load(file);
        assertFalse(loaded.hasErrors(), loaded.problems() + "\n" + text);
        var dom = loaded.infra().domain(d).orElseThrow();
        assertEquals(TrustLevel.TRUSTED, dom.trustLevel());
        assertEquals(3, dom.subnetId());
        assertEquals(false, dom.nat(), "a bridge without NAT imports as nat: false, so the plan stays empty");
        assertEquals(zone - 10, loaded.infra().global().zoneBase());
        assertEquals(Map.of("limits.processes", "200"), dom.profiles().get("small").config());
        Machine first = loaded.infra().machine(d + "-one").orElseThrow();
        assertEquals(prefix + "5", first.ip());
        assertEquals("busybox", first.osImage());
        assertEquals(10, first.bootPriority());
        assertEquals(true, first.bootAutostart());
        assertEquals("0 3 * * *", first.snapshotsSchedule());
        assertEquals("7d", first.snapshotsExpiry());
        assertEquals(Map.of("limits.cpu", "1", "limits.memory", "96MiB"), first.config());
        assertEquals("first", first.description());
        Machine second = loaded.infra().machine(d + "-two").orElseThrow();
        assertEquals(true, second.ephemeral());
        assertEquals(List.of("default", "small"), second.profiles());
        assertEquals(false, second.bootAutostart());
        assertTrue(second.config() == null || !second.config().containsKey("user.note"), "hand-set keys stay out");

        assertEquals(0, cli.run("validate", file.toString()).code());
        CliRun.Result plan = cli.run("plan", file.toString());
        assertEquals(0, plan.code(), plan.all());
        assertTrue(plan.out().contains("No changes"), plan.out());

        CliRun.Result again = cli.run("import-infra", "--out", file.toString(), "--project", d);
        assertEquals(1, again.code(), "an existing file is not overwritten without --force");
    }

    @Test
    void whatCannotBeRepresentedIsReported() {
        try (IncusLab lab = IncusLab.create()) {
            lab.instance("plain", Map.of(), false);
            lab.instance("disp-20261207-101500", Map.of("user.anklume.disposable", "true"), false);
            CliRun.Result r = new CliRun(lab.client()).run("import-infra", "--project", lab.project() + ",no-such-project");
            assertEquals(0, r.code(), r.all());
            assertTrue(r.out().contains("plain:"), r.out());
            assertFalse(r.out().lines().anyMatch(l -> l.strip().equals("disp-20261207-101500:")), "no machine: " + r.out());
            assertTrue(r.err().contains("disp-20261207-101500: a disposable (deleted when it stops), skipped"), r.err());
            assertTrue(r.err().contains("note: project no-such-project: no such Incus project"), r.err());
            assertTrue(r.err().contains("no bridge net-" + lab.project()), r.err());
            assertTrue(r.err().contains("its eth0 comes from a profile"), r.err());
            assertTrue(r.err().contains("the next apply of it would still change"), r.err());
            assertTrue(r.out().startsWith("# Generated by anklume-tui import-infra"), r.out());
        }
    }

    private static Map<String, String> markers(String d, String keys) {
        return Map.of("user.anklume.managed", "true", "user.anklume.domain", d, "user.anklume.trust", "trusted",
                "user.anklume.config-keys", keys, "user.anklume.devices", "eth0");
    }

    private static void create(String project, String name, String description, Map<String, String> config, String ip,
                               List<String> profiles) {
        incus.instances().create(project, new InstanceCreate(name, "container", InstanceSource.imageAlias("busybox"),
                profiles, false, config, Map.of("eth0", Map.of("type", "nic", "name", "eth0", "network", "net-" + project,
                "ipv4.address", ip)), description, true)).await(Duration.ofSeconds(60));
    }
}
