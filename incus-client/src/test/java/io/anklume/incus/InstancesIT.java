package io.anklume.incus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.anklume.incus.lab.IncusLab;
import io.anklume.incus.model.Instance;
import io.anklume.incus.model.InstanceCreate;
import io.anklume.incus.model.InstancePut;
import io.anklume.incus.model.InstanceSource;
import io.anklume.incus.model.InstanceState;
import io.anklume.incus.model.StateAction;
import io.anklume.incus.model.Tagged;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class InstancesIT {
    static IncusLab lab;
    static IncusClient c;

    @BeforeAll
    static void up() {
        lab = IncusLab.create();
        c = lab.client();
    }

    @AfterAll
    static void down() {
        lab.close();
    }

    private static Instance get(String name) {
        return c.instances().get(lab.project(), name);
    }

    @Test
    void createStartStopDeleteRoundTrip() {
        String name = lab.name("rt");
        InstanceCreate create = new InstanceCreate(name, "container", InstanceSource.imageAlias(IncusLab.IMAGE),
                List.of("default"), false, Map.of("limits.memory", "64MiB", "user.note", "round trip"), Map.of(),
                "round trip", false);
        c.instances().create(lab.project(), create).await();
        Instance created = get(name);
        assertEquals("Stopped", created.status());
        assertEquals("64MiB", created.config().get("limits.memory"));
        assertEquals(lab.project(), created.project());

        c.instances().changeState(lab.project(), name, StateAction.of(StateAction.Kind.START)).await();
        assertEquals("Running", get(name).status());
        String ip = lab.waitForIpv4(name, Duration.ofSeconds(20));
        InstanceState state = c.instances().state(lab.project(), name);
        assertTrue(state.pid() > 0);
        assertEquals(ip, state.network().get("eth0").addresses().stream()
                .filter(a -> a.family().equals("inet")).findFirst().orElseThrow().address());
        assertNotNull(state.startedAt());

        c.instances().changeState(lab.project(), name, new StateAction(StateAction.Kind.STOP, 30, false, false)).await();
        Instance stopped = get(name);
        assertEquals("Stopped", stopped.status());
        assertNull(c.instances().state(lab.project(), name).network());

        c.instances().delete(lab.project(), name).await();
        assertTrue(c.instances().list(lab.project(), false).stream().noneMatch(i -> i.name().equals(name)));
    }

    @Test
    void allProjectsListingShowsStatusWithoutState() {
        String name = lab.name("ls");
        c.instances().create(lab.project(), lab.busybox(name, false)).await();
        Instance listed = c.instances().listAllProjects(false).stream()
                .filter(i -> i.name().equals(name) && lab.project().equals(i.project())).findFirst().orElseThrow();
        assertEquals("Stopped", listed.status());
        assertEquals(102, listed.statusCode());
        assertNull(listed.state());
        assertEquals(lab.bridge(), listed.expandedDevices().get("eth0").get("network"));
        Instance withState = c.instances().listAllProjects(true).stream()
                .filter(i -> i.name().equals(name)).findFirst().orElseThrow();
        assertNotNull(withState.state());
        IncusLab.forceDelete(c, lab.project(), name);
    }

    @Test
    void aListReadForSomeConfigKeysKeepsThoseAndHandsOverEachInstanceOnTheRealDaemon() {
        String name = lab.name("lean");
        lab.instance(name, Map.of("user.keep.me", "yes", "limits.cpu", "1"), false);
        Instance full = c.instances().listAllProjects(false).stream()
                .filter(i -> i.name().equals(name) && lab.project().equals(i.project())).findFirst().orElseThrow();
        List<Instance> handed = new java.util.ArrayList<>();
        List<Instance> lean = c.instances().listAllProjects(key -> key.startsWith("user."), handed::add);

        assertEquals(lean, handed, "each instance handed over, in order");
        Instance read = lean.stream().filter(i -> i.name().equals(name) && lab.project().equals(i.project()))
                .findFirst().orElseThrow();
        assertEquals(Map.of("user.keep.me", "yes"), read.config());
        assertEquals(Map.of("user.keep.me", "yes"), read.expandedConfig());
        assertTrue(full.expandedConfig().containsKey("volatile.uuid") && full.config().containsKey("limits.cpu"),
                "the full read has the keys the lean one leaves out: " + full.config());
        assertEquals(full.status(), read.status());
        assertEquals(full.expandedDevices(), read.expandedDevices());
        assertEquals(full.createdAt(), read.createdAt());
        IncusLab.forceDelete(c, lab.project(), name);
    }

    @Test
    void missingInstanceGivesNotFoundWithIncusMessage() {
        IncusException e = assertThrows(IncusException.class, () -> c.instances().get(lab.project(), "nope"));
        assertEquals(404, e.status());
        assertTrue(e.isNotFound());
        assertTrue(e.getMessage().contains("Instance not found"), e.getMessage());
        assertTrue(e.getMessage().contains("/1.0/instances/nope"), e.getMessage());
    }

    @Test
    void staleEtagIsRefusedAndNothingIsOverwritten() {
        String name = lab.name("etag");
        c.instances().create(lab.project(), lab.busybox(name, false)).await();
        Tagged<Instance> first = c.instances().getTagged(lab.project(), name);
        assertNotNull(first.etag());
        c.instances().patch(lab.project(), name, new InstancePut(Map.of("user.owner", "alice"), null, null, null, null),
                first.etag());
        IncusException e = assertThrows(IncusException.class, () -> c.instances().patch(lab.project(), name,
                new InstancePut(Map.of("user.owner", "bob"), null, null, null, null), first.etag()));
        assertEquals(412, e.status());
        assertEquals("alice", get(name).config().get("user.owner"));
        IncusLab.forceDelete(c, lab.project(), name);
    }

    @Test
    void patchMergesAndRemovesKeysPutReplaces() {
        String name = lab.name("pp");
        c.instances().create(lab.project(), lab.busybox(name, false)).await();
        c.instances().patch(lab.project(), name, new InstancePut(Map.of("user.a", "1", "user.b", "2"), null, null, null, null), null);
        c.instances().patch(lab.project(), name, new InstancePut(Map.of("user.a", ""), null, null, null, null), null);
        Instance patched = get(name);
        assertFalse(patched.config().containsKey("user.a"));
        assertEquals("2", patched.config().get("user.b"));

        Tagged<Instance> tagged = c.instances().getTagged(lab.project(), name);
        Map<String, String> config = new HashMap<>(tagged.value().config());
        config.remove("user.b");
        config.put("user.c", "3");
        Map<String, Map<String, String>> devices = new HashMap<>(tagged.value().devices());
        devices.put("tmp", Map.of("type", "disk", "source", "/tmp", "path", "/mnt/tmp"));
        c.instances().put(lab.project(), name, new InstancePut(config, devices, tagged.value().profiles(),
                "replaced", false), tagged.etag()).await();
        Instance put = get(name);
        assertFalse(put.config().containsKey("user.b"));
        assertEquals("3", put.config().get("user.c"));
        assertEquals("/mnt/tmp", put.devices().get("tmp").get("path"));
        assertEquals("replaced", put.description());
        IncusLab.forceDelete(c, lab.project(), name);
    }

    @Test
    void renameWorksOnStoppedInstances() {
        String name = lab.name("rn");
        String renamed = name + "x";
        c.instances().create(lab.project(), lab.busybox(name, false)).await();
        c.instances().rename(lab.project(), name, renamed).await();
        assertEquals(renamed, get(renamed).name());
        assertThrows(IncusException.class, () -> get(name));
        IncusLab.forceDelete(c, lab.project(), renamed);
    }

    @Test
    void freezeUnfreezeAndRestart() {
        String name = lab.name("fz");
        c.instances().create(lab.project(), lab.busybox(name, true)).await();
        c.instances().changeState(lab.project(), name, StateAction.of(StateAction.Kind.FREEZE)).await();
        assertEquals("Frozen", get(name).status());
        c.instances().changeState(lab.project(), name, StateAction.of(StateAction.Kind.UNFREEZE)).await();
        assertEquals("Running", get(name).status());
        long pid = c.instances().state(lab.project(), name).pid();
        c.instances().changeState(lab.project(), name, new StateAction(StateAction.Kind.RESTART, 0, true, false)).await();
        assertEquals("Running", get(name).status());
        assertNotEquals(pid, c.instances().state(lab.project(), name).pid());
        IncusLab.forceDelete(c, lab.project(), name);
    }

    @Test
    void runningInstanceCannotBeDeletedAndStoppingTwiceFailsInTheOperation() {
        String name = lab.name("rd");
        c.instances().create(lab.project(), lab.busybox(name, true)).await();
        IncusException running = assertThrows(IncusException.class, () -> c.instances().delete(lab.project(), name).await());
        assertTrue(running.getMessage().contains("running"), running.getMessage());
        c.instances().changeState(lab.project(), name, new StateAction(StateAction.Kind.STOP, 0, true, false)).await();
        IncusException again = assertThrows(IncusException.class, () -> c.instances().changeState(lab.project(), name,
                new StateAction(StateAction.Kind.STOP, 0, true, false)).await());
        assertTrue(again.getMessage().contains("already stopped"), again.getMessage());
        IncusLab.forceDelete(c, lab.project(), name);
    }

    @Test
    void ephemeralInstanceIsGoneAfterStop() {
        String name = lab.name("eph");
        InstanceCreate create = new InstanceCreate(name, "container", InstanceSource.imageAlias(IncusLab.IMAGE),
                List.of("default"), true, Map.of(), Map.of(), "", true);
        c.instances().create(lab.project(), create).await();
        assertTrue(get(name).ephemeral());
        c.instances().changeState(lab.project(), name, new StateAction(StateAction.Kind.STOP, 0, true, false)).await();
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < deadline && c.instances().list(lab.project(), false).stream().anyMatch(i -> i.name().equals(name))) {
            IncusLab.sleep(100);
        }
        IncusException e = assertThrows(IncusException.class, () -> get(name));
        assertEquals(404, e.status());
    }

    @Test
    void createFromFingerprintWithDevicesAndProtection() {
        String name = lab.name("fp");
        String fingerprint = c.images().findAlias(null, IncusLab.IMAGE).orElseThrow().target();
        InstanceCreate create = new InstanceCreate(name, "container", InstanceSource.imageFingerprint(fingerprint),
                List.of("default"), false, Map.of("security.protection.delete", "true"),
                Map.of("data", Map.of("type", "disk", "source", "/tmp", "path", "/mnt/host", "readonly", "true")), "", false);
        c.instances().create(lab.project(), create).await();
        assertEquals("/mnt/host", get(name).devices().get("data").get("path"));
        IncusException e = assertThrows(IncusException.class, () -> c.instances().delete(lab.project(), name).await());
        assertTrue(e.getMessage().toLowerCase().contains("protect"), e.getMessage());
        IncusLab.forceDelete(c, lab.project(), name);
    }
}
