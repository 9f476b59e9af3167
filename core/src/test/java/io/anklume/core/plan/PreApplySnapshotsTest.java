package io.anklume.core.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PreApplySnapshotsTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-03T10:15:00Z"), ZoneId.of("Europe/Paris"));

    private static Action update(String domain, String name) {
        return new Action.UpdateInstance(domain, domain, name, List.of(new ConfigChange("limits.memory", "1GiB", "2GiB")),
                List.of(), null, null);
    }

    private static Action create(String domain, String name) {
        return new Action.CreateInstance(domain, domain, name, "container", "busybox", Map.of(), Map.of(),
                List.of("default"), "", true);
    }

    @Test
    void eachChangedInstanceIsSnapshottedOnceFirstUnderOneUtcName() {
        Plan plan = new Plan(List.of(create("pro", "pro-new"), update("pro", "pro-dev"), update("pro", "pro-dev"),
                update("perso", "perso-web")), List.of("a warning"));

        Plan guarded = new PreApplySnapshots(CLOCK, 3).guard(plan);

        assertEquals(List.of(
                new Action.SnapshotInstance("pro", "pro", "pro-dev", "pre-apply-20261203-101500", 3),
                new Action.SnapshotInstance("perso", "perso", "perso-web", "pre-apply-20261203-101500", 3)),
                guarded.actions().subList(0, 2));
        assertEquals(plan.actions(), guarded.actions().subList(2, guarded.size()));
        assertEquals(List.of("a warning"), guarded.warnings());
        assertTrue(guarded.summary().endsWith("2 pre-apply snapshots first."), guarded.summary());
    }

    @Test
    void aPlanThatChangesNoExistingInstanceIsUnchanged() {
        Plan creates = new Plan(List.of(create("pro", "pro-new")));
        assertSame(creates, new PreApplySnapshots(CLOCK, 3).guard(creates));
        Plan empty = new Plan(List.of());
        assertTrue(new PreApplySnapshots(CLOCK, 3).guard(empty).isEmpty());
    }

    @Test
    void aFailedSnapshotStopsTheApplyBeforeAnyChangeInAnyDomain() {
        Plan guarded = new PreApplySnapshots(CLOCK, 3).guard(new Plan(List.of(
                new Action.CreateProject("other", "other", "", Map.of()), create("other", "other-new"),
                update("pro", "pro-dev"))));
        List<String> ran = Collections.synchronizedList(new ArrayList<>());
        ActionRunner runner = a -> {
            ran.add(a.kind() + " " + a.target());
            if (a instanceof Action.SnapshotInstance) {
                throw new IllegalStateException("disk full");
            }
        };

        ApplyReport report = new Applier(runner, 4, ApplyListener.NONE).apply(guarded);

        assertEquals(List.of("snapshot-instance instance pro-dev"), ran);
        assertFalse(report.succeeded());
        assertEquals("disk full", report.failed().get(0).message());
        assertEquals(3, report.notDone().size());
    }
}
