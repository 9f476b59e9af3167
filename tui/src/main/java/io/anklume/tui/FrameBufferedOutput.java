package io.anklume.tui;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Arrays;

/**
 * The terminal's output, held until Lanterna flushes it (at the end of each frame) and then written
 * at once. Lanterna writes every cell and escape sequence separately, and {@code System.out} flushes
 * on each write: a full frame was thousands of small writes, which a terminal (or ssh) may show half
 * drawn.
 *
 * <p>One request cannot wait for the end of a frame: the cursor-position report ({@code ESC [ 6 n})
 * with which Lanterna measures the terminal, since it then waits for the answer without flushing.
 * Whatever was held goes out with it. Lanterna writes from the GUI thread and from its resize signal
 * handler, so every method is synchronized (on this object, as Lanterna's own writes are).
 */
final class FrameBufferedOutput extends OutputStream {
    private static final byte[] CURSOR_POSITION_REQUEST = {0x1b, '[', '6', 'n'};

    private final OutputStream out;
    private byte[] held = new byte[16 * 1024];
    private int count;

    FrameBufferedOutput(OutputStream out) {
        this.out = out;
    }

    @Override
    public synchronized void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public synchronized void write(byte[] b, int off, int len) throws IOException {
        if (count + len > held.length) {
            held = Arrays.copyOf(held, Math.max(held.length * 2, count + len));
        }
        System.arraycopy(b, off, held, count, len);
        int from = Math.max(0, count - (CURSOR_POSITION_REQUEST.length - 1));
        count += len;
        if (contains(held, from, count, CURSOR_POSITION_REQUEST)) {
            flush();
        }
    }

    @Override
    public synchronized void flush() throws IOException {
        if (count > 0) {
            out.write(held, 0, count);
            count = 0;
        }
        out.flush();
    }

    /** Flushes, but leaves the wrapped stream (System.out) open. */
    @Override
    public synchronized void close() throws IOException {
        flush();
    }

    /** Whether {@code pattern} occurs in {@code bytes[from, to)}. */
    private static boolean contains(byte[] bytes, int from, int to, byte[] pattern) {
        for (int i = from; i + pattern.length <= to; i++) {
            if (Arrays.equals(bytes, i, i + pattern.length, pattern, 0, pattern.length)) {
                return true;
            }
        }
        return false;
    }
}
