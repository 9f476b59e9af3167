package io.anklume.themes;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.composer.Composer;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.parser.ParserImpl;
import org.yaml.snakeyaml.reader.StreamReader;
import org.yaml.snakeyaml.resolver.Resolver;

/**
 * Finds themes: the built-in {@code default}, {@code ansi16} and {@code mono}, and user themes in
 * {@code ~/.config/anklume-tui/themes/<name>.yml}. A broken user theme never stops the program: the
 * result carries a message naming the file and line, and a built-in theme.
 */
public final class ThemeLoader {
    public static final List<String> BUILT_IN = List.of("default", "ansi16", "mono");

    private final Path userDir;
    private final Map<String, String> env;

    public ThemeLoader(Path userDir, Map<String, String> env) {
        this.userDir = userDir;
        this.env = env;
    }

    public static ThemeLoader forUser() {
        String xdg = System.getenv("XDG_CONFIG_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".config");
        return new ThemeLoader(base.resolve("anklume-tui").resolve("themes"), System.getenv());
    }

    /** A theme and, when something was wrong, why another one is used. */
    public record Loaded(Theme theme, String warning) {}

    /** The theme to start with: mono under NO_COLOR, else the requested one, else default or ansi16. */
    public Loaded initial(String requested) {
        String noColor = env.get("NO_COLOR");
        if (noColor != null && !noColor.isEmpty()) {
            return new Loaded(builtIn("mono"), null);
        }
        if (requested != null) {
            return load(requested);
        }
        return new Loaded(builtIn(truecolor() ? "default" : "ansi16"), null);
    }

    boolean truecolor() {
        String colorterm = env.getOrDefault("COLORTERM", "").toLowerCase(java.util.Locale.ROOT);
        return colorterm.contains("truecolor") || colorterm.contains("24bit");
    }

    public Loaded load(String name) {
        if (BUILT_IN.contains(name)) {
            return new Loaded(builtIn(name), null);
        }
        Path file = userDir.resolve(name + ".yml");
        Theme fallback = builtIn(truecolor() ? "default" : "ansi16");
        if (!Files.isRegularFile(file)) {
            return new Loaded(fallback, "no theme '" + name + "' (built-in: " + String.join(", ", BUILT_IN)
                    + "; user themes go in " + userDir + "): using " + fallback.name());
        }
        try {
            return new Loaded(parse(file.toString(), Files.readString(file, StandardCharsets.UTF_8), fallback), null);
        } catch (IOException e) {
            return new Loaded(fallback, file + ": cannot be read (" + e.getMessage() + "): using " + fallback.name());
        } catch (ThemeException e) {
            return new Loaded(fallback, e.getMessage() + ": using " + fallback.name());
        }
    }

    /** Theme names available to {@code :theme}. */
    public List<String> names() {
        List<String> all = new java.util.ArrayList<>(BUILT_IN);
        try (var files = Files.list(userDir)) {
            files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".yml"))
                    .map(n -> n.substring(0, n.length() - 4)).sorted().forEach(all::add);
        } catch (IOException e) {
            // No user themes.
        }
        return all;
    }

    public static Theme builtIn(String name) {
        try (InputStream in = ThemeLoader.class.getResourceAsStream(name + ".yml")) {
            if (in == null) {
                throw new IllegalStateException("built-in theme " + name + " is missing from the jar");
            }
            return parse(name + ".yml", new String(in.readAllBytes(), StandardCharsets.UTF_8), null);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static final class ThemeException extends RuntimeException {
        ThemeException(String message) {
            super(message);
        }
    }

    /**
     * {@code name: x} and {@code colors: {role: color}}; a user theme's missing roles come from
     * {@code base} so a theme may change only a few colors.
     */
    static Theme parse(String file, String text, Theme base) {
        Node root;
        try (Reader r = new StringReader(text)) {
            // What Yaml.compose does, without the object constructor and representer a Yaml sets up
            // first: ~15 ms less of cold start-up for a theme read once.
            LoaderOptions options = new LoaderOptions();
            root = new Composer(new ParserImpl(new StreamReader(r), options), new Resolver(), options).getSingleNode();
        } catch (MarkedYAMLException e) {
            throw new ThemeException(file + ":" + (e.getProblemMark().getLine() + 1) + ": invalid YAML: " + e.getProblem());
        } catch (IOException e) {
            throw new ThemeException(file + ": " + e.getMessage());
        }
        Map<String, Color> colors = new LinkedHashMap<>(base == null ? Map.of() : base.colors());
        String name = file;
        if (!(root instanceof MappingNode top)) {
            throw new ThemeException(file + ":1: a theme is a mapping with name and colors");
        }
        for (NodeTuple t : top.getValue()) {
            String key = ((ScalarNode) t.getKeyNode()).getValue();
            Node value = t.getValueNode();
            int line = value.getStartMark().getLine() + 1;
            if (key.equals("name") && value instanceof ScalarNode s) {
                name = s.getValue();
            } else if (key.equals("colors") && value instanceof MappingNode m) {
                for (NodeTuple c : m.getValue()) {
                    String role = ((ScalarNode) c.getKeyNode()).getValue();
                    int cline = c.getValueNode().getStartMark().getLine() + 1;
                    if (!(c.getValueNode() instanceof ScalarNode cv)) {
                        throw new ThemeException(file + ":" + cline + ": colors." + role + ": expected a color");
                    }
                    try {
                        colors.put(role, Color.parse(cv.getValue()));
                    } catch (IllegalArgumentException e) {
                        throw new ThemeException(file + ":" + cline + ": colors." + role + ": " + e.getMessage());
                    }
                }
            } else {
                throw new ThemeException(file + ":" + line + ": unknown or malformed key '" + key
                        + "' (a theme has name and colors)");
            }
        }
        return new Theme(name, Map.copyOf(colors));
    }
}
