package io.anklume.tui.view;

import com.googlecode.lanterna.TextColor;
import io.anklume.core.inventory.InstanceRef;
import io.anklume.tui.App;
import io.anklume.tui.keys.KeyAction;
import java.util.ArrayList;
import java.util.List;

/**
 * The console log of one instance. Incus hands out only what is new on each read of a running
 * container, so the lines read so far are kept here and new ones appended on R.
 */
public final class LogView implements View {
    private final App app;
    private final InstanceRef ref;
    private final List<String> lines = new ArrayList<>();
    /** Lines scrolled back from the end (0: the tail, which new lines keep in view). */
    private int back;
    private int lastRows = 1;

    public LogView(App app, InstanceRef ref) {
        this.app = app;
        this.ref = ref;
        read();
    }

    private void read() {
        app.load("reading the console of " + ref, () -> app.services().consoles().log(ref), text -> {
            synchronized (lines) {
                if (text != null && !text.isEmpty()) {
                    lines.addAll(List.of(text.split("\r?\n")));
                }
            }
            app.info(lines.isEmpty() ? "the console of " + ref + " printed nothing yet" : "");
        });
    }

    @Override
    public String title() {
        return "console log › " + ref;
    }

    @Override
    public List<KeyAction> actions() {
        return List.of(KeyAction.of("R", "read new lines", this::read));
    }

    @Override
    public boolean handle(com.googlecode.lanterna.input.KeyStroke k) {
        var type = k.getKeyType();
        boolean ch = type == com.googlecode.lanterna.input.KeyType.Character && !k.isCtrlDown();
        int page = Math.max(1, lastRows - 1);
        int before = back;
        if (type == com.googlecode.lanterna.input.KeyType.ArrowUp || ch && k.getCharacter() == 'k') {
            back++;
        } else if (type == com.googlecode.lanterna.input.KeyType.ArrowDown || ch && k.getCharacter() == 'j') {
            back--;
        } else if (type == com.googlecode.lanterna.input.KeyType.PageUp) {
            back += page;
        } else if (type == com.googlecode.lanterna.input.KeyType.PageDown) {
            back -= page;
        } else if (type == com.googlecode.lanterna.input.KeyType.Home) {
            back = Integer.MAX_VALUE / 2;
        } else if (type == com.googlecode.lanterna.input.KeyType.End) {
            back = 0;
        } else {
            return false;
        }
        synchronized (lines) {
            back = Math.max(0, Math.min(back, lines.size() - lastRows));
        }
        if (back != before) {
            app.markDirty();
        }
        return true;
    }

    @Override
    public void draw(Area area) {
        synchronized (lines) {
            // A boot longer than the screen was only ever seen from its end: k/PgUp/Home scroll back.
            // Then the first row says so, on a row of its own rather than over a line of the log.
            boolean scrolls = lines.size() > area.rows();
            int top = scrolls ? 1 : 0;
            int rows = Math.max(1, area.rows() - top);
            lastRows = rows;
            back = Math.max(0, Math.min(back, lines.size() - rows));
            int from = Math.max(0, lines.size() - rows - back);
            for (int i = from; i < lines.size() && i - from < rows; i++) {
                area.line(top + i - from, lines.get(i), area.colors().role("text"), TextColor.ANSI.DEFAULT, false);
            }
            if (scrolls) {
                String where = back > 0 ? " ↓ " + back + " more lines (j/End) " : " ↑ k/PgUp/Home scroll back ";
                area.put(Math.max(0, area.cols() - where.length()), 0, where, area.colors().role("dim"));
            }
        }
    }
}
