package io.anklume.core.inventory;

import io.anklume.incus.events.Event;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Maps Incus events to inventory reactions; pure. */
final class EventInterpreter {

    private static final Pattern INSTANCE_URL =
            Pattern.compile("^/1\\.0/instances/([^/?]+)(/snapshots/[^/?]+)?(?:\\?(.*))?$");

    private EventInterpreter() {}

    static EventReaction interpret(Event e) {
        if ("operation".equals(e.type())) {
            return snapshotOperation(e);
        }
        if (!e.isLifecycle() || e.action() == null) {
            return new EventReaction.Ignore();
        }
        String action = e.action();
        if (action.equals("project-deleted")) {
            return e.name() != null ? new EventReaction.ProjectGone(e.name())
                    : new EventReaction.ProjectGone(lastSegment(e.source()));
        }
        if (action.startsWith("network-") && !action.startsWith("network-acl")) {
            return new EventReaction.NetworksChanged();
        }
        if (!action.startsWith("instance-")) {
            return new EventReaction.Ignore();
        }
        Optional<InstanceRef> parsed = instanceRef(e.source(), e.project());
        InstanceRef ref = parsed.orElse(e.name() == null ? null : new InstanceRef(project(e.project()), e.name()));
        if (ref == null) {
            return new EventReaction.Ignore();
        }
        return switch (action) {
            case "instance-created", "instance-updated", "instance-restored" -> new EventReaction.Reload(ref, null, false);
            case "instance-started" -> new EventReaction.Reload(ref, "Running", true);
            case "instance-restarted" -> new EventReaction.Reload(ref, "Running", true);
            case "instance-shutdown", "instance-stopped" -> new EventReaction.Reload(ref, "Stopped", false);
            case "instance-deleted" -> new EventReaction.Remove(ref);
            case "instance-paused" -> new EventReaction.Paused(ref);
            case "instance-resumed" -> new EventReaction.Resumed(ref);
            case "instance-renamed" -> renamed(e, ref);
            case "instance-snapshot-created" -> new EventReaction.SnapshotCount(ref, +1);
            case "instance-snapshot-deleted" -> new EventReaction.SnapshotCount(ref, -1);
            default -> new EventReaction.Ignore();
        };
    }

    private static EventReaction renamed(Event e, InstanceRef ref) {
        Object old = e.context() == null ? null : e.context().get("old_name");
        if (!(old instanceof String oldName) || oldName.isEmpty()) {
            return new EventReaction.Reload(ref, null, false);
        }
        return new EventReaction.Rename(new InstanceRef(ref.project(), oldName), ref);
    }

    /** Snapshot operations pause a running container; knowing about them keeps the status steady. */
    private static EventReaction snapshotOperation(Event e) {
        Map<String, Object> op = e.metadata();
        if (op == null || !"Snapshotting instance".equals(op.get("description"))) {
            return new EventReaction.Ignore();
        }
        Optional<InstanceRef> ref = Optional.empty();
        if (op.get("resources") instanceof Map<?, ?> resources) {
            for (Object urls : resources.values()) {
                if (urls instanceof Collection<?> list) {
                    for (Object url : list) {
                        ref = ref.or(() -> instanceRef(String.valueOf(url), e.project()));
                    }
                }
            }
        }
        if (ref.isEmpty()) {
            return new EventReaction.Ignore();
        }
        boolean running = !(op.get("status_code") instanceof Number n ? n.intValue() >= 200 : isFinal(op.get("status")));
        return new EventReaction.Snapshotting(ref.get(), running);
    }

    private static boolean isFinal(Object status) {
        return "Success".equals(status) || "Failure".equals(status) || "Cancelled".equals(status);
    }

    /** {@code /1.0/instances/web/snapshots/s0?project=lab} → lab/web; the project defaults to the envelope's. */
    static Optional<InstanceRef> instanceRef(String source, String envelopeProject) {
        if (source == null) {
            return Optional.empty();
        }
        Matcher m = INSTANCE_URL.matcher(source);
        if (!m.matches()) {
            return Optional.empty();
        }
        String project = envelopeProject;
        if (m.group(3) != null) {
            for (String param : m.group(3).split("&")) {
                if (param.startsWith("project=")) {
                    project = decode(param.substring("project=".length()));
                }
            }
        }
        return Optional.of(new InstanceRef(project(project), decode(m.group(1))));
    }

    private static String project(String p) {
        return p == null || p.isEmpty() ? "default" : p;
    }

    private static String lastSegment(String source) {
        if (source == null) {
            return "";
        }
        String path = source.contains("?") ? source.substring(0, source.indexOf('?')) : source;
        return decode(path.substring(path.lastIndexOf('/') + 1));
    }

    private static String decode(String s) {
        return URLDecoder.decode(s, StandardCharsets.UTF_8);
    }
}
