package io.anklume.tui;

import io.anklume.core.inventory.InstanceView;
import io.anklume.core.snapshot.SnapshotView;
import io.anklume.themes.ThemeLoader;
import io.anklume.tui.view.SnapshotsView;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jline.reader.Candidate;
import org.jline.reader.ParsedLine;
import org.jline.reader.impl.DefaultParser;

/**
 * The {@code :} command line. Words are split by JLine's parser (quotes work) and completion offers
 * JLine candidates: commands first, then instance names, snapshot names, filter keys or themes.
 */
final class Palette {
    static final List<String> COMMANDS = List.of("snapshot", "restore", "rename", "rollback", "filter", "theme", "gpus",
            "orphans", "import-infra", "flush", "readonly", "help", "quit");

    private final App app;
    private final DefaultParser parser = new DefaultParser();
    private List<String> knownSnapshots = List.of();

    Palette(App app) {
        this.app = app;
    }

    void open() {
        app.prompt(":", "", this::complete, this::execute, text -> { });
    }

    List<String> complete(String line) {
        ParsedLine parsed = parser.parse(line, line.length());
        List<String> words = new ArrayList<>(parsed.words());
        String current = parsed.word();
        int index = parsed.wordIndex();
        List<Candidate> candidates = new ArrayList<>();
        if (index <= 0) {
            COMMANDS.forEach(c -> candidates.add(new Candidate(c)));
        } else {
            String command = words.get(0);
            switch (command) {
                case "snapshot" -> instanceNames().forEach(n -> candidates.add(new Candidate(n)));
                case "rename" -> {
                    if (index == 1) {
                        instanceNames().forEach(n -> candidates.add(new Candidate(n)));
                    }
                }
                case "restore" -> {
                    if (index == 1) {
                        instanceNames().forEach(n -> candidates.add(new Candidate(n)));
                    } else {
                        snapshotNames(words.get(1)).forEach(n -> candidates.add(new Candidate(n)));
                    }
                }
                case "filter" -> filterTerms().forEach(n -> candidates.add(new Candidate(n)));
                case "theme" -> ThemeLoader.forUser().names().forEach(n -> candidates.add(new Candidate(n)));
                default -> {
                }
            }
        }
        return candidates.stream().map(Candidate::value).filter(v -> v.startsWith(current)).distinct().sorted().toList();
    }

    /** Names, and PROJECT/NAME for a name several projects have (a bare one would be ambiguous). */
    private List<String> instanceNames() {
        List<InstanceView> all = app.inventory().instances();
        java.util.Map<String, Long> counts = all.stream().collect(java.util.stream.Collectors.groupingBy(
                InstanceView::name, java.util.stream.Collectors.counting()));
        return all.stream().map(v -> counts.get(v.name()) > 1 ? v.ref().project() + "/" + v.name() : v.name())
                .distinct().sorted().toList();
    }

    private List<String> filterTerms() {
        List<String> terms = new ArrayList<>();
        for (var t : io.anklume.core.infra.TrustLevel.values()) {
            terms.add("trust=" + t.yamlName());
        }
        terms.add("trust=untracked");
        app.inventory().instances().stream().map(InstanceView::domain).distinct().forEach(d -> terms.add("domain=" + d));
        terms.add("state=running");
        terms.add("state=stopped");
        return terms;
    }

    /** Snapshot names of an instance, read once in the background and completed on the next Tab. */
    private List<String> snapshotNames(String instance) {
        unique(instance).ifPresent(v -> app.load("reading snapshots of " + v.ref(),
                () -> app.services().snapshots().list(v.ref()), list -> {
                    knownSnapshots = list.stream().map(SnapshotView::name).toList();
                    app.markDirty();
                }));
        return knownSnapshots;
    }

    /** The instances {@code name} designates: NAME, or PROJECT/NAME. */
    private List<InstanceView> find(String name) {
        int slash = name.indexOf('/');
        return app.inventory().instances().stream().filter(v -> slash < 0 ? v.name().equals(name)
                : v.ref().project().equals(name.substring(0, slash)) && v.name().equals(name.substring(slash + 1))).toList();
    }

    private Optional<InstanceView> unique(String name) {
        List<InstanceView> found = find(name);
        return found.size() == 1 ? Optional.of(found.get(0)) : Optional.empty();
    }

