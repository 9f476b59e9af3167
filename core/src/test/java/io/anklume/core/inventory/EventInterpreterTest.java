package io.anklume.core.inventory;

import static io.anklume.core.inventory.TestInstances.instanceEvent;
import static io.anklume.core.inventory.TestInstances.lifecycle;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import io.anklume.incus.events.Event;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EventInterpreterTest {
    private static final InstanceRef WEB = new InstanceRef("lab", "web");

    @Test
    void startAndStopImplyAStatusAndAreReadAgain() {
        assertEquals(new EventReaction.Reload(WEB, "Running", true),
                EventInterpreter.interpret(instanceEvent("lab", "instance-started", "web")));
        assertEquals(new EventReaction.Reload(WEB, "Stopped", false),
                EventInterpreter.interpret(instanceEvent("lab", "instance-shutdown", "web")));
        assertEquals(new EventReaction.Reload(WEB, "Stopped", false),
                EventInterpreter.interpret(instanceEvent("lab", "instance-stopped", "web")));
        assertEquals(new EventReaction.Remove(WEB),
                EventInterpreter.interpret(instanceEvent("lab", "instance-deleted", "web")));
    }

    @Test
    void snapshotEventsWithoutNameAreParsedFromTheirSource() {
        Event created = lifecycle("lab", "instance-snapshot-created", null,
                "/1.0/instances/web/snapshots/snap0?project=lab");
        assertEquals(new EventReaction.SnapshotCount(WEB, 1), EventInterpreter.interpret(created));
        Event deleted = lifecycle("lab", "instance-snapshot-deleted", null, "/1.0/instances/web/snapshots/snap0");
        assertEquals(new EventReaction.SnapshotCount(WEB, -1), EventInterpreter.interpret(deleted));
    }

    @Test
    void defaultProjectSourcesHaveNoProjectParameter() {
        Event e = lifecycle("default", "instance-started", "c1", "/1.0/instances/c1");
        assertEquals(new EventReaction.Reload(new InstanceRef("default", "c1"), "Running", true),
                EventInterpreter.interpret(e));
    }

    @Test
    void pauseIsNotTakenAtFaceValue() {
        assertEquals(new EventReaction.Paused(WEB), EventInterpreter.interpret(instanceEvent("lab", "instance-paused", "web")));
        assertEquals(new EventReaction.Resumed(WEB),
                EventInterpreter.interpret(instanceEvent("lab", "instance-resumed", "web")));
    }

    @Test
    void renameRemovesTheOldName() {
        Event e = new Event("lifecycle", Instant.now(), "lab", "none", "instance-renamed", "/1.0/instances/web2?project=lab",
                "web2", Map.of("old_name", "web"), Map.of());
        assertEquals(new EventReaction.Rename(WEB, new InstanceRef("lab", "web2")), EventInterpreter.interpret(e));
    }

    @Test
    void snapshotOperationsAreTracked() {
        assertEquals(new EventReaction.Snapshotting(WEB, true),
                EventInterpreter.interpret(TestInstances.snapshotOperation("lab", "web", "Running", 103)));
        assertEquals(new EventReaction.Snapshotting(WEB, false),
                EventInterpreter.interpret(TestInstances.snapshotOperation("lab", "web", "Success", 200)));
    }

    @Test
    void otherEventsAreIgnoredOrTriggerTheRightScope() {
        assertInstanceOf(EventReaction.Ignore.class,
                EventInterpreter.interpret(lifecycle("lab", "profile-updated", "default", "/1.0/profiles/default")));
        assertInstanceOf(EventReaction.Ignore.class,
                EventInterpreter.interpret(lifecycle("lab", "instance-exec", "web", "/1.0/instances/web?project=lab")));
        assertEquals(new EventReaction.ProjectGone("lab"),
                EventInterpreter.interpret(lifecycle("lab", "project-deleted", null, "/1.0/projects/lab")));
        assertInstanceOf(EventReaction.NetworksChanged.class,
                EventInterpreter.interpret(lifecycle("lab", "network-created", "net-lab", "/1.0/networks/net-lab")));
    }
}
