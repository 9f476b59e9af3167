package io.anklume.core.inventory;

import static io.anklume.core.inventory.TestInstances.instance;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class InventoryStateTest {
    private static final InstanceRef WEB = new InstanceRef("lab", "web");

    private static String status(InventorySnapshot s, String name) {
        return s.instances().stream().filter(v -> v.name().equals(name)).findFirst().map(InstanceView::status)
                .orElse(null);
    }

    @Test
    void aSlowFullReloadDoesNotUndoWhatAnEventBroughtMeanwhile() {
        InventoryState state = new InventoryState();
        state.applyFull(List.of(instance("lab", "web", "Running", Map.of())), LeaseTable.EMPTY, state.sequence());

        long reloadStarted = state.sequence();
        state.putInstance(instance("lab", "web", "Stopped", Map.of())); // event during the reload
        state.putInstance(instance("lab", "new", "Running", Map.of()));
        state.applyFull(List.of(instance("lab", "web", "Running", Map.of()), instance("lab", "db", "Running", Map.of())),
                LeaseTable.EMPTY, reloadStarted);

        InventorySnapshot s = state.snapshot(Instant.EPOCH);
        assertEquals("Stopped", status(s, "web"));
        assertEquals("Running", status(s, "new"), "created after the listing was read");
        assertEquals("Running", status(s, "db"));

        state.applyFull(List.of(instance("lab", "web", "Running", Map.of())), LeaseTable.EMPTY, state.sequence());
        s = state.snapshot(Instant.EPOCH);
        assertEquals("Running", status(s, "web"));
        assertEquals(1, s.instances().size(), "a later reload drops what is gone");
    }

    @Test
    void theRowsAreMadeOncePerChangeAndEachKindOfChangeShows() {
        InventoryState state = new InventoryState();
        state.applyFull(List.of(instance("lab", "web", "Running", Map.of())), LeaseTable.EMPTY, 0);
        InventorySnapshot first = state.snapshot(Instant.EPOCH);
        assertSame(first.instances(), state.snapshot(Instant.EPOCH.plusSeconds(1)).instances(), "no change, same rows");

        state.putDetails(WEB, new LiveDetails(1.5, 2048L, 3));
        assertEquals(3, state.snapshot(Instant.EPOCH).instances().get(0).snapshotCount());
        state.adjustSnapshotCount(WEB, 1);
        assertEquals(4, state.snapshot(Instant.EPOCH).instances().get(0).snapshotCount());
        state.putLeases(new LeaseTable.Pair("lab", "anklumebr0"), List.of(TestInstances.lease("web", "10.231.0.7")));
        assertEquals("10.231.0.7", state.snapshot(Instant.EPOCH).instances().get(0).ipv4());
        state.putInstance(instance("lab", "web", "Frozen", Map.of()));
        assertEquals("Frozen", status(state.snapshot(Instant.EPOCH), "web"));
        state.snapshotting(WEB, true);
        assertEquals("Running", status(state.snapshot(Instant.EPOCH), "web"), "frozen only to be copied");
        state.imply(WEB, "Stopped");
        assertEquals("Stopped", status(state.snapshot(Instant.EPOCH), "web"));
        state.remove(WEB);
        assertTrue(state.snapshot(Instant.EPOCH).instances().isEmpty());
    }

    @Test
    void impliedStatusShowsUntilTheInstanceIsReadAgain() {
        InventoryState state = new InventoryState();
        state.applyFull(List.of(instance("lab", "web", "Running", Map.of())), LeaseTable.EMPTY, 0);
        state.imply(WEB, "Stopped");
        assertEquals("Stopped", status(state.snapshot(Instant.EPOCH), "web"));
        state.putInstance(instance("lab", "web", "Running", Map.of()));
        assertEquals("Running", status(state.snapshot(Instant.EPOCH), "web"));
    }

    @Test
    void connectionStateNeedsALoadAndBothChannels() {
        InventoryState state = new InventoryState();
        InventorySnapshot before = state.snapshot(Instant.EPOCH);
        assertFalse(before.connected());
        assertEquals("connecting to Incus", before.problem());
        state.applyFull(List.of(), LeaseTable.EMPTY, 0);
        assertTrue(state.snapshot(Instant.EPOCH).connected());
        state.stream(false, null);
        assertEquals("disconnected from Incus (event stream closed): retrying", state.snapshot(Instant.EPOCH).problem());
        state.stream(true, null);
        state.unreachable("connection refused");
        assertFalse(state.snapshot(Instant.EPOCH).connected());
    }
}
