package io.anklume.core.inventory;

import static io.anklume.core.inventory.TestInstances.instance;
import static io.anklume.core.inventory.TestInstances.lease;
import static io.anklume.core.inventory.TestInstances.managed;
import static io.anklume.core.inventory.TestInstances.nic;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.anklume.core.infra.TrustLevel;
import io.anklume.incus.model.Instance;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class InstanceMapperTest {

    private static final LeaseTable LEASES = LeaseTable.EMPTY
            .with(new LeaseTable.Pair("pro", "net-pro"), List.of(lease("pro-dev", "10.120.0.101")))
            .with(new LeaseTable.Pair("perso", "net-pro"), List.of(lease("pro-dev", "10.120.0.199")));

    /** The inventory reads its list with readsConfigKey's keys only: a row must not need any other. */
    @Test
    void aRowNeedsNoConfigKeyTheInventoryDoesNotRead() {
        Map<String, String> noise = Map.of("volatile.idmap.next", "[{}]", "image.os", "busybox", "limits.cpu", "2",
                "security.nesting", "true", "user.other", "x");
        List<Map<String, String>> configs = List.of(Map.of(), managed("work", "trusted"), managed("lab", "disposable"),
                Map.of("user.anklume.disposable", "true"), Map.of("user.anklume.disposable", "true", "user.anklume.trust", "untrusted"),
                Map.of("user.anklume.managed", "TRUE", "user.anklume.domain", "pro", "security.protection.delete", "true"),
                Map.of("user.anklume.domain", "ignored", "user.anklume.trust", "admin"));
        for (Map<String, String> config : configs) {
            Map<String, String> full = new HashMap<>(noise);
            full.putAll(config);
            Map<String, String> lean = new HashMap<>(full);
            lean.keySet().removeIf(key -> !InstanceMapper.readsConfigKey(key));
            for (String status : List.of("Running", "Stopped")) {
                Instance whole = instance("pro", "pro-dev", status, full, Map.of("eth0", nic("net-pro", null)));
                Instance read = instance("pro", "pro-dev", status, lean, Map.of("eth0", nic("net-pro", null)));
                assertEquals(InstanceMapper.toView(whole, LEASES, LiveDetails.NONE), InstanceMapper.toView(read, LEASES, LiveDetails.NONE),
                        config + " " + status);
            }
        }
        assertFalse(InstanceMapper.readsConfigKey("volatile.idmap.next"));
    }

    @Test
    void managedInstanceTakesDomainAndTrustFromItsMarkers() {
        Instance i = instance("pro", "pro-dev", "Running", managed("work", "trusted"),
                Map.of("eth0", nic("net-pro", null)));
        InstanceView v = InstanceMapper.toView(i, LEASES, LiveDetails.NONE);
        assertTrue(v.managed());
        assertEquals("work", v.domain());
        assertEquals(TrustLevel.TRUSTED, v.trust());
        assertEquals(new InstanceRef("pro", "pro-dev"), v.ref());
        assertEquals(List.of("default"), v.profiles());
        assertEquals(TestInstances.CREATED, v.createdAt());
    }

    @Test
    void untrackedInstanceUsesItsProjectAsDomainAndHasNoTrust() {
        Map<String, String> config = Map.of("user.anklume.domain", "ignored", "user.anklume.trust", "admin");
        InstanceView v = InstanceMapper.toView(instance("lab", "web", "Stopped", config), LEASES, LiveDetails.NONE);
        assertFalse(v.managed());
        assertTrue(v.untracked());
        assertEquals("lab", v.domain());
        assertNull(v.trust());
    }

    @Test
    void aDisposableShowsInItsDomainWithItsTrustNotAsUntracked() {
        Map<String, String> config = Map.of("user.anklume.disposable", "true", "user.anklume.domain", "pro",
                "user.anklume.trust", "trusted");
        InstanceView v = InstanceMapper.toView(instance("pro", "disp-1", "Running", config), LEASES, LiveDetails.NONE);
        assertFalse(v.managed());
        assertTrue(v.disposable());
        assertFalse(v.untracked());
        assertEquals("pro", v.domain());
        assertEquals(TrustLevel.TRUSTED, v.trust());

        // Launched before the trust was written on it (or outside any domain): still a disposable.
        InstanceView bare = InstanceMapper.toView(instance("default", "disp-2", "Running",
                Map.of("user.anklume.disposable", "true")), LEASES, LiveDetails.NONE);
        assertTrue(bare.disposable());
        assertEquals("default", bare.domain());
        assertEquals(TrustLevel.DISPOSABLE, bare.trust());
    }

    @Test
    void gpuProtectionAndEphemeralComeFromExpandedConfigAndDevices() {
        Map<String, Map<String, String>> devices = new HashMap<>();
        devices.put("eth0", nic("net-pro", null));
        devices.put("gpu0", Map.of("type", "gpu", "gputype", "physical"));
        Instance i = instance("pro", "ai", "Stopped",
                Map.of("security.protection.delete", "true", "user.anklume.managed", "true"), devices);
        InstanceView v = InstanceMapper.toView(i, LEASES, LiveDetails.NONE);
        assertTrue(v.gpu());
        assertTrue(v.protectedFromDelete());
        assertNull(v.trust(), "a managed instance without a trust marker has no trust");

        InstanceView plain = InstanceMapper.toView(instance("pro", "b", "Stopped", Map.of()), LEASES, LiveDetails.NONE);
        assertFalse(plain.gpu());
        assertFalse(plain.protectedFromDelete());
    }

    @Test
    void runningInstanceShowsTheLeaseOfItsOwnProject() {
        Instance i = instance("pro", "pro-dev", "Running", Map.of(), Map.of("eth0", nic("net-pro", null)));
        assertEquals("10.120.0.101", InstanceMapper.toView(i, LEASES, LiveDetails.NONE).ipv4());
        Instance other = instance("perso", "pro-dev", "Running", Map.of(), Map.of("eth0", nic("net-pro", null)));
        assertEquals("10.120.0.199", InstanceMapper.toView(other, LEASES, LiveDetails.NONE).ipv4());
    }

    @Test
    void withoutLeaseTheStaticAddressIsShownAndAStoppedInstanceShowsNoStaleLease() {
        Instance staticIp = instance("pro", "db", "Running", Map.of(), Map.of("eth0", nic("net-pro", "10.120.0.5")));
        assertEquals("10.120.0.5", InstanceMapper.toView(staticIp, LEASES, LiveDetails.NONE).ipv4());
        Instance stopped = instance("pro", "pro-dev", "Stopped", Map.of(), Map.of("eth0", nic("net-pro", null)));
        assertNull(InstanceMapper.toView(stopped, LEASES, LiveDetails.NONE).ipv4());
    }

    @Test
    void liveFiguresAreShownWhileRunningAndZeroWhenStopped() {
        LiveDetails d = new LiveDetails(12.5, 1024L, 3);
        InstanceView running = InstanceMapper.toView(instance("p", "a", "Running", Map.of()), LEASES, d);
        assertEquals(12.5, running.cpuSeconds());
        assertEquals(1024L, running.memoryBytes());
        assertEquals(3, running.snapshotCount());
        InstanceView stopped = InstanceMapper.toView(instance("p", "a", "Stopped", Map.of()), LEASES, d);
        assertEquals(0L, stopped.memoryBytes());
        assertEquals(3, stopped.snapshotCount());
    }
}
