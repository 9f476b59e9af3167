package io.anklume.tui.view;

import com.googlecode.lanterna.TextColor;
import com.googlecode.lanterna.input.KeyStroke;
import com.googlecode.lanterna.input.KeyType;
import io.anklume.core.inventory.InstanceRef;
import io.anklume.core.inventory.InstanceView;
import io.anklume.core.snapshot.SnapshotView;
import io.anklume.tui.App;
import io.anklume.tui.keys.KeyAction;
import io.anklume.tui.widget.Text;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The snapshots of one instance, newest first: create, restore (Enter or r, then y: with p from the
 * list, a restore is three keys), delete.
 */
public final class SnapshotsView implements View {
    private final App app;
    private final InstanceRef ref;
    private volatile List<SnapshotView> snapshots;
    private int selected;
    private int offset;

    public SnapshotsView(App app, InstanceRef ref) {
        this.app = app;
        this.ref = ref;
        reload();
    }

    void reload() {
        app.load("reading snapshots of " + ref, () -> app.services().snapshots().list(ref), list -> {
            snapshots = list;
            selected = Math.min(selected, Math.max(0, list.size() - 1));
            app.markDirty();
        });
    }

    @Override
    public String title() {
        return "snapshots › " + ref;
    }

    SnapshotView current() {
        List<SnapshotView> s = snapshots;
        return s == null || s.isEmpty() ? null : s.get(Math.min(selected, s.size() - 1));
    }

    @Override
    public List<KeyAction> actions() {
        List<KeyAction> a = new ArrayList<>();
        a.add(KeyAction.mutating("n", "new snapshot", this::create));
        a.add(KeyAction.mutating("Enter", "restore", this::restore));
        a.add(KeyAction.mutating("r", "restore", this::restore));
        a.add(KeyAction.mutating("d", "delete", this::delete));
        a.add(KeyAction.of("R", "reload", this::reload));
        return a;
    }

    private void create() {
        String name = app.services().snapshotName().get();
        app.prompt("snapshot name: ", name, text -> List.of(), text -> {
            String chosen = text == null || text.isBlank() ? name : text.strip();
            app.run("snapshotting " + ref + " as " + chosen, () -> {
                app.services().snapshots().create(ref, chosen);
                snapshots = app.services().snapshots().list(ref);
                selected = 0;
            }, "snapshot " + chosen + " of " + ref + " created");
        }, text -> { });
    }

    private void restore() {
        SnapshotView s = current();
        if (s == null) {
            app.error("no snapshot to restore (n takes one)");
            return;
        }
        InstanceView v = app.inventory().instances().stream().filter(i -> i.ref().equals(ref)).findFirst().orElse(null);
        confirmRestore(app, v, s.name(), s.createdAt());
    }

    /** The question states what is lost; shared with the palette's :restore. */
    public static void confirmRestore(App app, InstanceView v, String snapshot, Instant takenAt) {
        InstanceRef ref = v.ref();
        String since = takenAt == null ? "it was taken" : Text.date(takenAt);
        app.confirm("Restore " + ref + " to " + snapshot + "? Every change made since " + since
                + " (files, packages, config) will be lost. [y/N]",
                () -> app.run("restoring " + ref + " to " + snapshot,
                        () -> app.services().snapshots().restore(ref, snapshot),
                        "restored " + ref + " to " + snapshot));
    }

    private void delete() {
        SnapshotView s = current();
        if (s == null) {
            app.error("no snapshot selected");
            return;
        }
        app.confirm("Delete snapshot " + s.name() + " of " + ref + "? [y/N]", () -> app.run("deleting " + s.name(), () -> {
            app.services().snapshots().delete(ref, s.name());
            snapshots = app.services().snapshots().list(ref);
        }, "deleted snapshot " + s.name()));
    }

    @Override
    public boolean handle(KeyStroke k) {
        List<SnapshotView> s = snapshots;
        int size = s == null ? 0 : s.size();
        if (k.getKeyType() == KeyType.ArrowDown || (k.getKeyType() == KeyType.Character && k.getCharacter() == 'j')) {
            selected = Math.max(0, Math.min(size - 1, selected + 1));
        } else if (k.getKeyType() == KeyType.ArrowUp || (k.getKeyType() == KeyType.Character && k.getCharacter() == 'k')) {
            selected = Math.max(0, selected - 1);
        } else if (k.getKeyType() == KeyType.PageDown || k.getKeyType() == KeyType.End) {
            selected = Math.max(0, k.getKeyType() == KeyType.End ? size - 1 : Math.min(size - 1, selected + 10));
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
        area.line(0, Text.fit("NAME", 32) + " " + Text.fit("TAKEN", 17) + " " + Text.fit("AGE", 9) + " "
                + Text.fit("STATEFUL", 8) + " EXPIRES", area.colors().role("header"), TextColor.ANSI.DEFAULT, true);
        List<SnapshotView> s = snapshots;
        if (s == null) {
            area.put(2, 2, "reading…", area.colors().role("dim"));
            return;
        }
        if (s.isEmpty()) {
            area.put(2, 2, "no snapshots of " + ref + " yet: n takes one", area.colors().role("dim"));
            return;
        }
        Instant now = Instant.now();
        // Scheduled snapshots pile up past one screen: keep the selection (what Enter restores) in view.
        int visible = Math.max(1, area.rows() - 1);
        offset = Viewport.keepInView(offset, selected, visible);
        for (int i = offset; i < s.size() && i - offset < visible; i++) {
            SnapshotView x = s.get(i);
            String line = Text.fit(x.name(), 32) + " " + Text.fit(Text.date(x.createdAt()), 17) + " "
                    + Text.fit(Text.ago(x.createdAt(), now), 9) + " " + Text.fit(x.stateful() ? "yes" : "no", 8) + " "
                    + (x.expiresAt() == null ? "never" : Text.date(x.expiresAt()));
            if (i == selected) {
                area.line(i - offset + 1, line, area.colors().role("selection"), area.colors().role("selection.background"), true);
            } else {
                area.line(i - offset + 1, line, area.colors().role("text"), TextColor.ANSI.DEFAULT, false);
            }
        }
    }
}
