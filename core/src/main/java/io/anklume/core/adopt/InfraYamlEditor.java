package io.anklume.core.adopt;

import static io.anklume.core.infra.YamlText.entry;
import static io.anklume.core.infra.YamlText.indent;
import static io.anklume.core.infra.YamlText.isNull;
import static io.anklume.core.infra.YamlText.lastLine;
import static io.anklume.core.infra.YamlText.quote;
import static io.anklume.core.infra.YamlText.scalar;

import io.anklume.core.infra.TrustLevel;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;

/**
 * Adds a machine to infra.yml by inserting lines into the text, so the user's comments, order, quoting
 * and blank lines stay as they were (re-dumping the YAML would lose all of them). SnakeYAML's node
 * positions tell where the insertion goes: after the last line of the domain's {@code machines}, of the
 * domain, or of {@code domains}, with the indentation the file already uses.
 */
public final class InfraYamlEditor {

    /** The new text, the trust level of the domain the machine went into, and whether that domain is new. */
    public record Edit(String text, TrustLevel domainTrust, boolean domainCreated) {}

    /** A file that cannot be edited safely; the message names the file and line. */
    public static final class EditException extends RuntimeException {
        public EditException(String message) {
            super(message);
        }
    }

    private final String file;

    /** {@code file} names the file in messages. */
    public InfraYamlEditor(String file) {
        this.file = file;
    }

    /** Adds {@code machine} under {@code domains.<domain>.machines}, creating the domain when missing. */
    public Edit addMachine(String text, String domain, MachineEntry machine) {
        Lines lines = new Lines(text);
        Node root = compose(text);
        if (root == null) {
            String block = "domains:\n" + domainBlock(domain, machine, 2, 2);
            return new Edit(lines.insertAfter(lines.count() - 1, block), TrustLevel.DEFAULT, true);
        }
        MappingNode top = blockMapping(root, "the top level");
        Optional<NodeTuple> domains = entry(top, "domains");
        int unit = indentUnit(top, domains);
        if (domains.isEmpty()) {
            return new Edit(lines.insertAfter(lines.count() - 1, "domains:\n" + domainBlock(domain, machine, unit, unit)),
                    TrustLevel.DEFAULT, true);
        }
        refuseDuplicate(domains.get().getValueNode(), machine.name());
        Node domainsValue = domains.get().getValueNode();
        int domainsKeyColumn = domains.get().getKeyNode().getStartMark().getColumn();
        if (isNull(domainsValue)) {
            int keyLine = domains.get().getKeyNode().getStartMark().getLine();
            return new Edit(lines.insertAfter(keyLine, domainBlock(domain, machine, domainsKeyColumn + unit, unit)),
                    TrustLevel.DEFAULT, true);
        }
        MappingNode domainMap = blockMapping(domainsValue, "domains");
        Optional<NodeTuple> found = entry(domainMap, domain);
        int domainColumn = domainMap.getValue().get(0).getKeyNode().getStartMark().getColumn();
        if (found.isEmpty()) {
            return new Edit(lines.insertAfter(lastLine(domainMap), domainBlock(domain, machine, domainColumn, unit)),
                    TrustLevel.DEFAULT, true);
        }
        return addToDomain(lines, found.get(), domain, machine, unit);
    }

