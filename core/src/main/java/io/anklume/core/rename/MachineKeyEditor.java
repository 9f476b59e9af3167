package io.anklume.core.rename;

import static io.anklume.core.infra.YamlText.entry;
import static io.anklume.core.infra.YamlText.scalar;

import io.anklume.core.infra.YamlText;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Renames a machine's key in infra.yml as text: only the characters of the key change, so its routes,
 * ssh, ip and everything else written under it move with it, and comments and order stay. Network
 * policies that name the machine in {@code from} or {@code to} are renamed with it (unless a domain has
 * that name too: then the policy may mean the domain, and the check after the edit says so).
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
        Node key = null;
        boolean aDomainHasTheName = false;
        for (NodeTuple d : ds.getValue()) {
            aDomainHasTheName |= from.equals(scalar(d.getKeyNode()));
            if (key != null || !(d.getValueNode() instanceof MappingNode body)) {
                continue;
            }
            Optional<NodeTuple> machines = entry(body, "machines");
            if (machines.isEmpty() || !(machines.get().getValueNode() instanceof MappingNode ms)) {
                continue;
            }
            Optional<NodeTuple> machine = entry(ms, from);
            if (machine.isPresent()) {
                key = machine.get().getKeyNode();
            }
        }
        if (key == null) {
            return Optional.empty();
        }
        List<Node> spans = new ArrayList<>();
        spans.add(key);
        if (!aDomainHasTheName) {
            spans.addAll(policyEnds(top, from));
        }
        return Optional.of(replaceAll(text, spans, to));
    }

    /**
     * A domain file of an infra/ directory (its top level maps domain names to domains): the text with
     * machine {@code from} named {@code to}; empty when none of its domains declares {@code from}.
     */
    Optional<String> renameInDomainFile(String text, String from, String to) {
        Node root = compose(text);
        if (!(root instanceof MappingNode domains)) {
            throw new EditException(file + ": a domain file's top level must be a mapping of domains");
        }
        for (NodeTuple d : domains.getValue()) {
            if (d.getValueNode() instanceof MappingNode body) {
                Optional<NodeTuple> machines = entry(body, "machines");
                if (machines.isPresent() && machines.get().getValueNode() instanceof MappingNode ms) {
                    Optional<NodeTuple> machine = entry(ms, from);
                    if (machine.isPresent()) {
                        return Optional.of(replace(text, machine.get().getKeyNode(), to));
                    }
                }
            }
        }
        return Optional.empty();
    }

    /** The text with the network policy ends naming {@code from} named {@code to} (the same text when none does). */
    String renamePolicyEnds(String text, String from, String to) {
        Node root = compose(text);
        if (!(root instanceof MappingNode top)) {
            return text;
        }
        return replaceAll(text, policyEnds(top, from), to);
    }

    /** Each of {@code nodes} replaced by {@code to}. */
    private String replaceAll(String text, List<Node> nodes, String to) {
        List<Node> backwards = new ArrayList<>(nodes);
        // From the end of the file backwards, so each replacement leaves the earlier offsets valid.
        backwards.sort(Comparator.comparingInt((Node n) -> n.getStartMark().getIndex()).reversed());
        String out = text;
        for (Node n : backwards) {
            out = replace(out, n, to);
        }
        return out;
    }

    /** The {@code from} and {@code to} values of network policies that are exactly {@code name}. */
    private static List<Node> policyEnds(MappingNode top, String name) {
        List<Node> ends = new ArrayList<>();
        Optional<NodeTuple> policies = entry(top, "network_policies");
        if (policies.isPresent() && policies.get().getValueNode() instanceof SequenceNode list) {
            for (Node policy : list.getValue()) {
                if (policy instanceof MappingNode p) {
                    for (String side : List.of("from", "to")) {
                        entry(p, side).map(NodeTuple::getValueNode)
                                .filter(v -> v instanceof ScalarNode && name.equals(scalar(v)))
                                .ifPresent(ends::add);
                    }
                }
            }
        }
        return ends;
    }

    private String replace(String text, Node node, String to) {
        if (node.getStartMark().getLine() != node.getEndMark().getLine()) {
            throw new EditException(file + ":" + (node.getStartMark().getLine() + 1) + ": the name "
                    + scalar(node) + " spans lines; rename it by hand");
        }
        // Marks count code points from the file's start: quotes around the name go with it.
        int start = text.offsetByCodePoints(0, node.getStartMark().getIndex());
        int end = text.offsetByCodePoints(0, node.getEndMark().getIndex());
        return text.substring(0, start) + to + text.substring(end);
    }

    private Node compose(String text) {
        return YamlText.compose(file, text, EditException::new);
    }
}
