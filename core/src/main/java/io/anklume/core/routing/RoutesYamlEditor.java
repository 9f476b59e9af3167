package io.anklume.core.routing;

import static io.anklume.core.infra.YamlText.entry;
import static io.anklume.core.infra.YamlText.indent;
import static io.anklume.core.infra.YamlText.isNull;
import static io.anklume.core.infra.YamlText.lastLine;
import static io.anklume.core.infra.YamlText.quote;
import static io.anklume.core.infra.YamlText.scalar;

import io.anklume.core.infra.Route;
import io.anklume.core.infra.YamlText;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Adds a route to a machine of infra.yml, or removes one, by editing lines of the text (like
 * {@link io.anklume.core.adopt.InfraYamlEditor}): comments, order and quoting elsewhere stay as they
 * were. SnakeYAML's node positions say where. Flow-style parts it cannot edit safely are refused.
 */
public final class RoutesYamlEditor {
    /** A file that cannot be edited safely; the message names the file and line. */
    public static final class EditException extends RuntimeException {
        public EditException(String message) {
            super(message);
        }
    }

    private final String file;
    /** The file is a domain file of an infra/ directory: its top level maps domain names to domains. */
    private final boolean domainFile;

    public RoutesYamlEditor(String file) {
        this(file, false);
    }

    /** {@code domainFile}: a domain file of an infra/ directory ({@code <domain>: {machines: ...}}). */
    public RoutesYamlEditor(String file, boolean domainFile) {
        this.file = file;
        this.domainFile = domainFile;
    }

    /** The mapping of domain names to domains: under {@code domains:}, or the whole of a domain file. */
    private MappingNode domains(Node root) {
        MappingNode top = blockMapping(root, "the top level");
        return domainFile ? top : blockMapping(entryOf(top, "domains"), "domains");
    }

    public String addRoute(String text, String machine, Route route) {
        List<String> lines = lines(text);
        NodeTuple entry = machineEntry(compose(text), machine);
        int keyColumn = entry.getKeyNode().getStartMark().getColumn();
        int keyLine = entry.getKeyNode().getStartMark().getLine();
        int unit = 2;
        Node value = entry.getValueNode();
        if (isNull(value)) {
            insert(lines, keyLine, indent(keyColumn + unit) + "routes:\n" + item(route, keyColumn + 2 * unit, unit));
            return join(lines);
        }
        if (!(value instanceof MappingNode body)) {
            throw new EditException(at(value) + ": machine " + machine + " must be a mapping");
        }
        if (body.getFlowStyle() == DumperOptions.FlowStyle.FLOW) {
            if (!body.getValue().isEmpty() || value.getStartMark().getLine() != value.getEndMark().getLine()) {
                throw new EditException(at(value) + ": machine " + machine + " is written in flow style ({...}); "
                        + "write it as an indented block to let anklume-tui add a route");
            }
            // "web: {}" becomes "web:" followed by the block.
            String line = lines.get(keyLine);
            int from = value.getStartMark().getColumn();
            int to = value.getEndMark().getColumn();
            lines.set(keyLine, (line.substring(0, from) + line.substring(to)).replaceAll("[ \\t]+(\\r?\\n)$", "$1")
                    .replaceAll("[ \\t]+$", ""));
            insert(lines, keyLine, indent(keyColumn + unit) + "routes:\n" + item(route, keyColumn + 2 * unit, unit));
            return join(lines);
        }
        int fieldColumn = body.getValue().get(0).getKeyNode().getStartMark().getColumn();
        unit = Math.max(1, fieldColumn - keyColumn);
        Optional<NodeTuple> routes = entry(body, "routes");
        if (routes.isEmpty()) {
            insert(lines, lastLine(body), indent(fieldColumn) + "routes:\n" + item(route, fieldColumn + unit, unit));
            return join(lines);
        }
        Node list = routes.get().getValueNode();
        int routesKeyLine = routes.get().getKeyNode().getStartMark().getLine();
        if (isNull(list)) {
            insert(lines, routesKeyLine, item(route, fieldColumn + unit, unit));
            return join(lines);
        }
        if (!(list instanceof SequenceNode seq) || seq.getFlowStyle() == DumperOptions.FlowStyle.FLOW) {
            throw new EditException(at(list) + ": routes of " + machine + " are not an indented list (- host: ...); "
                    + "write them as one to let anklume-tui add to them");
        }
        int dashColumn = lines.get(seq.getValue().get(0).getStartMark().getLine())
                .lastIndexOf('-', seq.getValue().get(0).getStartMark().getColumn());
        insert(lines, lastLine(seq), item(route, Math.max(dashColumn, 0), unit));
        return join(lines);
    }

    /** Removes the route of {@code host} wherever it is declared; the machine it belonged to is returned with the text. */
    public record Removal(String text, String machine) {}

