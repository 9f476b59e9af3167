package io.anklume.incus.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class EventParserTest {
    private final EventParser parser = new EventParser(new ObjectMapper());

    @Test
    void lifecycleEventNamesActionInstanceAndProject() throws Exception {
        Event e = parser.parse("""
                {"type":"lifecycle","timestamp":"2026-11-24T05:07:12.123456789Z","project":"lab","location":"none",
                 "metadata":{"action":"instance-started","name":"web1","project":"lab",
                  "source":"/1.0/instances/web1?project=lab","requestor":{"username":"root"}}}""");
        assertTrue(e.isLifecycle());
        assertEquals("instance-started", e.action());
        assertEquals("web1", e.name());
        assertEquals("lab", e.project());
    }

    @Test
    void snapshotEventsTakeTheInstanceFromSource() throws Exception {
        Event e = parser.parse("""
                {"type":"lifecycle","project":"lab","metadata":{"action":"instance-snapshot-created",
                 "source":"/1.0/instances/web2/snapshots/snap0?project=lab"}}""");
        assertEquals("web2", e.name());
        assertEquals("lab", e.project());
    }

    @Test
    void renameKeepsTheOldNameInContext() throws Exception {
        Event e = parser.parse("""
                {"type":"lifecycle","project":"default","metadata":{"action":"instance-renamed",
                 "context":{"old_name":"web1"},"name":"web2","source":"/1.0/instances/web2"}}""");
        assertEquals("web1", e.context().get("old_name"));
        assertEquals("default", e.project());
    }

    @Test
    void operationEventsAreNotLifecycle() throws Exception {
        Event e = parser.parse("""
                {"type":"operation","project":"lab","metadata":{"id":"x","status":"Running","status_code":103}}""");
        assertFalse(e.isLifecycle());
        assertNull(e.action());
    }
}
