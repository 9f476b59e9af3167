package io.anklume.core.infra;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Typed reads of SnakeYAML nodes that keep positions: every wrong type becomes a {@link Problem}
 * at the value's line and column instead of an exception.
 */
final class YamlNodes {
    private final String file;
    private final List<Problem> problems;
    private final Map<String, Position> positions;
    /** For a document merged from several files (an infra/ directory): the file each node came from. */
    private final Map<Node, String> nodeFiles;

    YamlNodes(String file, List<Problem> problems, Map<String, Position> positions) {
        this(file, problems, positions, Map.of());
    }

    YamlNodes(String file, List<Problem> problems, Map<String, Position> positions, Map<Node, String> nodeFiles) {
        this.file = file;
        this.problems = problems;
        this.positions = positions;
        this.nodeFiles = nodeFiles;
    }

    Position at(Node node) {
        return new Position(nodeFiles.getOrDefault(node, file), node.getStartMark().getLine() + 1,
                node.getStartMark().getColumn() + 1);
    }

    void error(Node node, String path, String message) {
        problems.add(Problem.error(at(node), path, message));
    }

    void warning(Node node, String path, String message) {
        problems.add(Problem.warning(at(node), path, message));
    }

    void remember(String path, Node node) {
        positions.put(path, at(node));
    }

    /** The entries of a mapping by key, remembering each value's position; null (after a problem) otherwise. */
    Map<String, Node> mapping(Node node, String path) {
        if (node == null || isNull(node)) {
            return new LinkedHashMap<>();
        }
        if (!(node instanceof MappingNode m)) {
            error(node, path, "expected a mapping (key: value lines), got " + describe(node));
            return null;
        }
        Map<String, Node> entries = new LinkedHashMap<>();
        Map<String, Node> keys = new LinkedHashMap<>();
        for (NodeTuple t : m.getValue()) {
            Node key = t.getKeyNode();
            if (!(key instanceof ScalarNode k)) {
                error(key, path, "keys must be plain names");
                continue;
            }
            if (keys.containsKey(k.getValue())) {
                String child = path.isEmpty() ? k.getValue() : path + "." + k.getValue();
                error(key, child, "duplicate key '" + k.getValue() + "' (first at line "
                        + at(keys.get(k.getValue())).line() + "); remove one of them");
                continue;
            }
            keys.put(k.getValue(), key);
            String child = path.isEmpty() ? k.getValue() : path + "." + k.getValue();
            remember(child, t.getValueNode());
            positions.putIfAbsent(child + "#key", at(key));
            entries.put(k.getValue(), t.getValueNode());
        }
        return entries;
    }

    /** Reports keys that are not allowed, with the closest allowed key as a hint. */
    void onlyKeys(Map<String, Node> entries, MappingNode parent, String path, List<String> allowed) {
        for (String key : entries.keySet()) {
            if (!allowed.contains(key)) {
                Node keyNode = keyNode(parent, key);
                String where = path.isEmpty() ? key : path + "." + key;
                String hint = closest(key, allowed).map(s -> " (did you mean '" + s + "'?)").orElse("");
                error(keyNode != null ? keyNode : entries.get(key), where,
                        "unknown key '" + key + "'" + hint + "; allowed here: " + String.join(", ", allowed));
            }
        }
    }

    static Node keyNode(MappingNode parent, String key) {
        if (parent == null) {
            return null;
        }
        for (NodeTuple t : parent.getValue()) {
            if (t.getKeyNode() instanceof ScalarNode k && k.getValue().equals(key)) {
                return k;
            }
        }
        return null;
    }

    String string(Node node, String path) {
        if (node == null || isNull(node)) {
            return null;
        }
        if (!(node instanceof ScalarNode s)) {
            error(node, path, "expected a text value, got " + describe(node));
            return null;
        }
        return s.getValue();
    }

    Boolean bool(Node node, String path) {
        if (node == null || isNull(node)) {
            return null;
        }
        if (node instanceof ScalarNode s && Tag.BOOL.equals(s.getTag())) {
            String v = s.getValue().toLowerCase(java.util.Locale.ROOT);
            return v.equals("true") || v.equals("yes") || v.equals("on") || v.equals("y");
        }
        error(node, path, "expected true or false, got " + describe(node));
        return null;
    }

