package io.anklume.tui;

import com.googlecode.lanterna.TerminalSize;
import com.googlecode.lanterna.input.KeyStroke;
import com.googlecode.lanterna.screen.TerminalScreen;
import com.googlecode.lanterna.terminal.virtual.DefaultVirtualTerminal;
import io.anklume.core.CoreServices;
import io.anklume.incus.IncusConfig;
import io.anklume.themes.ThemeLoader;
import java.time.Duration;
import java.util.List;

/**
 * {@code anklume-tui --cds-training}: loads the classes of a normal start (Incus client, inventory,
 * screen, views) and draws a few frames on a virtual terminal, so that
 * {@code java -XX:ArchiveClassesAtExit=...} can record a class-data sharing archive that the launcher
 * then uses: start-up is mostly class loading.
 */
final class CdsTraining {
    private CdsTraining() {}

    static int run() {
        try (CoreServices core = CoreServices.open(IncusConfig.local(), true)) {
            core.awaitInventory(Duration.ofSeconds(10));
            TerminalScreen screen = new TerminalScreen(new DefaultVirtualTerminal(new TerminalSize(120, 40)));
            screen.startScreen();
            TuiServices services = new TuiServices(core.inventory(), core.lifecycle(), core.snapshots(),
                    (ref, file) -> "", core.consoles(), core.details(), v -> 0, null, (file, domain, machine) -> { }, null, true,
                    () -> "snap", Main.gpus(core, true),
                    Main.housekeeping(core, true), TuiServices.Routes.NONE, null, () -> 0,
                    file -> new io.anklume.core.isolation.Isolation(null, null).report(file));
            App app = new App(screen, services, ThemeLoader.forUser().initial(null).theme(), Runnable::run);
            for (String key : List.of("?", "Esc", "/", "x", "Esc", "g", "g")) {
                app.render();
                app.handle(key.equals("Esc") ? new KeyStroke(com.googlecode.lanterna.input.KeyType.Escape)
                        : new KeyStroke(key.charAt(0), false, false));
            }
            app.render();
            screen.stopScreen();
            return 0;
        } catch (Exception e) {
            System.err.println("cds training: " + e.getMessage());
            return 0; // an archive of fewer classes is still useful
        }
    }
}
