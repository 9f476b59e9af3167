package io.anklume.tui.view;

import com.googlecode.lanterna.TextColor;
import com.googlecode.lanterna.input.KeyStroke;
import com.googlecode.lanterna.input.KeyType;
import io.anklume.tui.App;
import io.anklume.tui.keys.KeyAction;
import io.anklume.tui.widget.Text;
import java.util.ArrayList;
import java.util.List;

/**
 * The keys of the view it was opened from, drawn from that view's own actions; disabled ones show
 * why. Enter runs the chosen action, so help is also a menu.
 */
public final class HelpView implements View {
    private final App app;
    private final View from;
    private final List<KeyAction> entries;
    private int selected;
    /** First entry on screen: the list is longer than an 80x24 body. */
    private int offset;

    public HelpView(App app) {
        this.app = app;
        this.from = app.view();
        this.entries = new ArrayList<>(app.actions());
    }

    @Override
    public String title() {
        return "help › " + from.title();
    }

    @Override
    public List<KeyAction> actions() {
        return List.of(KeyAction.of("Enter", "run", () -> {
            KeyAction a = entries.get(selected);
            app.back();
            if (a.enabled()) {
                a.handler().run();
            } else {
                app.error(a.description() + ": " + a.disabledReason());
            }
        }));
    }

    @Override
    public boolean handle(KeyStroke k) {
        if (k.getKeyType() == KeyType.ArrowDown || (k.getKeyType() == KeyType.Character && k.getCharacter() == 'j')) {
            selected = Math.min(entries.size() - 1, selected + 1);
        } else if (k.getKeyType() == KeyType.ArrowUp || (k.getKeyType() == KeyType.Character && k.getCharacter() == 'k')) {
            selected = Math.max(0, selected - 1);
        } else if (k.getKeyType() == KeyType.PageDown || k.getKeyType() == KeyType.End) {
            selected = k.getKeyType() == KeyType.End ? entries.size() - 1 : Math.min(entries.size() - 1, selected + 10);
        } else if (k.getKeyType() == KeyType.PageUp || k.getKeyType() == KeyType.Home) {
            selected = k.getKeyType() == KeyType.Home ? 0 : Math.max(0, selected - 10);
        } else {
            return false;
        }
        app.markDirty();
        return true;
    }

    @Override
    public void draw(Area area) {
        area.line(0, Text.fit("KEY", 8) + "ACTION", area.colors().role("header"), TextColor.ANSI.DEFAULT, true);
        // A disabled key's reason cut at the edge is shown whole below the list while it is selected.
        List<String> why = List.of();
        KeyAction chosen = entries.isEmpty() ? null : entries.get(selected);
        if (chosen != null && !chosen.enabled() && line(chosen).length() > area.cols()) {
            why = Area.wrap(chosen.key() + " is unavailable: " + chosen.disabledReason(), Math.max(10, area.cols() - 1));
            why = why.subList(0, Math.min(why.size(), Math.max(0, area.rows() - 3)));
        }
        for (int i = 0; i < why.size(); i++) {
            area.put(1, area.rows() - why.size() + i, why.get(i), area.colors().role("warning"));
        }
        int visible = Math.max(1, area.rows() - 1 - (why.isEmpty() ? 0 : why.size() + 1));
        offset = Viewport.keepInView(offset, selected, visible);
        for (int i = offset; i < entries.size() && i - offset < visible; i++) {
            KeyAction a = entries.get(i);
            String line = line(a);
            if (i == selected) {
                area.line(i - offset + 1, line, area.colors().role("selection"), area.colors().role("selection.background"), true);
            } else {
                area.line(i - offset + 1, line, a.enabled() ? area.colors().role("text") : area.colors().role("dim"),
                        TextColor.ANSI.DEFAULT, false);
            }
        }
    }

    private static String line(KeyAction a) {
        return Text.fit(a.key(), 8) + a.description() + (a.enabled() ? "" : "  (" + a.disabledReason() + ")");
    }
}
