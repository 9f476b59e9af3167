package io.anklume.tui;

import com.googlecode.lanterna.TerminalSize;
import com.googlecode.lanterna.input.KeyStroke;
import com.googlecode.lanterna.screen.TerminalScreen;
import com.googlecode.lanterna.terminal.Terminal;
import com.googlecode.lanterna.terminal.virtual.DefaultVirtualTerminal;
import io.anklume.core.CoreServices;
import io.anklume.incus.IncusConfig;
import io.anklume.themes.ThemeLoader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

/**
 * {@code anklume-tui --cds-training}: loads the classes of a normal start (Incus client, inventory,
 * screen, views) and draws a few frames through the real terminal classes, so that
 * {@code java -XX:ArchiveClassesAtExit=...} can record a class-data sharing archive that the launcher
 * then uses: start-up is mostly class loading.
 */
final class CdsTraining {
    private CdsTraining() {}

    /**
     * Classes of a real start that this run does not reach (the argument parsing, the screen's own
     * services, the JDK behind the file log, the console check, the stty processes and opening Incus on
     * its own thread); loaded, not run, so the archive has them. Names, as some are not visible here;
     * a test checks that each still exists.
     */
    static final List<String> REAL_START_CLASSES = List.of(
            "io.anklume.core.cli.Cli", "io.anklume.core.cli.Args$UsageException",
            "io.anklume.tui.Main$Runner", "io.anklume.tui.Main$Runner$1", "io.anklume.tui.Main$Runner$2",
            "io.anklume.tui.Main$Runner$3", "io.anklume.tui.Main$Runner$Opening", "io.anklume.tui.Main$Options",
            "io.anklume.tui.TuiServices$Safekeeping", "io.anklume.tui.TuiServices$Plans",
            "io.anklume.core.routing.InfraRoutes", "io.anklume.core.routing.RouteService",
            "io.anklume.core.routing.CaddyException", "io.anklume.core.routing.RoutesYamlEditor$EditException",
            "io.anklume.core.routing.RouteKeeper$Outcome", "io.anklume.core.adopt.Declarations",
            "io.anklume.core.snapshot.SnapshotScope", "io.anklume.core.isolation.Isolation",
            "io.anklume.core.isolation.IsolationException", "io.anklume.core.isolation.HostFirewall",
            "io.anklume.core.isolation.AclFirewall", "io.anklume.incus.model.ServerInfo",
            "java.util.logging.FileHandler", "java.util.logging.FileHandler$MeteredStream",
            "java.util.logging.FileHandler$InitializationErrorManager", "java.util.logging.SimpleFormatter",
            "java.util.logging.ConsoleHandler", "java.util.logging.XMLFormatter", "java.util.logging.ErrorManager",
            "java.util.logging.LogManager$CloseOnReset", "sun.nio.ch.FileChannelImpl", "sun.nio.ch.FileLockImpl",
            "sun.nio.ch.FileLockTable", "sun.nio.ch.FileKey", "sun.nio.fs.UnixChannelFactory",
            "java.io.Console", "java.io.Console$LineReader",
            "java.util.concurrent.CompletableFuture", "java.util.concurrent.CompletableFuture$AsyncSupply",
            "java.util.concurrent.CompletableFuture$UniHandle", "java.util.concurrent.CompletableFuture$Signaller",
            "java.lang.ProcessBuilder", "java.lang.ProcessImpl", "java.lang.ProcessHandleImpl",
            "java.lang.ProcessImpl$ProcessPipeInputStream", "java.lang.ProcessImpl$ProcessPipeOutputStream",
            "java.lang.ProcessHandleImpl$ExitCompletion", "java.nio.channels.Channels", "sun.nio.ch.Util");

    static int run() {
        for (String name : REAL_START_CLASSES) {
            try {
                Class.forName(name, false, CdsTraining.class.getClassLoader());
            } catch (ClassNotFoundException | LinkageError e) {
                // One class fewer in the archive.
            }
        }
        try (CoreServices core = CoreServices.open(IncusConfig.local(), true)) {
            core.awaitInventory(Duration.ofSeconds(10));
            TerminalScreen screen = new TerminalScreen(terminal());
            screen.startScreen();
            TuiServices services = new TuiServices(core.inventory(), core.lifecycle(), core.snapshots(),
                    (ref, file) -> "", core.consoles(), core.details(), v -> 0, null, (file, domain, machine) -> { }, null, true,
                    () -> "snap", Main.gpus(core, true),
                    Main.housekeeping(core, true), TuiServices.Routes.NONE, null, () -> 0,
                    file -> new io.anklume.core.isolation.Isolation(null, null).report(file), (ref, to) -> "");
            App app = new App(screen, services, ThemeLoader.forUser().initial(null).theme(), Runnable::run);
            for (String key : List.of("?", "Esc", "/", "x", "Esc", "g", "g")) {
                app.render();
                app.handle(key.equals("Esc") ? new KeyStroke(com.googlecode.lanterna.input.KeyType.Escape)
                        : new KeyStroke(key.charAt(0), false, false));
            }
            app.render();
            screen.stopScreen();
            screen.getTerminal().close();
            return 0;
        } catch (Exception e) {
            System.err.println("cds training: " + e.getMessage());
            return 0; // an archive of fewer classes is still useful
        }
    }

    /**
     * The terminal of a real start (ConsoleTerminal over FrameBufferedOutput, escape sequences and all), so
     * its classes are archived too; there is no tty here, so its stty calls answer without running stty
     * and the terminal's answers to size queries are canned. Falls back to a virtual terminal.
     */
    static Terminal terminal() {
        byte[] sizeReports = "\u001b[40;120R".repeat(16).getBytes(StandardCharsets.US_ASCII);
        try {
            return new ConsoleTerminal(new ByteArrayInputStream(sizeReports), new FrameBufferedOutput(OutputStream.nullOutputStream()),
                    Charset.defaultCharset()) {
                @Override
                protected String exec(String... command) {
                    return "";
                }
            };
        } catch (IOException | RuntimeException e) {
            return new DefaultVirtualTerminal(new TerminalSize(120, 40));
        }
    }
}
