package io.anklume.core.inventory;

import static io.anklume.core.inventory.TestInstances.instance;
import static io.anklume.core.inventory.TestInstances.instanceEvent;
import static io.anklume.core.inventory.TestInstances.lease;
import static io.anklume.core.inventory.TestInstances.managed;
import static io.anklume.core.inventory.TestInstances.nic;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.atLeast;
import static org.mockito.Mockito.doReturn;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import io.anklume.incus.EventsApi;
import io.anklume.incus.IncusClient;
import io.anklume.incus.IncusException;
import io.anklume.incus.InstancesApi;
import io.anklume.incus.NetworksApi;
import io.anklume.incus.SnapshotsApi;
import io.anklume.incus.events.EventListener;
import io.anklume.incus.events.EventSubscription;
import io.anklume.incus.model.Instance;
import io.anklume.incus.model.Snapshot;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class LiveInventoryTest {
    private static final Duration WAIT = Duration.ofSeconds(5);
    private static final InstanceRef WEB = new InstanceRef("lab", "web");

    private final IncusClient client = mock(IncusClient.class);
    private final InstancesApi instances = mock(InstancesApi.class);
    private final NetworksApi networks = mock(NetworksApi.class);
    private final SnapshotsApi snapshots = mock(SnapshotsApi.class);
    private final EventsApi events = mock(EventsApi.class);
    private final AtomicReference<EventListener> stream = new AtomicReference<>();
    private final List<InventorySnapshot> seen = new CopyOnWriteArrayList<>();
    private final ScheduledExecutorService executor = Executors.newScheduledThreadPool(2);
    private LiveInventory inventory;

    @BeforeEach
    void wire() {
        when(client.instances()).thenReturn(instances);
        when(client.networks()).thenReturn(networks);
        when(client.snapshots()).thenReturn(snapshots);
        when(client.events()).thenReturn(events);
        // The streamed list hands each instance over as the list(false) stubbed by each test returns it.
        when(instances.listAllProjects(any(), any())).thenCallRealMethod();
        when(events.subscribe(any(), any())).thenAnswer(inv -> {
            stream.set(inv.getArgument(1));
            return mock(EventSubscription.class);
        });
    }

    @AfterEach
    void stop() {
        if (inventory != null) {
            inventory.close();
        }
        executor.shutdownNow();
    }

    private void start(Duration fullRefresh) throws InterruptedException {
        start(fullRefresh, Duration.ofMillis(10));
    }

    private void start(Duration fullRefresh, Duration coalesce) throws InterruptedException {
        InventorySettings s = new InventorySettings(fullRefresh, Duration.ofMillis(200), coalesce,
                Duration.ofMillis(300), Duration.ofSeconds(30), List.of(Duration.ofMillis(50), Duration.ofMillis(150)));
        inventory = new LiveInventory(client, Clock.fixed(Instant.parse("2026-11-24T12:00:00Z"), ZoneOffset.UTC), s,
                executor);
        inventory.addListener(seen::add);
        inventory.start();
        assertTrue(inventory.awaitLoaded(WAIT));
    }

    private InventorySnapshot awaitSnapshot(Predicate<InventorySnapshot> condition) throws InterruptedException {
        long end = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < end) {
            for (InventorySnapshot s : seen) {
                if (condition.test(s)) {
                    return s;
                }
            }
            Thread.sleep(5);
        }
        throw new AssertionError("no snapshot matched; last: " + (seen.isEmpty() ? "none" : seen.get(seen.size() - 1)));
    }

    private static InstanceView view(InventorySnapshot s, InstanceRef ref) {
        return s.instances().stream().filter(v -> v.ref().equals(ref)).findFirst().orElse(null);
    }

    private static Predicate<InventorySnapshot> status(InstanceRef ref, String status) {
        return s -> view(s, ref) != null && status.equals(view(s, ref).status());
    }

    @Test
    void initialLoadReadsLeasesOncePerProjectBridgePairNotPerInstance() throws Exception {
        when(instances.listAllProjects(false)).thenReturn(List.of(
                instance("lab", "web", "Running", managed("lab", "untrusted")),
                instance("lab", "db", "Running", Map.of()),
                instance("lab", "cache", "Stopped", Map.of()),
                instance("other", "web", "Running", Map.of(), Map.of("eth0", nic("net-other", null)))));
        when(networks.leases("lab", "anklumebr0")).thenReturn(List.of(lease("web", "10.231.0.10"), lease("db", "10.231.0.11")));
        when(networks.leases("other", "net-other")).thenReturn(List.of(lease("web", "10.77.0.10")));
        start(Duration.ofMinutes(1));

        InventorySnapshot s = awaitSnapshot(x -> x.instances().size() == 4);
        assertTrue(s.connected());
        assertNull(s.problem());
        assertEquals("10.231.0.10", view(s, WEB).ipv4());
        assertEquals("10.231.0.11", view(s, new InstanceRef("lab", "db")).ipv4());
        assertEquals("10.77.0.10", view(s, new InstanceRef("other", "web")).ipv4());
        verify(networks, times(1)).leases("lab", "anklumebr0");
        verify(networks, times(1)).leases("other", "net-other");
        verify(instances, never()).get(anyString(), anyString());
        verify(instances, never()).listAllProjects(true);
    }

    @Test
    void aFullReloadCostsTheSameNumberOfRequestsForTwoHundredInstances() throws Exception {
        List<Instance> many = new java.util.ArrayList<>();
        for (int n = 0; n < 200; n++) {
            many.add(n % 2 == 0 ? instance("lab", "c" + n, "Running", Map.of())
                    : instance("pro", "c" + n, "Running", Map.of(), Map.of("eth0", nic("net-pro", null))));
        }
        when(instances.listAllProjects(false)).thenReturn(many);
        when(networks.leases(anyString(), anyString())).thenReturn(List.of());
        start(Duration.ofMinutes(1));
        awaitSnapshot(s -> s.instances().size() == 200);
        verify(instances, times(1)).listAllProjects(false); // through the streamed form:
        verify(instances, times(1)).listAllProjects(any(), any());
        verify(networks, times(2)).leases(anyString(), anyString());
        org.mockito.Mockito.verifyNoMoreInteractions(instances, networks, snapshots);
    }

    @Test
    void aReloadReadsTheLastLoadsLeasesWhileIncusBuildsTheList() throws Exception {
        java.util.concurrent.CountDownLatch leaseAsked = new java.util.concurrent.CountDownLatch(2);
        java.util.concurrent.atomic.AtomicBoolean askedBeforeTheList = new java.util.concurrent.atomic.AtomicBoolean();
        java.util.concurrent.atomic.AtomicInteger lists = new java.util.concurrent.atomic.AtomicInteger();
        when(networks.leases("lab", "anklumebr0")).thenAnswer(inv -> {
            leaseAsked.countDown();
            return List.of(lease("web", "10.231.0.10"));
        });
        when(instances.listAllProjects(false)).thenAnswer(inv -> {
            if (lists.incrementAndGet() == 2) { // the reload: its lease read must already be under way
                askedBeforeTheList.set(leaseAsked.await(2, java.util.concurrent.TimeUnit.SECONDS));
            }
            return List.of(instance("lab", "web", "Running", Map.of()));
        });
        start(Duration.ofMinutes(1));
        awaitSnapshot(x -> x.connected() && x.instances().size() == 1); // the first load is over

        InventorySnapshot s = inventory.reloadNow();

        assertEquals(2, lists.get(), "the reload did not list");
        assertTrue(askedBeforeTheList.get(), "the reload read the leases only after the list");
        assertEquals("10.231.0.10", view(s, WEB).ipv4());
        verify(networks, times(2)).leases("lab", "anklumebr0");
    }

    @Test
    void theFirstLoadReadsABridgesLeasesAsSoonAsItsFirstInstanceIsReadNotAfterTheList() throws Exception {
        java.util.concurrent.CountDownLatch leaseAsked = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.atomic.AtomicBoolean askedWhileListing = new java.util.concurrent.atomic.AtomicBoolean();
        when(networks.leases("lab", "anklumebr0")).thenAnswer(inv -> {
            leaseAsked.countDown();
            return List.of(lease("web", "10.231.0.10"));
        });
        Instance web = instance("lab", "web", "Running", Map.of());
        Instance db = instance("lab", "db", "Running", Map.of());
        // doAnswer: when(...) would call the real method set up in wire() while stubbing.
        org.mockito.Mockito.doAnswer(inv -> {
            java.util.function.Predicate<String> configKeys = inv.getArgument(0);
            assertTrue(configKeys.test("user.anklume.domain") && !configKeys.test("volatile.idmap.next"),
                    "the list is read for the keys a row is made from");
            java.util.function.Consumer<Instance> eachRead = inv.getArgument(1);
            eachRead.accept(web);
            // The rest of the list is still on its way: the bridge's leases must be asked for by now.
            askedWhileListing.set(leaseAsked.await(2, java.util.concurrent.TimeUnit.SECONDS));
            eachRead.accept(db);
            return List.of(web, db);
        }).when(instances).listAllProjects(any(), any());

        start(Duration.ofMinutes(1));

        assertTrue(askedWhileListing.get(), "the first load read the leases only after the whole list");
        assertEquals("10.231.0.10", view(inventory.current(), WEB).ipv4());
        verify(networks, times(1)).leases("lab", "anklumebr0");
    }

    @Test
    void theFirstLoadIsPublishedAtOnceNotAfterTheCoalescingDelay() throws Exception {
        when(instances.listAllProjects(false)).thenReturn(List.of(instance("lab", "web", "Running", Map.of())));
        when(networks.leases(anyString(), anyString())).thenReturn(List.of());
        start(Duration.ofMinutes(1), Duration.ofSeconds(30));
        long end = System.nanoTime() + Duration.ofSeconds(2).toNanos();
        while (seen.stream().noneMatch(x -> x.connected() && x.instances().size() == 1) && System.nanoTime() < end) {
            Thread.sleep(5);
        }
        assertTrue(seen.stream().anyMatch(x -> x.connected() && x.instances().size() == 1),
                "the loaded list waited for the coalescing delay: " + seen);
    }

    @Test
    void theFirstListRequestDoesNotWaitForTheEventSubscription() throws Exception {
        when(instances.listAllProjects(false)).thenReturn(List.of(instance("lab", "web", "Running", Map.of())));
        java.util.concurrent.CountDownLatch subscribing = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        when(events.subscribe(any(), any())).thenAnswer(inv -> {
            stream.set(inv.getArgument(1));
            subscribing.countDown();
            release.await(); // a subscription that takes its time (classes to load, a handshake)
            return mock(EventSubscription.class);
        });
        inventory = new LiveInventory(client, Clock.systemUTC(), InventorySettings.defaults(), executor);
        Thread starter = new Thread(inventory::start);
        starter.start();
        try {
            assertTrue(subscribing.await(WAIT.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS));
            assertTrue(inventory.awaitLoaded(WAIT), "the list was loaded while the subscription was still being made");
        } finally {
            release.countDown();
            starter.join();
        }
    }

    @Test
    void lifecycleEventUpdatesOnlyThatInstance() throws Exception {
        when(instances.listAllProjects(false)).thenReturn(List.of(
                instance("lab", "web", "Running", Map.of()), instance("lab", "db", "Running", Map.of())));
        when(instances.get("lab", "web")).thenReturn(instance("lab", "web", "Stopped", Map.of()));
        start(Duration.ofMinutes(1));
        awaitSnapshot(status(WEB, "Running"));

        stream.get().onEvent(instanceEvent("lab", "instance-shutdown", "web"));
        InventorySnapshot s = awaitSnapshot(status(WEB, "Stopped"));
        assertEquals("Running", view(s, new InstanceRef("lab", "db")).status());
        verify(instances, times(1)).listAllProjects(false);
        verify(instances, never()).get("lab", "db");
    }

    @Test
    void anEventReadAlsoRefreshesTheFiguresItCarries() throws Exception {
        when(instances.listAllProjects(false)).thenReturn(List.of(instance("lab", "web", "Stopped", Map.of())));
        when(instances.get("lab", "web")).thenReturn(TestInstances.withState(instance("lab", "web", "Running", Map.of()),
                TestInstances.state("Running", 1_000_000_000L, 2048)));
        start(Duration.ofMinutes(1));
        stream.get().onEvent(instanceEvent("lab", "instance-started", "web"));
        InventorySnapshot s = awaitSnapshot(x -> view(x, WEB).memoryBytes() != null);
        assertEquals(2048L, view(s, WEB).memoryBytes());
        assertEquals(0, view(s, WEB).snapshotCount(), "a single GET sends null snapshots when there are none");
    }

    @Test
    void burstOfEventsForOneInstanceIsReadOnce() throws Exception {
        when(instances.listAllProjects(false)).thenReturn(List.of(instance("lab", "web", "Stopped", Map.of())));
        when(instances.get("lab", "web")).thenReturn(instance("lab", "web", "Running", Map.of()));
        start(Duration.ofMinutes(1), Duration.ofMillis(100)); // a window no busy machine can miss
        for (int n = 0; n < 5; n++) {
            stream.get().onEvent(instanceEvent("lab", "instance-updated", "web"));
        }
        awaitSnapshot(status(WEB, "Running"));
        Thread.sleep(300);
        verify(instances, times(1)).get("lab", "web");
    }

    @Test
    void createdAndDeletedInstancesAppearAndVanish() throws Exception {
        when(instances.listAllProjects(false)).thenReturn(List.of());
        when(instances.get("lab", "web")).thenReturn(instance("lab", "web", "Stopped", Map.of()));
        start(Duration.ofMinutes(1));
        stream.get().onEvent(instanceEvent("lab", "instance-created", "web"));
        awaitSnapshot(status(WEB, "Stopped"));
        seen.clear();
        stream.get().onEvent(instanceEvent("lab", "instance-deleted", "web"));
        awaitSnapshot(s -> s.instances().isEmpty());
        verify(instances, times(1)).get("lab", "web");
    }

    @Test
    void snapshotPauseAndResumeDoNotShowAsAStatusChange() throws Exception {
        when(instances.listAllProjects(false)).thenReturn(List.of(instance("lab", "web", "Running", Map.of())));
        when(instances.get("lab", "web")).thenReturn(instance("lab", "web", "Running", Map.of()));
        start(Duration.ofMinutes(1));
        stream.get().onEvent(instanceEvent("lab", "instance-paused", "web"));
        stream.get().onEvent(instanceEvent("lab", "instance-resumed", "web"));
        Thread.sleep(500); // longer than the pause grace: the paused re-read must have been cancelled
        assertTrue(seen.stream().allMatch(status(WEB, "Running")), "never shown as frozen: " + seen);
        verify(instances, times(1)).get("lab", "web");
    }

    @Test
    void frozenReadDuringASnapshotOperationIsShownAsRunning() throws Exception {
        when(instances.listAllProjects(false)).thenReturn(List.of(instance("lab", "web", "Running", Map.of())));
        when(instances.get("lab", "web")).thenReturn(instance("lab", "web", "Frozen", Map.of()));
        start(Duration.ofMinutes(1));
        stream.get().onEvent(TestInstances.snapshotOperation("lab", "web", "Running", 103));
        stream.get().onEvent(instanceEvent("lab", "instance-updated", "web"));
        Thread.sleep(100);
        verify(instances, times(1)).get("lab", "web");
        assertEquals("Running", view(inventory.current(), WEB).status());
    }

    @Test
    void aRealFreezeShowsAfterTheGrace() throws Exception {
        when(instances.listAllProjects(false)).thenReturn(List.of(instance("lab", "web", "Running", Map.of())));
        when(instances.get("lab", "web")).thenReturn(instance("lab", "web", "Frozen", Map.of()));
        start(Duration.ofMinutes(1));
        stream.get().onEvent(instanceEvent("lab", "instance-paused", "web"));
        awaitSnapshot(status(WEB, "Frozen"));
    }

    @Test
    void detailsAreFetchedOnRequestAndSnapshotEventsAdjustTheCount() throws Exception {
        when(instances.listAllProjects(false)).thenReturn(List.of(instance("lab", "web", "Running", Map.of())));
        when(instances.state("lab", "web")).thenReturn(TestInstances.state("Running", 2_500_000_000L, 4096));
        Snapshot snap = new Snapshot("s0", Instant.EPOCH, null, false, -1);
        when(snapshots.list("lab", "web")).thenReturn(List.of(snap, snap));
        start(Duration.ofMinutes(1));
        assertNull(view(inventory.current(), WEB).snapshotCount());

        inventory.requestDetails(List.of(WEB));
        InventorySnapshot s = awaitSnapshot(x -> view(x, WEB).snapshotCount() != null);
        assertEquals(2, view(s, WEB).snapshotCount());
        assertEquals(2.5, view(s, WEB).cpuSeconds());
        assertEquals(4096L, view(s, WEB).memoryBytes());

        inventory.requestDetails(List.of(WEB)); // still fresh: no new request
        stream.get().onEvent(TestInstances.lifecycle("lab", "instance-snapshot-created", null,
                "/1.0/instances/web/snapshots/s2?project=lab"));
        awaitSnapshot(x -> Integer.valueOf(3).equals(view(x, WEB).snapshotCount()));
        verify(instances, times(1)).state("lab", "web");
    }

    @Test
    void unreachableIncusIsReportedAndRecovered() throws Exception {
        when(instances.listAllProjects(false)).thenReturn(List.of(instance("lab", "web", "Running", Map.of())));
        start(Duration.ofMillis(50));
        doThrow(new IncusException(0, "connection refused", "GET /1.0/instances")).when(instances).listAllProjects(false);
        InventorySnapshot down = awaitSnapshot(s -> !s.connected());
        assertEquals("disconnected from Incus (connection refused): retrying", down.problem());
        assertFalse(inventory.current().connected());
        assertEquals(1, down.instances().size(), "the last known instances stay on screen");

        doReturn(List.of(instance("lab", "web", "Running", Map.of()))).when(instances).listAllProjects(false);
        seen.clear();
        awaitSnapshot(InventorySnapshot::connected);
        assertNull(inventory.current().problem());
    }

    @Test
    void lostEventStreamIsReportedAndAReconnectReloads() throws Exception {
        when(instances.listAllProjects(false)).thenReturn(List.of(instance("lab", "web", "Running", Map.of())));
        start(Duration.ofMinutes(1));
        stream.get().onConnectionChange(false, "websocket closed");
        InventorySnapshot down = awaitSnapshot(s -> !s.connected());
        assertEquals("disconnected from Incus (websocket closed): retrying", down.problem());

        when(instances.listAllProjects(false)).thenReturn(List.of(instance("lab", "web", "Stopped", Map.of())));
        stream.get().onConnectionChange(true, null);
        InventorySnapshot up = awaitSnapshot(s -> s.connected() && status(WEB, "Stopped").test(s));
        assertNull(up.problem());
    }

    @Test
    void leasesAreReReadAfterAStartUntilTheAddressShows() throws Exception {
        when(instances.listAllProjects(false)).thenReturn(List.of(instance("lab", "web", "Stopped", Map.of())));
        when(networks.leases("lab", "anklumebr0")).thenReturn(List.of())
                .thenReturn(List.of()).thenReturn(List.of(lease("web", "10.231.0.42")));
        when(instances.get("lab", "web")).thenReturn(instance("lab", "web", "Running", Map.of()));
        start(Duration.ofMinutes(1));
        stream.get().onEvent(instanceEvent("lab", "instance-started", "web"));
        awaitSnapshot(s -> "10.231.0.42".equals(view(s, WEB).ipv4()));
        verify(instances, times(1)).listAllProjects(false);
        verify(networks, atLeast(3)).leases("lab", "anklumebr0");
    }

    @Test
    void listenersAreNotCalledOnTheEventThread() throws Exception {
        when(instances.listAllProjects(false)).thenReturn(List.of(instance("lab", "web", "Stopped", Map.of())));
        when(instances.get("lab", "web")).thenReturn(instance("lab", "web", "Running", Map.of()));
        start(Duration.ofMinutes(1));
        Set<Thread> listenerThreads = java.util.concurrent.ConcurrentHashMap.newKeySet();
        inventory.addListener(s -> listenerThreads.add(Thread.currentThread()));
        stream.get().onEvent(instanceEvent("lab", "instance-started", "web"));
        awaitSnapshot(status(WEB, "Running"));
        Thread.sleep(50);
        assertFalse(listenerThreads.isEmpty());
        assertFalse(listenerThreads.contains(Thread.currentThread()));
    }
}
