package io.anklume.incus.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Turns one {@code /1.0/events} message into an {@link Event}. Snapshot events carry neither name nor
 * project in their metadata, so the instance name is read from {@code source}.
 */
public final class EventParser {
    private final Supplier<ObjectMapper> json;

    public EventParser(ObjectMapper json) {
        this(() -> json);
    }

    /** The mapper is asked for at the first message, so a mapper still being set up delays no one before. */
    public EventParser(Supplier<ObjectMapper> json) {
        this.json = json;
    }

    @SuppressWarnings("unchecked")
    public Event parse(String text) throws java.io.IOException {
        ObjectMapper json = this.json.get();
        JsonNode root = json.readTree(text);
        JsonNode md = root.path("metadata");
        String type = root.path("type").asText("");
        String source = md.path("source").asText(null);
        String name = md.hasNonNull("name") ? md.get("name").asText() : nameFromSource(source);
        String project = root.hasNonNull("project") ? root.get("project").asText()
                : md.path("project").asText(projectFromSource(source));
        if (project == null || project.isEmpty()) {
            project = "default";
        }
        Map<String, Object> context = md.has("context") ? json.convertValue(md.get("context"), Map.class) : Map.of();
        Map<String, Object> metadata = md.isObject() ? json.convertValue(md, Map.class) : Map.of();
        String action = "lifecycle".equals(type) ? md.path("action").asText(null) : null;
        return new Event(type, time(root.path("timestamp").asText(null)), project,
                root.path("location").asText(null), action, source, name, context, metadata);
    }

    /** {@code /1.0/instances/web/snapshots/snap0?project=p} → {@code web}. */
    static String nameFromSource(String source) {
        if (source == null) {
            return null;
        }
        String path = source.contains("?") ? source.substring(0, source.indexOf('?')) : source;
        String[] parts = path.split("/");
        // ["", "1.0", "<collection>", "<name>", ...]
        return parts.length > 3 ? java.net.URLDecoder.decode(parts[3], java.nio.charset.StandardCharsets.UTF_8) : null;
    }

    static String projectFromSource(String source) {
        if (source == null || !source.contains("project=")) {
            return null;
        }
        String q = source.substring(source.indexOf("project=") + "project=".length());
        int amp = q.indexOf('&');
        return amp < 0 ? q : q.substring(0, amp);
    }

    private static Instant time(String text) {
        try {
            return text == null ? null : OffsetDateTime.parse(text).toInstant();
        } catch (RuntimeException e) {
            return null;
        }
    }
}
