package io.anklume.core.infra;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * anklume's split layout of infra.yml, merged as its generator merges it: {@code base.yml}
 * (project_name, global, optionally domains), then every {@code domains/*.yml} in name order (each a
 * mapping of domain name to domain; a later definition of a name replaces the earlier one, with a
 * warning), then {@code policies.yml}'s {@code network_policies}, which replace base.yml's. Every
 * problem keeps the file, line and column it comes from.
 */
final class InfraDirectory {
    private InfraDirectory() {}

    static LoadResult load(Path dir) {
        Path base = dir.resolve("base.yml");
        if (!Files.isRegularFile(base)) {
            if (Files.isRegularFile(dir.resolve("anklume.yml"))) {
                return InfraLoader.fatal(dir.toString(), "this is an anklume 2 project directory (anklume.yml and "
                        + "domains/<name>.yml), which anklume-tui does not read yet; it reads infra.yml or an infra/ "
                        + "directory with base.yml, domains/*.yml and policies.yml");
            }
            return InfraLoader.fatal(dir.toString(), "an infra directory needs base.yml (project_name and global), "
                    + "domains/*.yml and optionally policies.yml");
        }
        Map<Node, String> nodeFiles = new IdentityHashMap<>();
        List<Problem> problems = new ArrayList<>();
        Node baseRoot = composeFile(base, nodeFiles, problems);
        if (baseRoot == null) {
            return new LoadResult(null, problems);
        }
        if (!(baseRoot instanceof MappingNode baseMap)) {
            problems.add(Problem.error(at(base, baseRoot), "", "base.yml must be a mapping with project_name and global"));
            return new LoadResult(null, problems);
        }
        Map<String, NodeTuple> top = new LinkedHashMap<>();
        for (NodeTuple t : baseMap.getValue()) {
            top.put(key(t), t);
        }
        LinkedHashMap<String, NodeTuple> domains = new LinkedHashMap<>();
        if (top.get("domains") != null && top.get("domains").getValueNode() instanceof MappingNode d) {
            d.getValue().forEach(t -> domains.put(key(t), t));
        }
        Path domainsDir = dir.resolve("domains");
        for (Path file : domainFiles(domainsDir, problems)) {
            Node root = composeFile(file, nodeFiles, problems);
            if (root == null || YamlNodes.isNull(root)) {
                continue;
            }
            if (!(root instanceof MappingNode m)) {
                problems.add(Problem.error(at(file, root), "domains", "a domain file is a mapping of domain name to "
                        + "domain, got " + YamlNodes.describe(root)));
                continue;
            }
            for (NodeTuple t : m.getValue()) {
                NodeTuple earlier = domains.put(key(t), t);
                if (earlier != null) {
                    problems.add(Problem.warning(at(file, t.getKeyNode()), "domains." + key(t), "domain '" + key(t)
                            + "' replaces its definition in " + nodeFiles.getOrDefault(earlier.getKeyNode(), base.toString())
                            + " (as anklume does)"));
                }
            }
        }
        if (!domains.isEmpty() || Files.isDirectory(domainsDir)) {
            Node keyNode = top.containsKey("domains") ? top.get("domains").getKeyNode() : scalar("domains", baseRoot);
            MappingNode merged = new MappingNode(Tag.MAP, true, new ArrayList<>(domains.values()), keyNode.getStartMark(),
                    keyNode.getEndMark(), DumperOptions.FlowStyle.BLOCK);
            nodeFiles.put(merged, nodeFiles.get(keyNode) != null ? nodeFiles.get(keyNode) : base.toString());
            top.put("domains", new NodeTuple(keyNode, merged));
        }
        Path policies = dir.resolve("policies.yml");
        if (Files.isRegularFile(policies)) {
            Node root = composeFile(policies, nodeFiles, problems);
            if (root instanceof MappingNode m) {
                for (NodeTuple t : m.getValue()) {
                    if (key(t).equals("network_policies")) {
                        top.put("network_policies", t);
                    }
                }
            }
        }
        MappingNode rootNode = new MappingNode(Tag.MAP, true, new ArrayList<>(top.values()), baseRoot.getStartMark(),
                baseRoot.getEndMark(), DumperOptions.FlowStyle.BLOCK);
        nodeFiles.put(rootNode, base.toString());
        return InfraLoader.read(base.toString(), rootNode, nodeFiles, problems);
    }

    /** The domain files of {@code dir}, by file name (the order later definitions replace earlier ones). */
    static List<Path> domainFiles(Path dir, List<Problem> problems) {
        List<Path> files = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return files;
        }
        try (DirectoryStream<Path> s = Files.newDirectoryStream(dir, "*.yml")) {
            s.forEach(files::add);
        } catch (IOException e) {
            problems.add(Problem.error(Position.unknown(dir.toString()), "domains", "cannot be read: " + e.getMessage()));
        }
        files.sort(null);
        return files;
    }

    /** Composes one file and records which file each of its nodes came from; null after a problem. */
    private static Node composeFile(Path file, Map<Node, String> nodeFiles, List<Problem> problems) {
        InfraLoader.Text text = InfraLoader.readText(file);
        if (text.fatal() != null) {
            problems.addAll(text.fatal().problems());
            return null;
        }
        InfraLoader.Composed c = InfraLoader.compose(file.toString(), text.text());
        if (c.fatal() != null) {
            problems.addAll(c.fatal().problems());
            return null;
        }
        if (c.root() != null) {
            mark(c.root(), file.toString(), nodeFiles);
        }
        return c.root();
    }

    private static void mark(Node node, String file, Map<Node, String> nodeFiles) {
        if (nodeFiles.putIfAbsent(node, file) != null) {
            return; // an alias already walked
        }
        if (node instanceof MappingNode m) {
            for (NodeTuple t : m.getValue()) {
                mark(t.getKeyNode(), file, nodeFiles);
                mark(t.getValueNode(), file, nodeFiles);
            }
        } else if (node instanceof SequenceNode s) {
            s.getValue().forEach(n -> mark(n, file, nodeFiles));
        }
    }

    private static String key(NodeTuple t) {
        return t.getKeyNode() instanceof ScalarNode s ? s.getValue() : "";
    }

    private static ScalarNode scalar(String value, Node near) {
        return new ScalarNode(Tag.STR, value, near.getStartMark(), near.getEndMark(), DumperOptions.ScalarStyle.PLAIN);
    }

    private static Position at(Path file, Node node) {
        return new Position(file.toString(), node.getStartMark().getLine() + 1, node.getStartMark().getColumn() + 1);
    }
}