    /**
     * Adds {@code machine} to {@code domain} in a domain file of an infra/ directory, whose top level is
     * the mapping of domain names (anklume's {@code domains/*.yml}), creating the domain when missing.
     */
    public Edit addMachineToDomainFile(String text, String domain, MachineEntry machine) {
        Lines lines = new Lines(text);
        Node root = compose(text);
        if (root == null) {
            return new Edit(lines.insertAfter(lines.count() - 1, domainBlock(domain, machine, 0, 2)), TrustLevel.DEFAULT, true);
        }
        MappingNode domainMap = blockMapping(root, "a domain file's top level");
        refuseDuplicate(domainMap, machine.name());
        int unit = 2;
        if (domainMap.getValue().get(0).getValueNode() instanceof MappingNode first && !first.getValue().isEmpty()) {
            int step = first.getValue().get(0).getKeyNode().getStartMark().getColumn()
                    - domainMap.getValue().get(0).getKeyNode().getStartMark().getColumn();
            unit = step > 0 ? step : 2;
        }
        Optional<NodeTuple> found = entry(domainMap, domain);
        if (found.isEmpty()) {
            int column = domainMap.getValue().get(0).getKeyNode().getStartMark().getColumn();
            return new Edit(lines.insertAfter(lastLine(domainMap), domainBlock(domain, machine, column, unit)),
                    TrustLevel.DEFAULT, true);
        }
        return addToDomain(lines, found.get(), domain, machine, unit);
    }

    private Edit addToDomain(Lines lines, NodeTuple domainEntry, String domain, MachineEntry machine, int unit) {
        Node value = domainEntry.getValueNode();
        int keyColumn = domainEntry.getKeyNode().getStartMark().getColumn();
        if (isNull(value)) {
            String block = indent(keyColumn + unit) + "machines:\n" + machineBlock(machine, keyColumn + 2 * unit, unit);
            return new Edit(lines.insertAfter(domainEntry.getKeyNode().getStartMark().getLine(), block),
                    TrustLevel.DEFAULT, false);
        }
        MappingNode body = blockMapping(value, "domains." + domain);
        TrustLevel trust = entry(body, "trust_level").map(t -> t.getValueNode())
                .filter(ScalarNode.class::isInstance).map(n -> ((ScalarNode) n).getValue())
                .flatMap(TrustLevel::parse).orElse(TrustLevel.DEFAULT);
        int fieldColumn = body.getValue().get(0).getKeyNode().getStartMark().getColumn();
        Optional<NodeTuple> machines = entry(body, "machines");
        if (machines.isEmpty()) {
            String block = indent(fieldColumn) + "machines:\n" + machineBlock(machine, fieldColumn + unit, unit);
            return new Edit(lines.insertAfter(lastLine(body), block), trust, false);
        }
        Node machinesValue = machines.get().getValueNode();
        if (isNull(machinesValue)) {
            return new Edit(lines.insertAfter(machines.get().getKeyNode().getStartMark().getLine(),
                    machineBlock(machine, fieldColumn + unit, unit)), trust, false);
        }
        MappingNode machineMap = blockMapping(machinesValue, "domains." + domain + ".machines");
        int machineColumn = machineMap.getValue().get(0).getKeyNode().getStartMark().getColumn();
        return new Edit(lines.insertAfter(lastLine(machineMap), machineBlock(machine, machineColumn, unit)), trust, false);
    }

    private static String domainBlock(String domain, MachineEntry machine, int column, int unit) {
        return indent(column) + domain + ":\n"
                + indent(column + unit) + "trust_level: " + TrustLevel.DEFAULT.yamlName() + "\n"
                + indent(column + unit) + "machines:\n"
                + machineBlock(machine, column + 2 * unit, unit);
    }

    private static String machineBlock(MachineEntry m, int column, int unit) {
        StringBuilder b = new StringBuilder();
        b.append(indent(column)).append(m.name()).append(":\n");
        if (m.description() != null && !m.description().isBlank()) {
            b.append(indent(column + unit)).append("description: ").append(quote(m.description())).append('\n');
        }
        b.append(indent(column + unit)).append("type: ").append(m.type()).append('\n');
        if (m.ip() != null && !m.ip().isBlank()) {
            b.append(indent(column + unit)).append("ip: ").append(m.ip()).append('\n');
        }
        if (m.osImage() != null && !m.osImage().isBlank()) {
            b.append(indent(column + unit)).append("os_image: ").append(quote(m.osImage())).append('\n');
        }
        if (m.gpu()) {
            b.append(indent(column + unit)).append("gpu: true").append('\n');
        }
        return b.toString();
    }