    Integer integer(Node node, String path) {
        if (node == null || isNull(node)) {
            return null;
        }
        if (node instanceof ScalarNode s && Tag.INT.equals(s.getTag())) {
            try {
                return Integer.valueOf(s.getValue().replace("_", ""));
            } catch (NumberFormatException e) {
                error(node, path, "number too large: " + s.getValue());
                return null;
            }
        }
        error(node, path, "expected a whole number, got " + describe(node));
        return null;
    }

    /** A map of scalar values (Incus config keys); numbers and booleans become their text. */
    Map<String, String> stringMap(Node node, String path) {
        Map<String, Node> entries = mapping(node, path);
        Map<String, String> out = new LinkedHashMap<>();
        if (entries == null) {
            return out;
        }
        entries.forEach((k, v) -> {
            if (v instanceof ScalarNode s) {
                out.put(k, isNull(s) ? "" : s.getValue());
            } else {
                error(v, path + "." + k, "expected a text value, got " + describe(v));
            }
        });
        return out;
    }

    Map<String, Map<String, String>> devices(Node node, String path) {
        Map<String, Node> entries = mapping(node, path);
        Map<String, Map<String, String>> out = new LinkedHashMap<>();
        if (entries != null) {
            entries.forEach((k, v) -> out.put(k, stringMap(v, path + "." + k)));
        }
        return out;
    }

    List<Node> sequence(Node node, String path) {
        if (node == null || isNull(node)) {
            return new ArrayList<>();
        }
        if (!(node instanceof SequenceNode s)) {
            error(node, path, "expected a list, got " + describe(node));
            return null;
        }
        List<Node> items = s.getValue();
        for (int i = 0; i < items.size(); i++) {
            remember(path + "[" + i + "]", items.get(i));
        }
        return items;
    }

    List<String> stringList(Node node, String path) {
        List<Node> items = sequence(node, path);
        List<String> out = new ArrayList<>();
        if (items != null) {
            for (int i = 0; i < items.size(); i++) {
                String s = string(items.get(i), path + "[" + i + "]");
                if (s != null) {
                    out.add(s);
                }
            }
        }
        return out;
    }

    /** Free-form data kept as plain Java values (maps, lists, text). */
    Object plain(Node node) {
        if (node == null || isNull(node)) {
            return null;
        }
        if (node instanceof ScalarNode s) {
            return s.getValue();
        }
        if (node instanceof SequenceNode s) {
            List<Object> out = new ArrayList<>();
            s.getValue().forEach(n -> out.add(plain(n)));
            return out;
        }
        Map<String, Object> out = new LinkedHashMap<>();
        for (NodeTuple t : ((MappingNode) node).getValue()) {
            out.put(t.getKeyNode() instanceof ScalarNode k ? k.getValue() : "?", plain(t.getValueNode()));
        }
        return out;
    }

    static boolean isNull(Node node) {
        return node instanceof ScalarNode s && Tag.NULL.equals(s.getTag());
    }

    static String describe(Node node) {
        if (node instanceof MappingNode) {
            return "a mapping";
        }
        if (node instanceof SequenceNode) {
            return "a list";
        }
        ScalarNode s = (ScalarNode) node;
        if (isNull(s)) {
            return "nothing";
        }
        String kind = Tag.INT.equals(s.getTag()) ? "number" : Tag.BOOL.equals(s.getTag()) ? "boolean"
                : Tag.FLOAT.equals(s.getTag()) ? "number" : "text";
        return kind + " '" + s.getValue() + "'";
    }

    /** The allowed word nearest to {@code word}, if it is close enough to be a typo. */
    static Optional<String> closest(String word, List<String> allowed) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String candidate : allowed) {
            int d = distance(word.toLowerCase(java.util.Locale.ROOT), candidate);
            if (d < bestDistance) {
                bestDistance = d;
                best = candidate;
            }
        }
        int tolerance = Math.max(2, word.length() / 3);
        return best != null && bestDistance <= tolerance ? Optional.of(best) : Optional.empty();
    }

    static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}
