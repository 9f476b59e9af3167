package io.anklume.tui;

import com.googlecode.lanterna.TerminalSize;
import com.googlecode.lanterna.TextCharacter;
import com.googlecode.lanterna.TextColor;
import com.googlecode.lanterna.input.KeyStroke;
import com.googlecode.lanterna.input.KeyType;
import com.googlecode.lanterna.screen.TerminalScreen;
import com.googlecode.lanterna.terminal.virtual.DefaultVirtualTerminal;
import io.anklume.core.inventory.InstanceView;
import io.anklume.themes.Theme;
import io.anklume.themes.ThemeLoader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The real App on a Lanterna virtual terminal, with actions run inline so every key press is fully
 * handled before the screen is read back.
 */
final class Harness {
    final DefaultVirtualTerminal terminal;
    final TerminalScreen screen;
    final App app;
    final Fakes.FakeInventory inventory;
    final Fakes.FakeLifecycle lifecycle = new Fakes.FakeLifecycle();
    final Fakes.FakeSnapshots snapshots = new Fakes.FakeSnapshots();
    final List<String> adopted = new ArrayList<>();
    final Fakes.FakePlans plans = new Fakes.FakePlans();
    final List<String> declared = new ArrayList<>();
    final Fakes.FakeGpus gpus = new Fakes.FakeGpus();
    final Fakes.FakeHousekeeping housekeeping = new Fakes.FakeHousekeeping();
    final Fakes.FakeRoutes routes = new Fakes.FakeRoutes();
    final Fakes.FakeSafekeeping safekeeping = new Fakes.FakeSafekeeping();
    final List<String> disposables = new ArrayList<>();
    final List<String> renamed = new ArrayList<>();
    /** What the console log answers. */
    volatile String console = "boot line 1\nboot line 2\n";
    /** The domains the fake infra file declares. */
    volatile List<String> fileDomains = List.of();
    final List<Path> isolationRead = new ArrayList<>();
    /** What the isolation reader answers: the workstation example, as if its table were loaded. */
    volatile io.anklume.core.isolation.IsolationReport isolation = workstationIsolation();

    static io.anklume.core.isolation.IsolationReport workstationIsolation() {
        io.anklume.core.infra.InfraFiles.Loaded loaded = io.anklume.core.infra.InfraFiles.load(
                Path.of("..", "examples", "workstation", "infra.yml"), io.anklume.core.net.HostNetworks.none());
        return new io.anklume.core.isolation.IsolationReport(
                io.anklume.core.isolation.IsolationMatrix.of(loaded.infra(), loaded.addresses()),
                "table inet anklume is loaded and matches the file", true, java.util.Map.of("sandbox -> pro", 12L));
    }

    Harness(int cols, int rows, boolean readOnly, List<InstanceView> instances) {
        this(cols, rows, readOnly, instances, ThemeLoader.builtIn("default"));
    }

    Harness(int cols, int rows, boolean readOnly, List<InstanceView> instances, Theme theme) {
        try {
            terminal = new DefaultVirtualTerminal(new TerminalSize(cols, rows));
            screen = new TerminalScreen(terminal);
            screen.startScreen();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        inventory = new Fakes.FakeInventory(instances);
        TuiServices services = new TuiServices(inventory, lifecycle, snapshots, (ref, file) -> {
            adopted.add(ref + " -> " + file);
            return "adopted " + ref + "; to match its entry: eth0 10.231.0.3";
        }, ref -> console, ref -> new io.anklume.core.inventory.InstanceDetails(
                java.util.Map.of("eth0", List.of(ref.name().equals("pro-dev") ? "10.110.0.1/24" : "10.0.0.9/24")),
                java.util.Map.of("limits.cpu", "2"), java.util.Map.of("gpu", java.util.Map.of("type", "gpu", "gputype", "physical"), "anklume-ssh",
                        java.util.Map.of("type", "proxy", "listen", "tcp:0.0.0.0:22005", "connect", "tcp:127.0.0.1:22")),
                List.of("default")), v -> 0, plans,
                new TuiServices.Declarer() {
                    @Override
                    public void declare(Path file, String domain, io.anklume.core.adopt.MachineEntry machine) {
                        declared.add(domain + "/" + machine.name() + " image=" + machine.osImage() + " gpu=" + machine.gpu());
                    }

                    @Override
                    public List<String> domains(Path file) {
                        return fileDomains;
                    }
                }, Path.of("infra.yml"), readOnly, () -> "snap-20261124-120000",
                gpus, housekeeping, routes,

                safekeeping, () -> {
                    disposables.add("opened");
                    return 0;
                }, file -> {
                    isolationRead.add(file);
                    return isolation;
                }, (ref, to) -> {
                    renamed.add(ref + " -> " + to);
                    return "renamed " + ref + " to " + to;
                });
        app = new App(screen, services, theme, Runnable::run);
        render();
    }

    Harness press(String... keys) {
        for (String k : keys) {
            app.handle(stroke(k));
        }
        render();
        return this;
    }

    Harness type(String text) {
        for (char c : text.toCharArray()) {
            app.handle(new KeyStroke(c, false, false));
        }
        render();
        return this;
    }

    static KeyStroke stroke(String k) {
        return switch (k) {
            case "Enter" -> new KeyStroke(KeyType.Enter);
            case "Esc" -> new KeyStroke(KeyType.Escape);
            case "Down" -> new KeyStroke(KeyType.ArrowDown);
            case "Up" -> new KeyStroke(KeyType.ArrowUp);
            case "Tab" -> new KeyStroke(KeyType.Tab);
            case "Home" -> new KeyStroke(KeyType.Home);
            case "End" -> new KeyStroke(KeyType.End);
            case "PageUp" -> new KeyStroke(KeyType.PageUp);
            case "PageDown" -> new KeyStroke(KeyType.PageDown);
            case "Backspace" -> new KeyStroke(KeyType.Backspace);
            case "Ctrl-C" -> new KeyStroke('c', true, false);
            case "Ctrl-U" -> new KeyStroke('u', true, false);
            default -> new KeyStroke(k.charAt(0), false, false);
        };
    }

    void render() {
        try {
            app.render();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void resize(int cols, int rows) {
        terminal.setTerminalSize(new TerminalSize(cols, rows));
        render();
    }

    String line(int row) {
        StringBuilder b = new StringBuilder();
        for (int c = 0; c < terminal.getTerminalSize().getColumns(); c++) {
            TextCharacter ch = terminal.getCharacter(c, row);
            b.append(ch == null ? " " : ch.getCharacterString());
        }
        return b.toString();
    }

    String text() {
        StringBuilder b = new StringBuilder();
        for (int r = 0; r < terminal.getTerminalSize().getRows(); r++) {
            b.append(line(r).stripTrailing()).append('\n');
        }
        return b.toString();
    }

    int rowOf(String needle) {
        for (int r = 0; r < terminal.getTerminalSize().getRows(); r++) {
            if (line(r).contains(needle)) {
                return r;
            }
        }
        throw new AssertionError("'" + needle + "' is not on screen:\n" + text());
    }

    TextColor foregroundOf(String needle) {
        int row = rowOf(needle);
        int col = line(row).indexOf(needle);
        return terminal.getCharacter(col, row).getForegroundColor();
    }
}