    public Removal removeRoute(String text, String host) {
        List<String> lines = lines(text);
        MappingNode machines = null;
        for (NodeTuple d : domains(compose(text)).getValue()) {
            if (!(d.getValueNode() instanceof MappingNode body)) {
                continue;
            }
            Optional<NodeTuple> ms = entry(body, "machines");
            if (ms.isEmpty() || !(ms.get().getValueNode() instanceof MappingNode map)) {
                continue;
            }
            machines = map;
            for (NodeTuple m : map.getValue()) {
                if (!(m.getValueNode() instanceof MappingNode mbody)) {
                    continue;
                }
                Optional<NodeTuple> routes = entry(mbody, "routes");
                if (routes.isEmpty() || !(routes.get().getValueNode() instanceof SequenceNode seq)) {
                    continue;
                }
                for (Node item : seq.getValue()) {
                    if (item instanceof MappingNode r && entry(r, "host").map(t -> scalar(t.getValueNode()))
                            .filter(host::equals).isPresent()) {
                        if (seq.getFlowStyle() == DumperOptions.FlowStyle.FLOW || mbody.getFlowStyle()
                                == DumperOptions.FlowStyle.FLOW) {
                            throw new EditException(at(seq) + ": routes of " + scalar(m.getKeyNode())
                                    + " are in flow style ([...]); remove " + host + " by hand");
                        }
                        int first = item.getStartMark().getLine();
                        int last = lastLine(item);
                        if (seq.getValue().size() == 1) {
                            first = routes.get().getKeyNode().getStartMark().getLine();
                        }
                        for (int i = last; i >= first; i--) {
                            lines.remove(i);
                        }
                        return new Removal(join(lines), scalar(m.getKeyNode()));
                    }
                }
            }
        }
        throw new EditException(file + ": no route for host " + host + (machines == null ? " (no machines)" : ""));
    }

    private NodeTuple machineEntry(Node root, String machine) {
        for (NodeTuple d : domains(root).getValue()) {
            if (d.getValueNode() instanceof MappingNode body) {
                Optional<NodeTuple> ms = entry(body, "machines");
                if (ms.isPresent() && ms.get().getValueNode() instanceof MappingNode map) {
                    Optional<NodeTuple> m = entry(map, machine);
                    if (m.isPresent()) {
                        if (map.getFlowStyle() == DumperOptions.FlowStyle.FLOW) {
                            throw new EditException(at(map) + ": machines are in flow style ({...}); write them as "
                                    + "an indented block to let anklume-tui add a route");
                        }
                        return m.get();
                    }
                }
            }
        }
        throw new EditException(file + ": machine " + machine + " is not declared");
    }

    private static String item(Route r, int dashColumn, int unit) {
        String inner = indent(dashColumn + 2);
        StringBuilder b = new StringBuilder();
        b.append(indent(dashColumn)).append("- host: ").append(r.host()).append('\n');
        b.append(inner).append("port: ").append(r.port()).append('\n');
        if (r.auth() != null) {
            b.append(inner).append("auth:\n");
            b.append(inner).append(indent(unit)).append("user: ").append(quote(r.auth().user())).append('\n');
            b.append(inner).append(indent(unit)).append("password_hash: ").append(quote(r.auth().passwordHash()))
                    .append('\n');
        }
        return b.toString();
    }

    private Node compose(String text) {
        return YamlText.compose(file, text, EditException::new);
    }

    private Node entryOf(MappingNode map, String key) {
        return entry(map, key).map(NodeTuple::getValueNode)
                .orElseThrow(() -> new EditException(file + ": no '" + key + "' in the file"));
    }

    private MappingNode blockMapping(Node node, String where) {
        if (!(node instanceof MappingNode map) || map.getFlowStyle() == DumperOptions.FlowStyle.FLOW) {
            throw new EditException(at(node) + ": " + where + " must be an indented mapping");
        }
        return map;
    }

    private String at(Node node) {
        return file + ":" + (node.getStartMark().getLine() + 1);
    }

    private static List<String> lines(String text) {
        List<String> out = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                out.add(text.substring(start, i + 1));
                start = i + 1;
            }
        }
        if (start < text.length()) {
            out.add(text.substring(start) + "\n");
        }
        return out;
    }

    /** Inserts after 0-based {@code line}, above the blank lines a block scalar's end includes. */
    private static void insert(List<String> lines, int line, String block) {
        int last = Math.min(line, lines.size() - 1);
        while (last >= 0 && lines.get(last).isBlank()) {
            last--;
        }
        String newline = !lines.isEmpty() && lines.get(0).endsWith("\r\n") ? "\r\n" : "\n";
        lines.add(last + 1, newline.equals("\n") ? block : block.replace("\n", newline));
    }

    private static String join(List<String> lines) {
        return String.join("", lines);
    }
}
