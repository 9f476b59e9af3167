package io.anklume.tui.e2e;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.anklume.incus.lab.IncusLab;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * D and x in the real jar in tmux: for D, the screen gives the terminal to a shell in a new ephemeral disp-*
 * container (raw mode, exec websocket), and when the shell exits the screen is back and the container gone.
 */
class ShellEndToEndIT {
    static final Duration WAIT = Duration.ofSeconds(30);
    static IncusLab lab;

    @BeforeAll
    static void up() {
        lab = IncusLab.create();
    }

    @AfterAll
    static void down() {
        lab.close();
    }

    private static boolean anyDisposable() {
        return lab.client().instances().list(lab.project(), false).stream().anyMatch(i -> i.name().startsWith("disp-"));
    }

    @Test
    void disposableShellFromTheListAndGoneAfterExit(@TempDir Path dir) throws Exception {
        Path infra = dir.resolve("infra.yml");
        // The lab project stands for the infra's disposable domain (the TUI only reads its name and image).
        Files.writeString(infra, """
                project_name: e2e-disp
                global:
                  addressing: {base_octet: 10, zone_base: 20}
                  default_os_image: busybox
                domains:
                  %s:
                    trust_level: disposable
                """.formatted(lab.project()));
        Path jar = Path.of("target", "anklume-tui.jar").toAbsolutePath();
        try (Tmux t = Tmux.start(120, 40, "exec java -jar " + jar + " --infra " + infra)) {
            t.waitForText("instances", WAIT);
            t.keys("D");
            t.waitFor("a disposable to run", s -> anyDisposable(), WAIT);
            Thread.sleep(1500); // the login shell prints its prompt
            t.type("echo inside-$((6*7)); stty size");
            t.keys("Enter");
            String shell = t.waitForText("inside-42", WAIT);
            assertTrue(shell.contains("40 120"), "the PTY has the terminal's size:\n" + shell);
            t.type("exit");
            t.keys("Enter");
            String back = t.waitForText("disposable shell ended", WAIT);
            assertTrue(back.contains("anklume-tui"), back);
            t.waitFor("the disposable to be deleted", s -> !anyDisposable(), WAIT);
            t.keys("q");
            t.waitFor("the program to exit", s -> t.paneDead(), WAIT);
        }
    }

    @Test
    void theXShellAlsoRunsOverTheExecWebsocket(@TempDir Path dir) throws Exception {
        String box = lab.name("sh");
        lab.launch(box);
        Path infra = Files.writeString(dir.resolve("infra.yml"),
                "project_name: e2e\nglobal:\n  addressing: {base_octet: 10, zone_base: 20}\ndomains: {}\n");
        Path jar = Path.of("target", "anklume-tui.jar").toAbsolutePath();
        try (Tmux t = Tmux.start(120, 40, "exec java -jar " + jar + " --infra " + infra)) {
            t.filterRows(box, WAIT);
            t.waitFor("only " + box + " listed", s -> s.contains(box) && !s.contains("legacy"), WAIT);
            t.keys("x");
            Thread.sleep(1500);
            t.type("echo in-$((6*7)) > /root/proof; cat /root/proof; exit 4");
            t.keys("Enter");
            String back = t.waitForText("shell in " + lab.project() + "/" + box + " ended (exit 4)", WAIT);
            assertTrue(back.contains(box), back);
            t.keys("q");
            t.waitFor("the program to exit", s -> t.paneDead(), WAIT);
        }
        assertTrue(lab.exec(box, "cat", "/root/proof").stdout().equals("in-42\n"));
    }
}
