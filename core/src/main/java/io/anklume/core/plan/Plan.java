package io.anklume.core.plan;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * An ordered list of actions that converges Incus to an infra.yml; empty when nothing differs.
 * {@code warnings} are things the user should know that do not stop the plan (a resource overcommit
 * allowed by the policy, for example).
 */
public record Plan(List<Action> actions, List<String> warnings) {

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

    public Plan {
        actions = List.copyOf(actions);
        warnings = List.copyOf(warnings);
    }

    public Plan(List<Action> actions) {
        this(actions, List.of());
    }

    public Plan withWarnings(List<String> more) {
        List<String> all = new java.util.ArrayList<>(warnings);
        all.addAll(more);
        return new Plan(actions, all);
    }

    public boolean isEmpty() {
        return actions.isEmpty();
    }

    public int size() {
        return actions.size();
    }

    /** One line per change, in plan order. */
    public List<String> diffLines() {
        return actions.stream().flatMap(a -> a.diffLines().stream()).toList();
    }

    public String toText() {
        StringBuilder text = new StringBuilder();
        warnings.forEach(w -> text.append("warning: ").append(w).append('\n'));
        if (isEmpty()) {
            return text.append("No changes. Incus matches the infra file.").toString();
        }
        return text.append(String.join("\n", diffLines())).append("\n\n").append(summary()).toString();
    }

    public String summary() {
        long create = actions.stream().filter(a -> a.kind().startsWith("create-")).count();
        long update = actions.stream().filter(a -> a.kind().startsWith("update-") || a.kind().startsWith("start-")).count();
        long delete = actions.stream().filter(a -> a.kind().startsWith("delete-")).count();
        long safeguards = actions.stream().filter(a -> a.stage() == Action.STAGE_SAFEGUARD).count();
        return "Plan: " + create + " to create, " + update + " to change, " + delete + " to delete."
                + (safeguards == 0 ? "" : " " + safeguards + " pre-apply snapshot" + (safeguards == 1 ? "" : "s") + " first.");
    }

    /** {@code {"changes": n, "actions": [{"kind": "create-instance", ..., "diff": [...]}]}}. */
    public String toJson() {
        ObjectNode root = JSON.createObjectNode();
        root.put("changes", actions.size());
        ArrayNode warningList = root.putArray("warnings");
        warnings.forEach(warningList::add);
        ArrayNode list = root.putArray("actions");
        for (Action a : actions) {
            ObjectNode node = list.addObject();
            node.put("kind", a.kind());
            node.setAll((ObjectNode) JSON.valueToTree(a));
            ArrayNode diff = node.putArray("diff");
            a.diffLines().forEach(diff::add);
        }
        try {
            return JSON.writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
