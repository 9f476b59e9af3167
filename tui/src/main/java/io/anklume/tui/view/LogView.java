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
    public void draw(Area area) {
        synchronized (lines) {
            int from = Math.max(0, lines.size() - area.rows());
            for (int i = from; i < lines.size(); i++) {
                area.line(i - from, lines.get(i), area.colors().role("text"), TextColor.ANSI.DEFAULT, false);
            }
        }
    }
}
