package io.anklume.incus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.anklume.incus.events.Event;
import io.anklume.incus.events.EventListener;
import io.anklume.incus.events.EventSubscription;
import io.anklume.incus.lab.IncusLab;
import io.anklume.incus.model.StateAction;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class EventsIT {
    static IncusLab lab;

    @BeforeAll
    static void up() {
        lab = IncusLab.create();
    }

    @AfterAll
    static void down() {
        lab.close();
    }

    /** Collects this lab's lifecycle events in arrival order. */
    static final class Collector implements EventListener {
        final LinkedBlockingQueue<Event> events = new LinkedBlockingQueue<>();
        final LinkedBlockingQueue<Boolean> connection = new LinkedBlockingQueue<>();

        @Override
        public void onEvent(Event event) {
            if (event.isLifecycle() && lab.project().equals(event.project())) {
                events.add(event);
            }
        }

        @Override
        public void onConnectionChange(boolean connected, String reason) {
            connection.add(connected);
        }

        /** Waits at most 2 s for the named action on the named instance. */
        Event expect(String action, String name) throws InterruptedException {
            long deadline = System.nanoTime() + Duration.ofSeconds(2).toNanos();
            while (true) {
                long left = deadline - System.nanoTime();
                Event e = events.poll(Math.max(0, left), TimeUnit.NANOSECONDS);
                if (e == null) {
                    throw new AssertionError("no " + action + " event for " + name + " within 2 s");
                }
                if (action.equals(e.action()) && name.equals(e.name())) {
                    return e;
                }
            }
        }
    }

    @Test
    void everyLifecycleChangeArrivesWithinTwoSeconds() throws Exception {
        Collector collector = new Collector();
        try (EventSubscription sub = lab.client().events().subscribe(Set.of("lifecycle"), collector)) {
            assertEquals(Boolean.TRUE, collector.connection.poll(5, TimeUnit.SECONDS));
            assertTrue(sub.isConnected());
            IncusClient c = lab.client();
            String name = lab.name("ev");
            c.instances().create(lab.project(), lab.busybox(name, false)).await();
            collector.expect("instance-created", name);
            c.instances().changeState(lab.project(), name, StateAction.of(StateAction.Kind.START)).await();
            collector.expect("instance-started", name);
            c.snapshots().create(lab.project(), name, "s0", false, null).await();
            Event snap = collector.expect("instance-snapshot-created", name);
            assertTrue(snap.source().contains("/snapshots/s0"), snap.source());
            c.snapshots().restore(lab.project(), name, "s0").await();
            collector.expect("instance-restored", name);
            c.instances().changeState(lab.project(), name, new StateAction(StateAction.Kind.STOP, 30, false, false)).await();
            collector.expect("instance-shutdown", name);
            c.instances().changeState(lab.project(), name, StateAction.of(StateAction.Kind.START)).await();
            collector.expect("instance-started", name);
            c.instances().changeState(lab.project(), name, new StateAction(StateAction.Kind.STOP, 0, true, false)).await();
            collector.expect("instance-stopped", name);
            c.instances().delete(lab.project(), name).await();
            collector.expect("instance-deleted", name);
        }
    }

    @Test
    void aStreamToAMissingDaemonReportsDisconnectedAndKeepsRetrying() throws Exception {
        IncusConfig config = new IncusConfig(new IncusConfig.Endpoint.UnixSocket(Path.of("/run/no-such-incus.socket")),
                Duration.ofSeconds(2), Duration.ofSeconds(2));
        Collector collector = new Collector();
        try (IncusClient c = IncusClient.connect(config);
             EventSubscription sub = c.events().subscribe(Set.of("lifecycle"), collector)) {
            assertEquals(Boolean.FALSE, collector.connection.poll(5, TimeUnit.SECONDS));
            assertTrue(!sub.isConnected());
        }
    }
}
