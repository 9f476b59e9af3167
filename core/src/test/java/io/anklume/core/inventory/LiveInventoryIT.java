package io.anklume.core.inventory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.anklume.incus.lab.IncusLab;
import io.anklume.core.lifecycle.IncusLifecycle;
import io.anklume.core.snapshot.IncusSnapshots;
import io.anklume.incus.IncusClient;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** LiveInventory against the real daemon, in a project and bridge of its own. */
class LiveInventoryIT {
    private static IncusClient client;
    private static IncusLab lab;

    @BeforeAll
    static void lab() {
        client = IncusLab.connect();
        lab = IncusLab.create(client);
    }

    @AfterAll
    static void cleanUp() {
        if (lab != null) {
            lab.close();
        }
        if (client != null) {
            client.close();
        }
    }

    private static LiveInventory inventory(Duration fullRefresh) throws InterruptedException {
        LiveInventory inventory = new LiveInventory(client, Clock.systemUTC(),
                InventorySettings.defaults().withFullRefresh(fullRefresh)).start();
        assertTrue(inventory.awaitLoaded(Duration.ofSeconds(20)), "first load");
        return inventory;
    }

    private static Optional<InstanceView> find(InventorySnapshot s, InstanceRef ref) {
        return s.instances().stream().filter(v -> v.ref().equals(ref)).findFirst();
    }

    private static InstanceView await(Inventory inventory, InstanceRef ref, Predicate<InstanceView> condition,
                                      Duration timeout) throws InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < end) {
            Optional<InstanceView> v = find(inventory.current(), ref);
            if (v.isPresent() && condition.test(v.get())) {
                return v.get();
            }
            Thread.sleep(20);
        }
        throw new AssertionError(ref + " never matched; now: " + find(inventory.current(), ref));
    }

    @Test
    void seesAContainerOfAFreshProjectWithItsLeasedAddress() throws Exception {
        lab.instance("web", Map.of(), true);
        InstanceRef ref = new InstanceRef(lab.project(), "web");
        try (LiveInventory inventory = inventory(Duration.ofSeconds(2))) {
            InstanceView v = await(inventory, ref, x -> x.ipv4() != null, Duration.ofSeconds(30));
            assertTrue(v.ipv4().startsWith((lab.subnetPrefix() + ".")), v.ipv4() + " on " + (lab.subnetPrefix() + ".") + "0/24");
            assertTrue(v.isRunning());
            assertFalse(v.managed());
            assertEquals(lab.project(), v.domain());
            assertNull(v.trust());
            assertEquals("container", v.type());
            assertTrue(inventory.current().connected());
        }
    }

    @Test
    void lifecycleChangeReachesAListenerThroughEvents() throws Exception {
        lab.instance("life", Map.of(), true);
        InstanceRef ref = new InstanceRef(lab.project(), "life");
        IncusLifecycle lifecycle = new IncusLifecycle(client, false);
        // A full reload only every 10 minutes: what arrives comes from the events.
        try (LiveInventory inventory = inventory(Duration.ofMinutes(10))) {
            await(inventory, ref, InstanceView::isRunning, Duration.ofSeconds(10));
            List<Long> stoppedSeenAt = new CopyOnWriteArrayList<>();
            inventory.addListener(s -> find(s, ref).filter(v -> "Stopped".equals(v.status()))
                    .ifPresent(v -> stoppedSeenAt.add(System.nanoTime())));

            lifecycle.stop(ref, true);
            long stopped = System.nanoTime();
            long deadline = stopped + Duration.ofSeconds(2).toNanos();
            while (stoppedSeenAt.isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            assertFalse(stoppedSeenAt.isEmpty(), "no listener snapshot showed the stop within 2 s");
            long latencyMillis = Math.max(0, (stoppedSeenAt.get(0) - stopped) / 1_000_000);
            System.out.println("[LiveInventoryIT] stop reached the listener " + latencyMillis
                    + " ms after the operation returned");

            lifecycle.start(ref);
            await(inventory, ref, InstanceView::isRunning, Duration.ofSeconds(2));
        }
    }

    @Test
    void snapshotOfARunningContainerCountsAndNeverShowsItFrozen() throws Exception {
        lab.instance("snappy", Map.of(), true);
        InstanceRef ref = new InstanceRef(lab.project(), "snappy");
        try (LiveInventory inventory = inventory(Duration.ofMinutes(10))) {
            await(inventory, ref, InstanceView::isRunning, Duration.ofSeconds(10));
            inventory.requestDetails(List.of(ref));
            await(inventory, ref, v -> Integer.valueOf(0).equals(v.snapshotCount()), Duration.ofSeconds(5));
            List<String> statuses = new CopyOnWriteArrayList<>();
            inventory.addListener(s -> find(s, ref).ifPresent(v -> statuses.add(v.status())));

            new IncusSnapshots(client, Clock.systemUTC(), false).create(ref, "s1");
            InstanceView after = await(inventory, ref, v -> Integer.valueOf(1).equals(v.snapshotCount()),
                    Duration.ofSeconds(5));
            Thread.sleep(1500); // past the pause grace: a wrong "Frozen" would have shown by now
            assertEquals("Running", after.status());
            assertFalse(statuses.contains("Frozen"), "statuses seen: " + statuses);
            assertEquals("Running", find(inventory.current(), ref).orElseThrow().status());
        }
    }
}
