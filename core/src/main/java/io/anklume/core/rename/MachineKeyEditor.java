package io.anklume.core.rename;

import static io.anklume.core.infra.YamlText.entry;
import static io.anklume.core.infra.YamlText.scalar;

import io.anklume.core.infra.YamlText;
import java.util.Optional;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;

/**
 * Renames a machine's key in infra.yml as text: only the characters of the key change, so its routes,
 * ssh, ip and everything else written under it move with it, and comments and order stay.
 */
final class MachineKeyEditor {
    /** The file cannot be edited this way; the message names the file (and line). */
    static final class EditException extends RuntimeException {
        EditException(String message) {
            super(message);
        }
    }

    private final String file;

    MachineKeyEditor(String file) {
        this.file = file;
    }

    /** The text with machine {@code from} named {@code to}; empty when no domain declares {@code from}. */
    Optional<String> rename(String text, String from, String to) {
        Node root = compose(text);
        if (!(root instanceof MappingNode top)) {
            throw new EditException(file + ": the top level must be a mapping");
        }
        Optional<NodeTuple> domains = entry(top, "domains");
        if (domains.isEmpty() || !(domains.get().getValueNode() instanceof MappingNode ds)) {
            return Optional.empty();
        }
        for (NodeTuple d : ds.getValue()) {
            if (!(d.getValueNode() instanceof MappingNode body)) {
                continue;
            }
            Optional<NodeTuple> machines = entry(body, "machines");
            if (machines.isEmpty() || !(machines.get().getValueNode() instanceof MappingNode ms)) {
                continue;
            }
            Optional<NodeTuple> machine = entry(ms, from);
            if (machine.isPresent()) {
                return Optional.of(replaceKey(text, machine.get().getKeyNode(), to));
            }
        }
        return Optional.empty();
    }

    private String replaceKey(String text, Node key, String to) {
        if (key.getStartMark().getLine() != key.getEndMark().getLine()) {
            throw new EditException(file + ":" + (key.getStartMark().getLine() + 1) + ": the key of machine "
                    + scalar(key) + " spans lines; rename it by hand");
        }
        // Marks count code points from the file's start: quotes around the key go with it.
        int start = text.offsetByCodePoints(0, key.getStartMark().getIndex());
        int end = text.offsetByCodePoints(0, key.getEndMark().getIndex());
        return text.substring(0, start) + to + text.substring(end);
    }

    private Node compose(String text) {
        return YamlText.compose(file, text, EditException::new);
    }
}
