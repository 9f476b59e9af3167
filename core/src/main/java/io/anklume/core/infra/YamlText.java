package io.anklume.core.infra;

import java.io.StringReader;
import java.util.Optional;
import java.util.function.Function;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.nodes.CollectionNode;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Helpers for the editors that change infra.yml as text (adopt, routes): they insert lines at
 * positions taken from SnakeYAML's nodes, so the rest of the file, comments included, stays byte for
 * byte. Re-dumping the YAML would lose the comments and the user's order.
 */
public final class YamlText {
    private YamlText() {}

    /** The last line holding part of {@code node} (0-based). */
    public static int lastLine(Node node) {
        if (node instanceof CollectionNode<?> c && c.getFlowStyle() != DumperOptions.FlowStyle.FLOW
                && !c.getValue().isEmpty()) {
            if (node instanceof MappingNode m) {
                NodeTuple last = m.getValue().get(m.getValue().size() - 1);
                // An empty value's position is that of the next token, possibly lines below: use the key.
                return isNull(last.getValueNode()) ? lastLine(last.getKeyNode())
                        : Math.max(lastLine(last.getKeyNode()), lastLine(last.getValueNode()));
            }
            if (node instanceof SequenceNode s) {
                return lastLine(s.getValue().get(s.getValue().size() - 1));
            }
        }
        if (isNull(node)) {
            return node.getStartMark().getLine();
        }
        Mark end = node.getEndMark();
        // A block scalar ends at the start of the next line.
        return end.getColumn() == 0 && end.getLine() > node.getStartMark().getLine() ? end.getLine() - 1 : end.getLine();
    }

    /**
     * The node tree of {@code text}, read as {@code file}; an empty file or one that is not YAML is
     * refused through {@code refusal} with a message naming the file.
     */
    public static Node compose(String file, String text, Function<String, ? extends RuntimeException> refusal) {
        Node root;
        try {
            root = new Yaml(new LoaderOptions()).compose(new StringReader(text));
        } catch (org.yaml.snakeyaml.error.YAMLException e) {
            throw refusal.apply(file + ": not valid YAML: " + e.getMessage().lines().findFirst().orElse(""));
        }
        if (root == null) {
            throw refusal.apply(file + ": the file is empty");
        }
        return root;
    }

    public static Optional<NodeTuple> entry(MappingNode map, String key) {
        return map.getValue().stream().filter(t -> key.equals(scalar(t.getKeyNode()))).findFirst();
    }

    public static String scalar(Node node) {
        return node instanceof ScalarNode s ? s.getValue() : null;
    }

    public static boolean isNull(Node node) {
        return node instanceof ScalarNode s && Tag.NULL.equals(s.getTag());
    }

    public static String indent(int n) {
        return " ".repeat(n);
    }

    /** A double-quoted YAML scalar that reads back as {@code s}. */
    public static String quote(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\"";
    }
}
