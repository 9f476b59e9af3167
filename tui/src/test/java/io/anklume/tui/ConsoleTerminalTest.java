package io.anklume.tui;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.googlecode.lanterna.terminal.ansi.UnixLikeTerminal;
import com.googlecode.lanterna.terminal.ansi.UnixTerminal;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The console's tty set-up is one process, and the settings it saved are the ones given back. */
class ConsoleTerminalTest {
    private static final String SAVED = "500:5:bf:8a3b:3:1c:7f:15:4:0:1:0:11:13:1a:0:12:f:17:16:0:0:0";

    private static ByteArrayInputStream noKeys() {
        return new ByteArrayInputStream(new byte[0]);
    }

    /**
     * Records each process the terminal would run, answering {@code stty -g} with {@link #SAVED} and
     * {@code stty size} with 40 rows of 120 columns.
     */
    private static final class Recording extends ConsoleTerminal {
        // Filled during Lanterna's constructor, before this class's initializers would run.
        private List<List<String>> processes;

        Recording() throws IOException {
            this(OutputStream.nullOutputStream());
        }

        Recording(OutputStream out) throws IOException {
            this(out, StandardCharsets.UTF_8);
        }

        Recording(OutputStream out, java.nio.charset.Charset charset) throws IOException {
            super(noKeys(), out, charset);
        }

        @Override
        protected String exec(String... command) {
            if (processes == null) {
                processes = new ArrayList<>();
            }
            processes.add(List.of(command));
            // As Lanterna's exec returns it: the output's lines joined with nothing between them.
            return String.join(" ", command).contains("-g") ? SAVED + ";40 120" : "";
        }
    }

    @Test
    void settingUpTheTtyIsOneProcessThatSavesAndAppliesTheRawSettings() throws IOException {
        Recording terminal = new Recording();
        assertEquals(List.of(List.of("/bin/sh", "-c",
                        "/bin/stty -g && /bin/stty -icanon min 1 -echo intr undef && printf ';' && /bin/stty size")),
                terminal.processes);
        terminal.processes.clear();
        terminal.close();
        assertEquals(List.of(List.of("/bin/stty", SAVED), List.of("/bin/stty", "intr", "^C")), terminal.processes);
    }

    @Test
    void theSizeComesFromThatProcessNotFromAskingTheTerminal() throws IOException {
        java.io.ByteArrayOutputStream written = new java.io.ByteArrayOutputStream();
        Recording terminal = new Recording(written);
        assertEquals(new com.googlecode.lanterna.TerminalSize(120, 40), terminal.getTerminalSize());
        assertEquals(new com.googlecode.lanterna.TerminalSize(120, 40), terminal.getTerminalSize());
        terminal.flush();
        // Lanterna asks with a cursor position report (ESC [ 6 n) and would wait for the answer.
        assertEquals(-1, written.toString(StandardCharsets.US_ASCII).indexOf("6n"), written.toString(StandardCharsets.US_ASCII));
    }

    @Test
    void aSizeSttyCannotTellIsNoSize() {
        assertEquals(new com.googlecode.lanterna.TerminalSize(80, 24), ConsoleTerminal.size("24 80\n"));
        assertEquals(null, ConsoleTerminal.size("0 0"));
        assertEquals(null, ConsoleTerminal.size("stty: 'standard input': Inappropriate ioctl for device"));
        assertEquals(null, ConsoleTerminal.size(""));
    }

    @Test
    void laterChangesStillRunAsLanternasOwn() throws IOException {
        Recording terminal = new Recording();
        terminal.processes.clear();
        terminal.canonicalMode(false);
        terminal.keyEchoEnabled(true);
        assertEquals(List.of(List.of("/bin/stty", "-icanon"), List.of("/bin/stty", "min", "1"), List.of("/bin/stty", "echo")),
                terminal.processes);
    }

    @Test
    void lanternasOwnSetUpTakesFiveProcesses() throws IOException {
        List<String> run = new ArrayList<>();
        new UnixTerminal(noKeys(), OutputStream.nullOutputStream(), StandardCharsets.UTF_8, UnixLikeTerminal.CtrlCBehaviour.TRAP) {
            @Override
            protected String exec(String... command) {
                run.add(String.join(" ", command));
                return "";
            }
        };
        assertEquals(List.of("/bin/stty -g", "/bin/stty -icanon", "/bin/stty min 1", "/bin/stty -echo", "/bin/stty intr undef"), run);
    }

    /** Lanterna's own terminal, answering its stty processes as {@link Recording} does. */
    private static final class LanternaOnly extends UnixTerminal {
        LanternaOnly(java.nio.charset.Charset charset) throws IOException {
            super(noKeys(), OutputStream.nullOutputStream(), charset, CtrlCBehaviour.TRAP);
        }

        @Override
        protected String exec(String... command) {
            return String.join(" ", command).contains("-g") ? SAVED : "";
        }

        byte[] bytes(char c) {
            return translateCharacter(c);
        }
    }

    private static String hex(byte[] bytes) {
        return java.util.HexFormat.of().formatHex(bytes);
    }

    @Test
    void outsideUtf8EveryCharacterIsWrittenAsLanternaWritesIt() throws IOException {
        for (java.nio.charset.Charset charset : List.of(StandardCharsets.US_ASCII, StandardCharsets.ISO_8859_1)) {
            Recording console = new Recording(OutputStream.nullOutputStream(), charset);
            LanternaOnly lanterna = new LanternaOnly(charset);
            for (char c = 0; c < 0x2600; c++) {
                assertEquals(hex(lanterna.bytes(c)), hex(console.translateCharacter(c)), charset + " U+" + Integer.toHexString(c));
            }
        }
    }

    @Test
    void inUtf8EveryCharacterIsItsEncodingWithoutLanternasPadding() throws IOException {
        Recording console = new Recording(OutputStream.nullOutputStream(), StandardCharsets.UTF_8);
        LanternaOnly lanterna = new LanternaOnly(StandardCharsets.UTF_8);
        for (char c = 1; c < 0xd800; c++) {
            String exact = hex(String.valueOf(c).getBytes(StandardCharsets.UTF_8));
            assertEquals(exact, hex(console.translateCharacter(c)), "U+" + Integer.toHexString(c));
            assertEquals(exact, hex(lanterna.bytes(c)).replaceAll("(00)+$", ""), "Lanterna's U+" + Integer.toHexString(c));
        }
        assertEquals("c2b700", hex(lanterna.bytes('·')), "the padding this terminal leaves out");
    }

    @Test
    void aFrameOfAsciiBoxDrawingAndAccentsReachesTheTerminalAsUtf8() throws IOException {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        Recording terminal = new Recording(out);
        out.reset();
        terminal.putString("web-1 ── é · ok");
        terminal.flush();
        assertEquals("web-1 ── é · ok", out.toString(StandardCharsets.UTF_8));
    }
}