    private void refuseDuplicate(Node domainsValue, String machine) {
        if (!(domainsValue instanceof MappingNode domains)) {
            return;
        }
        for (NodeTuple d : domains.getValue()) {
            if (d.getValueNode() instanceof MappingNode body) {
                Optional<NodeTuple> machines = entry(body, "machines");
                if (machines.isPresent() && machines.get().getValueNode() instanceof MappingNode list) {
                    Optional<NodeTuple> existing = entry(list, machine);
                    if (existing.isPresent()) {
                        throw new EditException(file + ":" + (existing.get().getKeyNode().getStartMark().getLine() + 1)
                                + ": machine " + machine + " is already declared in domain " + scalar(d.getKeyNode()));
                    }
                }
            }
        }
    }

    private Node compose(String text) {
        try {
            LoaderOptions options = new LoaderOptions();
            options.setProcessComments(false);
            return new Yaml(options).compose(new StringReader(text));
        } catch (MarkedYAMLException e) {
            throw new EditException(file + ": not valid YAML: " + e.getMessage());
        } catch (RuntimeException e) {
            throw new EditException(file + ": cannot be read as YAML: " + e.getMessage());
        }
    }

    private MappingNode blockMapping(Node node, String where) {
        if (!(node instanceof MappingNode map)) {
            throw new EditException(at(node) + ": " + where + " must be a mapping");
        }
        if (map.getFlowStyle() == DumperOptions.FlowStyle.FLOW) {
            throw new EditException(at(node) + ": " + where + " is written in flow style ({...}); "
                    + "write it as an indented block to let anklume-tui add to it");
        }
        if (map.getValue().isEmpty()) {
            throw new EditException(at(node) + ": " + where + " is an empty mapping; remove the {} so it can be filled");
        }
        return map;
    }

    private String at(Node node) {
        return file + ":" + (node.getStartMark().getLine() + 1);
    }

    /** The file's indentation step: the offset of the first domain under {@code domains}, else 2. */
    private static int indentUnit(MappingNode top, Optional<NodeTuple> domains) {
        if (domains.isPresent() && domains.get().getValueNode() instanceof MappingNode d && !d.getValue().isEmpty()) {
            int step = d.getValue().get(0).getKeyNode().getStartMark().getColumn()
                    - domains.get().getKeyNode().getStartMark().getColumn();
            if (step > 0) {
                return step;
            }
        }
        return 2;
    }

    /** The text as lines with their own line ends, so insertion keeps the file's bytes elsewhere. */
    private static final class Lines {
        private final List<String> lines = new ArrayList<>();
        private final String newline;

        Lines(String text) {
            newline = text.contains("\r\n") ? "\r\n" : "\n";
            int start = 0;
            for (int i = 0; i < text.length(); i++) {
                if (text.charAt(i) == '\n') {
                    lines.add(text.substring(start, i + 1));
                    start = i + 1;
                }
            }
            if (start < text.length()) {
                lines.add(text.substring(start));
            }
        }

        int count() {
            return lines.size();
        }

        /**
         * Inserts {@code block} (lines ending in \n) after 0-based line {@code line}, or above the blank
         * lines it ends with (a block scalar's end includes them); -1 means at the top.
         */
        String insertAfter(int line, String block) {
            StringBuilder b = new StringBuilder();
            int last = Math.min(line, lines.size() - 1);
            while (last >= 0 && lines.get(last).isBlank()) {
                last--;
            }
            for (int i = 0; i <= last; i++) {
                b.append(lines.get(i));
            }
            if (b.length() > 0 && b.charAt(b.length() - 1) != '\n') {
                b.append(newline);
            }
            b.append(newline.equals("\n") ? block : block.replace("\n", newline));
            for (int i = last + 1; i < lines.size(); i++) {
                b.append(lines.get(i));
            }
            return b.toString();
        }
    }
}
