package io.anklume.tui.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
 * A person at a terminal: the real jar in tmux against the real Incus lab, driven by keys only.
 */
class TuiEndToEndIT {
    static final Duration WAIT = Duration.ofSeconds(20);
    static IncusLab lab;
    static String box;
    static String stray;

    @BeforeAll
    static void up() {
        lab = IncusLab.create();
        box = lab.name("e2e");
        stray = lab.name("stray");
        lab.launch(box);
        lab.launch(stray);
    }

    @AfterAll
    static void down() {
        lab.close();
    }

    static Tmux start(Path infra, String... options) {
        Path jar = Path.of("target", "anklume-tui.jar").toAbsolutePath();
        if (!Files.isRegularFile(jar)) {
            throw new AssertionError("no " + jar + ": the end-to-end tests run after mvn package");
        }
        return Tmux.start(120, 40, "exec java -jar " + jar + " --infra " + infra + " " + String.join(" ", options));
    }

    @Test
    void snapshotChangeAndRestoreWithKeysOnly(@TempDir Path dir) throws Exception {
        Path infra = dir.resolve("infra.yml");
        Files.writeString(infra, "project_name: e2e\nglobal:\n  addressing: {base_octet: 10, zone_base: 150}\ndomains: {}\n");
        lab.exec(box, "sh", "-c", "echo original > /root/state.txt");
        try (Tmux t = start(infra)) {
            t.filterRows(box, WAIT);
            t.waitFor("only " + box + " listed", s -> s.contains(box) && !s.contains(stray), WAIT);
            t.keys("p");
            t.waitForText("no snapshots of " + lab.project() + "/" + box, WAIT);
            t.keys("n");
            t.waitForText("snapshot name: snap-", WAIT);
            t.keys("Enter");
            String shown = t.waitForText("created", WAIT);
            assertTrue(shown.contains("snap-"), shown);

            lab.exec(box, "sh", "-c", "echo changed > /root/state.txt");
            assertEquals("changed\n", lab.exec(box, "cat", "/root/state.txt").stdout());

            t.keys("Enter");
            t.waitForText("will be lost. [y/N]", WAIT);
            t.keys("y");
            t.waitForText("restored " + lab.project() + "/" + box, WAIT);
            assertEquals("original\n", lab.exec(box, "cat", "/root/state.txt").stdout());
            t.keys("q");
            t.waitFor("the program to exit", s -> t.paneDead(), WAIT);
        }
    }

    @Test
    void adoptAnUntrackedContainerWithA(@TempDir Path dir) throws Exception {
        Path infra = dir.resolve("infra.yml");
        String original = """
                # my workstation
                project_name: e2e
                global:
                  addressing: {base_octet: 10, zone_base: 150}
                domains:
                  keep:
                    description: "stays as written"   # a comment that must survive
                    machines:
                      keep-box:
                        description: "untouched"
                """;
        Files.writeString(infra, original);
        try (Tmux t = start(infra)) {
            t.filterRows(stray, WAIT);
            t.waitFor("only " + stray + " listed", s -> s.contains(stray) && !s.contains(box), WAIT);
            assertTrue(t.screen().contains("UNTRACKED"), t.screen());
            t.keys("a");
            t.waitForText("Adopt " + lab.project() + "/" + stray, WAIT);
            t.keys("y");
            t.waitForText("adopted " + lab.project() + "/" + stray, WAIT);
            t.waitFor("the row to turn managed", s -> s.contains("managed") && !s.contains("UNTRACKED"), WAIT);
            t.keys("q");
        }
        var instance = lab.client().instances().get(lab.project(), stray);
        assertEquals("true", instance.config().get("user.anklume.managed"));
        String written = Files.readString(infra);
        assertTrue(written.startsWith(original.substring(0, original.indexOf("      keep-box"))), written);
        assertTrue(written.contains("# a comment that must survive"), written);
        assertTrue(written.contains(stray + ":"), written);
        assertTrue(written.contains(lab.project() + ":"), written);
    }

    @Test
    void aResizedTerminalIsRedrawnCompletely(@TempDir Path dir) throws Exception {
        Path infra = dir.resolve("infra.yml");
        Files.writeString(infra, "project_name: e2e\nglobal:\n  addressing: {base_octet: 10, zone_base: 150}\ndomains: {}\n");
        try (Tmux t = start(infra)) {
            t.filterRows(box, WAIT);
            t.waitForText(box, WAIT);
            // Wider, then smaller than the first frame, then back: each time the whole screen must be
            // drawn again, not only the cells that changed (the terminal does not keep the rest).
            for (int[] size : new int[][] {{200, 60}, {60, 15}, {120, 40}}) {
                t.resize(size[0], size[1]);
                t.waitFor("header and column titles at " + size[0] + "x" + size[1], s -> {
                    String[] lines = s.split("\n", -1);
                    return lines.length > 2 && lines[0].startsWith(" anklume-tui ›") && lines[0].contains("connected")
                            && lines[1].startsWith("NAME") && lines[1].contains("STATE");
                }, Duration.ofSeconds(5));
            }
            t.keys("q");
        }
    }

    @Test
    void anUnreachableIncusIsReportedOnARestoredTerminal(@TempDir Path dir) throws Exception {
        Path jar = Path.of("target", "anklume-tui.jar").toAbsolutePath();
        Path before = dir.resolve("stty-before");
        Path after = dir.resolve("stty-after");
        // Incus is opened while the terminal is already in raw mode: its settings must be back before the reason shows.
        try (Tmux t = Tmux.start(120, 20, "stty -g > " + before + "; INCUS_SOCKET=" + dir.resolve("no.socket")
                + " java -jar " + jar + "; echo exit=$?; stty -g > " + after + "; echo settings-read; sleep 30")) {
            String shown = t.waitForText("settings-read", WAIT);
            assertTrue(shown.contains("anklume-tui: no Incus socket at " + dir.resolve("no.socket")), shown);
            assertTrue(shown.contains("exit=1"), shown);
            assertEquals(Files.readString(before), Files.readString(after), "the tty settings are restored");
        }
    }

    @Test
    void withoutATerminalTheListIsPrintedAsText() throws Exception {
        Process p = new ProcessBuilder("java", "-jar", Path.of("target", "anklume-tui.jar").toAbsolutePath().toString())
                .redirectErrorStream(true).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertEquals(0, p.waitFor());
        assertTrue(out.contains(box) && out.contains(stray), out);
        assertTrue(out.contains("anklume-tui --help"), out);
    }
}