    void execute(String line) {
        List<String> words = parser.parse(line, line.length()).words().stream().filter(w -> !w.isEmpty()).toList();
        if (words.isEmpty()) {
            return;
        }
        String command = words.get(0);
        switch (command) {
            case "quit", "q" -> app.askQuit();
            case "help" -> app.push(new io.anklume.tui.view.HelpView(app));
            case "readonly" -> app.enableReadOnly();
            case "gpus" -> app.load("reading the host's GPUs", () -> app.services().gpus().host(), lines -> {
                if (lines.isEmpty()) {
                    app.info("host GPUs: none (/1.0/resources lists no GPU)");
                } else {
                    app.info("host GPUs: " + String.join(" | ", lines));
                }
            });
            case "theme" -> {
                if (words.size() < 2) {
                    app.error(":theme needs a name: " + String.join(", ", ThemeLoader.forUser().names()));
                    return;
                }
                ThemeLoader.Loaded loaded = ThemeLoader.forUser().load(words.get(1));
                app.theme(loaded.theme());
                if (loaded.warning() != null) {
                    app.error(loaded.warning());
                } else {
                    app.info("theme " + loaded.theme().name());
                }
            }
            case "orphans" -> withInfraFile(":orphans", file -> app.load("reading orphans of " + file,
                    () -> app.services().housekeeping().orphans(file), lines -> app.info(lines.isEmpty()
                            ? "no orphans: every managed instance is declared in " + file
                            : "orphans (managed, not in " + file + "): " + String.join(", ", lines))));
            case "import-infra" -> {
                if (words.size() < 2) {
                    app.error(":import-infra needs the FILE to write (it is never overwritten)");
                    return;
                }
                java.nio.file.Path out = java.nio.file.Path.of(words.get(1));
                app.load("importing the Incus state into " + out, () -> app.services().housekeeping().importInfra(out),
                        app::info);
            }
            case "flush" -> withInfraFile(":flush", file -> {
                if (app.readOnly()) {
                    app.error("cannot flush: read-only mode");
                    return;
                }
                boolean force = words.contains("--force");
                app.load("planning the flush of " + file, () -> app.services().housekeeping().flushPlan(file, force),
                        plan -> app.later(() -> confirmFlush(plan)));
            });
            case "filter" -> app.listView().filter(words.size() > 1 ? String.join(" ", words.subList(1, words.size())) : "");
            case "snapshot" -> withInstance(words, 1, v -> {
                if (app.readOnly()) {
                    app.error("cannot snapshot " + v.ref() + ": read-only mode");
                    return;
                }
                String name = words.size() > 2 ? words.get(2) : null;
                app.run("snapshotting " + v.ref(), () -> app.services().snapshots().create(v.ref(), name),
                        "snapshot of " + v.ref() + " created");
            });
            case "rename" -> withInstance(words, 1, v -> {
                if (words.size() < 3) {
                    app.error(":rename needs an instance and its new name (Tab completes the instance)");
                    return;
                }
                if (app.readOnly()) {
                    app.error("cannot rename " + v.ref() + ": read-only mode");
                    return;
                }
                io.anklume.tui.view.Actions.rename(app, v, words.get(2));
            });
            case "rollback" -> {
                if (app.readOnly()) {
                    app.error("cannot roll back: read-only mode");
                    return;
                }
                io.anklume.tui.view.Actions.rollback(app);
            }
            case "restore" -> withInstance(words, 1, v -> {
                if (words.size() < 3) {
                    app.error(":restore needs an instance and a snapshot name (Tab completes them)");
                    return;
                }
                if (app.readOnly()) {
                    app.error("cannot restore " + v.ref() + ": read-only mode");
                    return;
                }
                SnapshotsView.confirmRestore(app, v, words.get(2), null);
            });
            default -> app.error("unknown command :" + command + " (commands: " + String.join(", ", COMMANDS) + ")");
        }
    }

    private void confirmFlush(io.anklume.core.flush.FlushPlan plan) {
        if (plan.isEmpty()) {
            app.info("nothing to flush" + (plan.kept().isEmpty() ? "" : " (" + plan.kept().size() + " kept: "
                    + String.join("; ", plan.kept()) + ")"));
            return;
        }
        app.confirm("Flush " + plan.summary() + ":\n" + String.join("\n", plan.lines())
                + "\nDelete all of this? It cannot be undone. [y/N]",
                () -> app.load("flushing", () -> app.services().housekeeping().flush(plan), done -> {
                    app.info(done);
                    app.services().inventory().refresh();
                }));
    }

    private void withInfraFile(String command, java.util.function.Consumer<java.nio.file.Path> action) {
        if (app.services().infraFile() == null) {
            app.error(command + " needs an infra file: start with --infra FILE (or have ./infra.yml)");
            return;
        }
        action.accept(app.services().infraFile());
    }

    private void withInstance(List<String> words, int index, java.util.function.Consumer<InstanceView> action) {
        if (words.size() <= index) {
            app.error(":" + words.get(0) + " needs an instance name (Tab completes it)");
            return;
        }
        String name = words.get(index);
        List<InstanceView> found = find(name);
        if (found.isEmpty()) {
            app.error("no instance named " + name);
        } else if (found.size() > 1) {
            // Acting on whichever came first could snapshot or restore the wrong project's instance.
            app.error(name + " is in " + found.size() + " projects (" + String.join(", ", found.stream()
                    .map(v -> v.ref().project() + "/" + v.name()).toList()) + "): write PROJECT/NAME");
        } else {
            action.accept(found.get(0));
        }
    }
}
