package io.anklume.core.infra;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;

/**
 * The file a machine of a domain is written into. For an infra.yml, that file. For an infra/ directory
 * (named, or read because infra.yml does not exist beside it, as anklume reads it), the file whose
 * definition of the domain counts: the last domains/*.yml defining it (later files replace earlier
 * ones), else base.yml when it defines the domain, else a new {@code domains/<domain>.yml}. Writing a
 * new infra.yml beside the directory instead would make the whole directory ignored from then on.
 */
public record InfraTarget(Path file, boolean domainFile, boolean inDirectory) {
    /** Where {@code domain}'s machines go for the infra path {@code infra}. */
    public static InfraTarget of(Path infra, String domain) {
        Path dir = directory(infra);
        if (dir == null) {
            return new InfraTarget(infra, false, false);
        }
        Path defining = null;
        // The loader's order (by file name); a directory it cannot list is its problem to report.
        for (Path file : InfraDirectory.domainFiles(dir.resolve("domains"), new ArrayList<>())) {
            if (defines(file, domain)) {
                defining = file;
            }
        }
        if (defining != null) {
            return new InfraTarget(defining, true, true);
        }
        Path base = dir.resolve("base.yml");
        if (Files.isRegularFile(base) && baseDefines(base, domain)) {
            return new InfraTarget(base, false, true);
        }
        return new InfraTarget(dir.resolve("domains").resolve(domain + ".yml"), true, true);
    }

    /** The infra/ directory {@code infra} means, or null for a single file. */
    public static Path directory(Path infra) {
        if (Files.isDirectory(infra)) {
            return infra;
        }
        String name = infra.getFileName() == null ? "" : infra.getFileName().toString();
        if (!Files.exists(infra) && name.endsWith(".yml")) {
            Path dir = infra.resolveSibling(name.substring(0, name.length() - 4));
            if (Files.isDirectory(dir)) {
                return dir;
            }
        }
        return null;
    }

    /** Whether the domain file's top-level mapping has {@code domain}; an unreadable file does not. */
    private static boolean defines(Path file, String domain) {
        Node root = compose(file);
        return root instanceof MappingNode top && YamlText.entry(top, domain).isPresent();
    }

    private static boolean baseDefines(Path base, String domain) {
        Node root = compose(base);
        return root instanceof MappingNode top && YamlText.entry(top, "domains")
                .filter(d -> d.getValueNode() instanceof MappingNode)
                .flatMap(d -> YamlText.entry((MappingNode) d.getValueNode(), domain)).isPresent();
    }

    private static Node compose(Path file) {
        try {
            return YamlText.compose(file.toString(), Files.readString(file), IllegalArgumentException::new);
        } catch (IOException | IllegalArgumentException e) {
            return null;
        }
    }
}
