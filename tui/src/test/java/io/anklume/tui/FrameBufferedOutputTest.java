package io.anklume.tui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.googlecode.lanterna.TerminalSize;
import com.googlecode.lanterna.screen.Screen;
import com.googlecode.lanterna.screen.TerminalScreen;
import com.googlecode.lanterna.terminal.ansi.ANSITerminal;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class FrameBufferedOutputTest {
    /** Records each write that reaches the terminal, and answers a size request as a 120x40 terminal does. */
    static final class Tty extends OutputStream {
        final List<String> writes = new ArrayList<>();
        final PipedOutputStream keyboard = new PipedOutputStream();
        final PipedInputStream keys;

        Tty() throws IOException {
            keys = new PipedInputStream(keyboard, 4096);
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            String s = new String(b, off, len, StandardCharsets.UTF_8);
            writes.add(s);
            if (s.contains("\u001b[6n")) {
                keyboard.write("\u001b[40;120R".getBytes(StandardCharsets.US_ASCII));
                keyboard.flush();
            }
        }
    }

    @Test
    void writesAreHeldUntilFlushAndThenGoOutInOneWrite() throws IOException {
        Tty tty = new Tty();
        FrameBufferedOutput out = new FrameBufferedOutput(tty);
        out.write("\u001b[1;1H".getBytes(StandardCharsets.US_ASCII));
        for (char c : "hello".toCharArray()) {
            out.write(c);
        }
        out.write(" world".getBytes(StandardCharsets.US_ASCII), 0, 6);
        assertEquals(List.of(), tty.writes);
        out.flush();
        assertEquals(List.of("\u001b[1;1Hhello world"), tty.writes);
        out.flush();
        assertEquals(1, tty.writes.size(), "nothing held, nothing written");
    }

    @Test
    void aCursorPositionRequestGoesOutAtOnceWithWhatWasHeld() throws IOException {
        Tty tty = new Tty();
        FrameBufferedOutput out = new FrameBufferedOutput(tty);
        out.write("\u001b7abc".getBytes(StandardCharsets.US_ASCII));
        out.write("\u001b[6n".getBytes(StandardCharsets.US_ASCII));
        assertEquals(List.of("\u001b7abc\u001b[6n"), tty.writes);
        out.write("\u001b[".getBytes(StandardCharsets.US_ASCII));
        out.write('6');
        assertEquals(1, tty.writes.size());
        out.write('n');
        assertEquals(List.of("\u001b7abc\u001b[6n", "\u001b[6n"), tty.writes, "a request split over writes too");
    }

    @Test
    void lanternaMeasuresTheTerminalAndDrawsAFrameInOneWrite() throws IOException {
        Tty tty = new Tty();
        ANSITerminal terminal = new ANSITerminal(tty.keys, new FrameBufferedOutput(tty), StandardCharsets.UTF_8) { };
        long t0 = System.nanoTime();
        TerminalScreen screen = new TerminalScreen(terminal);
        screen.startScreen();
        // Without the request going out at once, Lanterna waits 5 s for an answer and assumes 80x24.
        assertEquals(new TerminalSize(120, 40), screen.getTerminalSize());
        assertTrue(System.nanoTime() - t0 < 2_000_000_000L, "the size came back at once");

        tty.writes.clear();
        var g = screen.newTextGraphics();
        for (int row = 0; row < 40; row++) {
            g.putString(0, row, ("row" + row + "|").repeat(15));
        }
        screen.refresh(Screen.RefreshType.COMPLETE);
        assertEquals(1, tty.writes.size(), "one write for the whole frame");
        assertTrue(tty.writes.get(0).contains("row39|row39|"));
    }
}
