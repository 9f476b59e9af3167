package io.anklume.tui;

import com.googlecode.lanterna.TerminalSize;
import com.googlecode.lanterna.terminal.ansi.UnixTerminal;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.Set;

/**
 * The console as Lanterna's {@link UnixTerminal}, whose tty set-up runs one {@code stty} process
 * instead of five: Lanterna saves the settings ({@code stty -g}), then turns off canonical mode, sets
 * {@code min 1}, turns off echo and unbinds Ctrl-C, each in a process of its own (~20-100 ms each at
 * start-up on a busy machine, all before the first frame). Here the save also applies those four
 * settings, and Lanterna's own calls for them during the set-up are skipped; any later call runs as
 * Lanterna's. Restoring uses the settings saved here.
 *
 * <p>The same process reports the size ({@code stty size}): Lanterna asks the terminal for it (moves the
 * cursor far away, asks where it is, waits for the answer) each time the screen or the first frame wants
 * it. That size serves until the terminal is resized; then Lanterna's way is used.
 *
 * <p>Printable ASCII is written from a table: Lanterna encodes each cell's character on its own through
 * {@code Charset.encode} (a buffer, an encoder and a copy per character), which was most of writing the
 * first frame's ~4,800 cells while the code still runs in the interpreter. Other characters in UTF-8
 * are encoded exactly, without the NUL byte Lanterna leaves after a two-byte one.
 */
class ConsoleTerminal extends UnixTerminal {
    /** What the one set-up process applies besides saving; each of Lanterna's set-up calls skips once. */
    static final String RAW = "-icanon min 1 -echo intr undef";

    private enum Setting { CANONICAL, ECHO, SIGNALS }

    /** Each printable ASCII character's one byte, the same in every charset a terminal uses. */
    private static final byte[][] ASCII = new byte[0x7f][];

    static {
        for (char c = 0x20; c < 0x7f; c++) {
            ASCII[c] = new byte[] {(byte) c};
        }
    }

    // No initializers: Lanterna's constructor calls the methods below before this class's fields are set.
    private String saved;
    private Set<Setting> appliedAtSave;
    private volatile TerminalSize sizeAtSave;

    ConsoleTerminal(InputStream in, OutputStream out, Charset charset) throws IOException {
        super(in, out, charset, CtrlCBehaviour.TRAP);
    }

    @Override
    protected void saveTerminalSettings() throws IOException {
        // Lanterna's exec joins the output's lines with nothing between them: the ';' keeps the saved
        // settings (hex digits and colons) apart from the size.
        String out = exec("/bin/sh", "-c", "/bin/stty -g && /bin/stty " + RAW + " && printf ';' && /bin/stty size").trim();
        int cut = out.indexOf(';');
        saved = (cut < 0 ? out : out.substring(0, cut)).trim();
        appliedAtSave = EnumSet.allOf(Setting.class);
        sizeAtSave = cut < 0 ? null : size(out.substring(cut + 1));
    }

    /** {@code stty size}'s "rows columns"; null when it is not that (or a zero size, as some ptys say). */
    static TerminalSize size(String rowsColumns) {
        String[] parts = rowsColumns.trim().split("\\s+");
        try {
            int rows = Integer.parseInt(parts[0]);
            int columns = parts.length == 2 ? Integer.parseInt(parts[1]) : 0;
            return rows > 0 && columns > 0 ? new TerminalSize(columns, rows) : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    @Override
    protected TerminalSize findTerminalSize() throws IOException {
        TerminalSize known = sizeAtSave;
        return known != null ? known : super.findTerminalSize();
    }

    @Override
    protected void registerTerminalResizeListener(Runnable onResize) throws IOException {
        super.registerTerminalResizeListener(() -> {
            sizeAtSave = null; // asked again from now on
            onResize.run();
        });
    }

    @Override
    protected void restoreTerminalSettings() throws IOException {
        if (saved != null && !saved.isEmpty()) {
            runSTTYCommand(saved);
        }
    }

    @Override
    protected void canonicalMode(boolean enabled) throws IOException {
        if (!skip(Setting.CANONICAL, enabled)) {
            super.canonicalMode(enabled);
        }
    }

    @Override
    protected void keyEchoEnabled(boolean enabled) throws IOException {
        if (!skip(Setting.ECHO, enabled)) {
            super.keyEchoEnabled(enabled);
        }
    }

    @Override
    protected void keyStrokeSignalsEnabled(boolean enabled) throws IOException {
        if (!skip(Setting.SIGNALS, enabled)) {
            super.keyStrokeSignalsEnabled(enabled);
        }
    }

    @Override
    protected byte[] translateCharacter(char c) {
        Charset charset = getCharset();
        // Lanterna only writes these arrays out, never into them, so one shared array per character is safe.
        if (c >= 0x20 && c < 0x7f && asciiCompatible(charset)) {
            return ASCII[c];
        }
        if (StandardCharsets.UTF_8.equals(charset) && !Character.isSurrogate(c)) {
            // Lanterna returns its encoder's whole buffer, which pads two-byte characters (the title's '·',
            // 'é') with a NUL byte.
            return String.valueOf(c).getBytes(StandardCharsets.UTF_8);
        }
        return super.translateCharacter(c);
    }

    private static boolean asciiCompatible(Charset charset) {
        return StandardCharsets.UTF_8.equals(charset) || StandardCharsets.US_ASCII.equals(charset)
                || StandardCharsets.ISO_8859_1.equals(charset);
    }

    /** True once per setting, for the "off" call that follows the save (the save applied it). */
    private boolean skip(Setting setting, boolean enabled) {
        return !enabled && appliedAtSave != null && appliedAtSave.remove(setting);
    }
}
