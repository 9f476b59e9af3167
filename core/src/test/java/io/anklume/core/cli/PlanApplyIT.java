package io.anklume.core.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.anklume.core.infra.Infra;
import io.anklume.core.plan.lab.ApplyMain;
import io.anklume.core.plan.lab.PlanLab;
import io.anklume.incus.IncusClient;
import io.anklume.incus.model.Instance;
import io.anklume.incus.model.InstanceCreate;
import io.anklume.incus.model.InstancePut;
import io.anklume.incus.model.InstanceSource;
import io.anklume.incus.model.Network;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * validate, plan, apply and list through the CLI against the real daemon. Every domain is named
 * {@code t-pl<random>} (bridge {@code net-t-pl<random>}, patterns scripts/test.sh cleans), so leftovers
 * of killed runs are recognised and removed at the start; subnets are 10.150-199.0.0/24, away from the
 * 10.2xx ranges of other tests.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PlanApplyIT {
    private static final Duration WAIT = Duration.ofSeconds(60);

    @TempDir
    static Path dir;

    private static IncusClient incus;
    private static final Set<String> created = new HashSet<>();
    private static final Set<Integer> zonesTaken = new HashSet<>();

    private static String domain;
    private static int zone;

    @BeforeAll
    static void connect() {
        incus = PlanLab.connect();
        PlanLab.removeLeftovers(incus);
        domain = newDomain();
        zone = PlanLab.freeZone(incus, zonesTaken);
    }

    @AfterAll
    static void cleanUp() {
        if (incus == null) {
            return;
        }
        try {
            PlanLab.removeDomains(incus, created);
        } finally {
            incus.close();
        }
    }

    @Test
    @Order(1)
    void applyCreatesRunningInstancesWithPlannedAddressesAndMarkers() throws Exception {
        Path file = write("minimal.yml", domain, zone, 2, "64MiB");

        Result validate = cli("validate", file.toString());
        assertEquals(0, validate.code, validate.all());

        Result apply = cli("apply", file.toString(), "--yes");
        assertEquals(0, apply.code, apply.all());
        assertTrue(apply.out.contains("+ create instance " + domain + "-m1 in project " + domain), apply.out);

        for (int k = 1; k <= 2; k++) {
            String name = domain + "-m" + k;
            String ip = "10." + zone + ".0." + k;
            Instance i = incus.instances().get(domain, name);
            assertTrue(i.isRunning(), name + " is " + i.status());
            assertEquals("true", i.config().get("user.anklume.managed"));
            assertEquals(domain, i.config().get("user.anklume.domain"));
            assertEquals("admin", i.config().get("user.anklume.trust"));
            assertEquals("true", i.config().get("security.protection.delete"));
            assertEquals(ip, i.devices().get("eth0").get("ipv4.address"));
            assertEquals("net-" + domain, i.devices().get("eth0").get("network"));
            assertEquals(ip, awaitAddress(domain, name, ip));
        }
        assertEquals("64MiB", incus.instances().get(domain, domain + "-m1").config().get("limits.memory"));
        Network bridge = incus.networks().find(null, "net-" + domain).orElseThrow();
        assertEquals("10." + zone + ".0.254/24", bridge.config().get("ipv4.address"));
        assertEquals("false", bridge.config().get("ipv4.nat"));
        assertEquals("none", bridge.config().get("ipv6.address"));
        assertEquals("false", incus.projects().find(domain).orElseThrow().config().get("features.images"));

        Result again = cli("plan", file.toString());
        assertEquals(0, again.code, again.all());
        assertTrue(again.out.contains("No changes"), again.out);
    }

    @Test
    @Order(2)
    void aChangedLimitIsExactlyOneUpdateAndConverges() throws Exception {
        Path file = write("minimal.yml", domain, zone, 2, "128MiB");

        Result plan = cli("plan", file.toString());
        assertEquals(2, plan.code, plan.all());
        assertEquals(List.of("~ update " + domain + "-m1 limits.memory 64MiB → 128MiB"), diffLines(plan.out));

        Result apply = cli("apply", file.toString(), "--yes");
        assertEquals(0, apply.code, apply.all());
        assertEquals("128MiB", incus.instances().get(domain, domain + "-m1").config().get("limits.memory"));
        Result after = cli("plan", file.toString());
        assertEquals(0, after.code, after.all());
    }

    @Test
    @Order(3)
    void handMadeKeysAndUnmanagedInstancesAreLeftAlone() throws Exception {
        Path file = write("minimal.yml", domain, zone, 2, "128MiB");
        incus.instances().patch(domain, domain + "-m2",
                new InstancePut(Map.of("user.note", "set by hand", "limits.cpu.allowance", "50%"), null, null, null, null),
                null);
        incus.instances().create(domain, new InstanceCreate("hand-made", "container", InstanceSource.imageAlias("busybox"),
                List.of("default"), false, Map.of(), Map.of(), "", false)).await();

        Result plan = cli("plan", file.toString(), "--delete-orphans");
        assertEquals(0, plan.code, plan.all());
        Result apply = cli("apply", file.toString(), "--yes", "--delete-orphans");
        assertEquals(0, apply.code, apply.all());
        assertEquals("set by hand", incus.instances().get(domain, domain + "-m2").config().get("user.note"));
        assertEquals("hand-made", incus.instances().get(domain, "hand-made").name());
    }

    @Test
    @Order(4)
    void anOrphanIsDeletedOnlyWhenAsked() throws Exception {
        Path file = write("minimal.yml", domain, zone, 1, "128MiB");

        Result plan = cli("plan", file.toString());
        assertEquals(0, plan.code, plan.all());
        Result asked = cli("plan", file.toString(), "--delete-orphans");
        assertEquals(2, asked.code, asked.all());
        assertEquals(List.of("- delete orphan " + domain + "/" + domain + "-m2"), diffLines(asked.out));

        Result apply = cli("apply", file.toString(), "--yes", "--delete-orphans");
        assertEquals(0, apply.code, apply.all());
        assertTrue(incus.instances().list(domain, false).stream().noneMatch(i -> i.name().equals(domain + "-m2")));
        assertEquals(0, cli("plan", file.toString(), "--delete-orphans").code);
    }

    @Test
    @Order(5)
    void anApplyKilledMidwayConvergesOnTheNextApply() throws Exception {
        String killed = newDomain();
        int killedZone = PlanLab.freeZone(incus, zonesTaken);
        Path file = write("six.yml", killed, killedZone, 6, "64MiB");
        Path log = dir.resolve("killed.log");

        Process process = new ProcessBuilder(javaCommand(), "-cp", System.getProperty("java.class.path"),
                ApplyMain.class.getName(), killed, Integer.toString(killedZone), "6",
                "apply", file.toString(), "--yes", "--parallel", "2")
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        Instant deadline = Instant.now().plus(WAIT);
        List<Instance> atKill = List.of();
        while (Instant.now().isBefore(deadline) && process.isAlive()) {
            atKill = incus.instances().list(killed, false);
            if (!atKill.isEmpty()) {
                break;
            }
            Thread.sleep(20);
        }
        process.destroyForcibly(); // SIGKILL: no shutdown hooks, no finally blocks
        assertTrue(process.waitFor(30, TimeUnit.SECONDS));
        int seen = atKill.size();
        assertTrue(seen > 0 && seen < 6, "kill came at " + seen + " instances:\n" + Files.readString(log));

        Result apply = cli("apply", file.toString(), "--yes");
        assertEquals(0, apply.code, apply.all());
        Result plan = cli("plan", file.toString());
        assertEquals(0, plan.code, plan.all());
        for (int k = 1; k <= 6; k++) {
            String name = killed + "-m" + k;
            String ip = "10." + killedZone + ".0." + k;
            Instance i = incus.instances().get(killed, name);
            assertTrue(i.isRunning(), name + " is " + i.status());
            assertEquals(ip, i.devices().get("eth0").get("ipv4.address"));
            assertEquals(ip, awaitAddress(killed, name, ip));
        }
    }

    @Test
    @Order(6)
    void listShowsTheManagedInstancesWithTheirAddresses() {
        Result list = cli("list", "--json");
        assertEquals(0, list.code, list.all());
        assertTrue(list.out.contains("\"name\" : \"" + domain + "-m1\""), list.out);
        assertTrue(list.out.contains("\"ipv4\" : \"10." + zone + ".0.1\""), list.out);

        Result table = cli("list");
        assertTrue(table.out.lines().anyMatch(l -> l.matches(domain + "-m1\\s+" + domain + "\\s+Running\\s+10\\." + zone
                + "\\.0\\.1\\s+yes")), table.out);
        assertTrue(table.out.lines().anyMatch(l -> l.matches("hand-made\\s+" + domain + "\\s+Stopped\\s+-\\s+no")), table.out);
    }

    @Test
    @Order(7)
    void aRefusedActionIsReportedWithIncusErrorAndTheRestIsNotDone() throws Exception {
        String broken = newDomain();
        int brokenZone = PlanLab.freeZone(incus, zonesTaken);
        Path file = write("broken.yml", broken, brokenZone, 2, "lots");

        Result apply = cli("apply", file.toString(), "--yes", "--parallel", "1");

        assertEquals(1, apply.code, apply.all());
        assertTrue(apply.err.contains("failed: create-instance instance " + broken + "-m1: "), apply.err);
        assertTrue(apply.err.contains("Invalid value: lots"), apply.err); // Incus's own words
        assertTrue(apply.err.contains("not done: create-instance instance " + broken + "-m2"), apply.err);
        assertTrue(incus.instances().list(broken, false).isEmpty());

        Path fixed = write("broken.yml", broken, brokenZone, 2, "64MiB");
        assertEquals(0, cli("apply", fixed.toString(), "--yes").code);
        assertEquals(0, cli("plan", fixed.toString()).code);
    }

    @Test
    @Order(8)
    void aDeviceDroppedFromTheFileIsRemovedFromTheRunningInstance() throws Exception {
        String withDevice = newDomain();
        int deviceZone = PlanLab.freeZone(incus, zonesTaken);
        Path shared = Files.createDirectories(dir.resolve("shared"));
        String plain = PlanLab.yaml(withDevice, deviceZone, 1, "64MiB");
        Path file = Files.writeString(dir.resolve("device.yml"), plain.replaceFirst("        type: lxc\n",
                "        type: lxc\n        devices:\n          shared:\n            type: disk\n            source: "
                        + shared + "\n            path: /mnt/shared\n"));
        Result first = cli("apply", file.toString(), "--yes");
        assertEquals(0, first.code, first.all());
        assertTrue(incus.instances().get(withDevice, withDevice + "-m1").devices().containsKey("shared"));

        Files.writeString(file, plain);
        Result plan = cli("plan", file.toString());
        assertEquals(2, plan.code, plan.all());
        assertTrue(diffLines(plan.out).stream().anyMatch(l -> l.contains("device shared") && l.endsWith("→ (none)")),
                plan.out);
        Result apply = cli("apply", file.toString(), "--yes");
        assertEquals(0, apply.code, apply.all());

        Instance after = incus.instances().get(withDevice, withDevice + "-m1");
        assertTrue(!after.devices().containsKey("shared"), after.devices().toString());
        assertTrue(after.isRunning());
        assertEquals("64MiB", after.config().get("limits.memory"));
        assertEquals(0, cli("plan", file.toString()).code);
    }

    // ---- helpers ----

    record Result(int code, String out, String err) {
        String all() {
            return out + "\n" + err;
        }
    }

    private static String newDomain() {
        String name = PlanLab.newDomainName();
        created.add(name);
        return name;
    }

    private static InfraSource.Loaded load(Path file) {
        return DefaultInfraSource.INSTANCE.load(file);
    }

    private static Result cli(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        CliEnvironment env = new CliEnvironment(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), new BufferedReader(new StringReader("")),
                PlanApplyIT::load, PlanLab::addressing, () -> incus == null ? PlanLab.connect() : new Unclosable(incus),
                () -> false);
        int code = new Cli(env).run(List.of(args));
        if (args[0].equals("apply")) {
            created.forEach(d -> PlanLab.mark(incus, d));
        }
        return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private static List<String> diffLines(String planText) {
        return planText.lines().filter(l -> l.startsWith("+ ") || l.startsWith("~ ") || l.startsWith("- ")).toList();
    }

    private static Path write(String name, String domain, int zoneBase, int machines, String memory) throws IOException {
        Path file = Files.writeString(dir.resolve(name), PlanLab.yaml(domain, zoneBase, machines, memory));
        return file;
    }

    private static String awaitAddress(String project, String name, String expected) throws InterruptedException {
        Instant deadline = Instant.now().plus(WAIT);
        String seen = "";
        while (Instant.now().isBefore(deadline)) {
            seen = ListCommand.ipv4(incus.instances().state(project, name));
            if (expected.equals(seen)) {
                return seen;
            }
            Thread.sleep(200);
        }
        return seen;
    }

    private static String javaCommand() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
