package io.anklume.incus.events;

import java.time.Instant;
import java.util.Map;

/**
 * One message of {@code /1.0/events}. For lifecycle events {@code action} is e.g. "instance-started",
 * {@code source} the object's URL, {@code name} the instance name (parsed from {@code source} when
 * Incus leaves it out, as it does for snapshot events) and {@code project} the envelope's project.
 * {@code metadata} is the raw metadata object.
 */
public record Event(String type, Instant timestamp, String project, String location, String action,
                    String source, String name, Map<String, Object> context, Map<String, Object> metadata) {

    public boolean isLifecycle() {
        return "lifecycle".equals(type);
    }
}
