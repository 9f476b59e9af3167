package io.anklume.tui.view;

import com.googlecode.lanterna.TextColor;
import com.googlecode.lanterna.input.KeyStroke;
import com.googlecode.lanterna.input.KeyType;
import io.anklume.core.inventory.InstanceRef;
import io.anklume.core.inventory.InstanceView;
import io.anklume.tui.App;
import io.anklume.tui.keys.KeyAction;
import io.anklume.tui.widget.Badges;
import io.anklume.tui.widget.Text;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Function;

/**
 * The start screen: every instance of every project in one table, colored by trust, sortable by any
 * column, groupable by domain, filterable by text or {@code key=value} terms.
 */
public final class ListView implements View {

    /** A table column; lower {@code priority} columns are dropped first on narrow terminals. */
    record Column(String title, int width, int priority, Function<InstanceView, String> cell,
                  Comparator<InstanceView> order) {}

    static final List<Column> COLUMNS = List.of(
            new Column("NAME", 20, 9, v -> (v.untracked() ? "?" : "") + v.name(), Comparator.comparing(InstanceView::name)),
            new Column("DOMAIN", 12, 8, InstanceView::domain, Comparator.comparing(v -> Objects.toString(v.domain(), ""))),
            new Column("TRUST", 7, 9, v -> Badges.trust(v.trust()), Comparator.comparing(v -> v.trust() == null ? 9 : v.trust().ordinal())),
            new Column("TYPE", 4, 2, v -> "virtual-machine".equals(v.type()) ? "vm" : "ct", Comparator.comparing(v -> Objects.toString(v.type(), ""))),
            new Column("STATE", 8, 9, InstanceView::status, Comparator.comparing(v -> Objects.toString(v.status(), ""))),
            new Column("IPV4", 15, 7, v -> v.ipv4() == null ? "-" : v.ipv4(), Comparator.comparing(v -> ipKey(v.ipv4()))),
            new Column("CPU", 7, 4, v -> Text.seconds(v.cpuSeconds()), Comparator.comparing(v -> v.cpuSeconds() == null ? -1 : v.cpuSeconds())),
            new Column("MEM", 6, 5, v -> Text.bytes(v.memoryBytes()), Comparator.comparing(v -> v.memoryBytes() == null ? -1 : v.memoryBytes())),
            new Column("SNAP", 4, 3, v -> v.snapshotCount() == null ? "-" : String.valueOf(v.snapshotCount()),
                    Comparator.comparing(v -> v.snapshotCount() == null ? -1 : v.snapshotCount())),
            new Column("GPU", 3, 1, v -> v.gpu() ? "GPU" : "", Comparator.comparing(InstanceView::gpu)),
            new Column("MANAGED", 10, 6, ListView::ownership, Comparator.comparing(ListView::ownership)));

    /** Who made the instance: infra.yml ("managed"), anklume-tui's disposable shell, or nobody we know. */
    static String ownership(InstanceView v) {
        return v.managed() ? "managed" : v.disposable() ? "disposable" : "UNTRACKED";
    }

    private final App app;
    private int selected;
    private int offset;
    private int sortColumn;
    private boolean descending;
    private boolean grouped;
    private String filter = "";
    private List<InstanceView> rows = List.of();

    public ListView(App app) {
        this.app = app;
    }

    @Override
    public String title() {
        // The filter and what it leaves come before the sort: a narrow header cuts the end, and the
        // column titles show the sort arrow anyway.
        String f = "";
        if (!filter.isEmpty()) {
            long shown = app.inventory().instances().stream().filter(v -> matches(v, filter)).count();
            f = " [filter: " + filter + " · " + shown + " shown]";
        }
        return "instances" + (grouped ? " by domain" : "") + f + " · sort " + COLUMNS.get(sortColumn).title()
                + (descending ? "↓" : "↑");
    }

    public String filterText() {
        return filter;
    }

    public void filter(String text) {
        filter = text == null ? "" : text.strip();
        selected = 0;
        offset = 0;
        app.markDirty();
    }

    /** The instances shown, in order (after filter, sort and grouping). */
    public List<InstanceView> rows() {
        List<InstanceView> all = new ArrayList<>(app.inventory().instances());
        all.removeIf(v -> !matches(v, filter));
        Comparator<InstanceView> order = COLUMNS.get(sortColumn).order();
        if (descending) {
            order = order.reversed();
        }
        order = order.thenComparing(InstanceView::name);
        if (grouped) {
            order = Comparator.comparing((InstanceView v) -> Objects.toString(v.domain(), "")).thenComparing(order);
        }
        all.sort(order);
        rows = all;
        if (selected >= rows.size()) {
            selected = Math.max(0, rows.size() - 1);
        }
        return rows;
    }

    public InstanceView current() {
        List<InstanceView> r = rows();
        return r.isEmpty() ? null : r.get(selected);
    }

    /** Plain words match name, domain, IP or state; {@code trust=}, {@code domain=}, {@code state=} match exactly. */
    static boolean matches(InstanceView v, String filter) {
        for (String term : filter.toLowerCase(Locale.ROOT).split("\\s+")) {
            if (term.isEmpty()) {
                continue;
            }
            boolean ok;
            if (term.startsWith("trust=")) {
                String t = term.substring(6);
                ok = t.equals("untracked") ? v.untracked() : v.trust() != null && v.trust().yamlName().equals(t);
            } else if (term.startsWith("domain=")) {
                ok = term.substring(7).equals(lower(v.domain()));
            } else if (term.startsWith("state=")) {
                ok = term.substring(6).equals(lower(v.status()));
            } else {
                ok = lower(v.name()).contains(term) || lower(v.domain()).contains(term) || lower(v.ipv4()).contains(term)
                        || lower(v.status()).contains(term);
            }
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    private static String lower(String s) {
        return s == null ? "" : s.toLowerCase(Locale.ROOT);
    }

    static String ipKey(String ip) {
        if (ip == null) {
            return "~";
        }
        StringBuilder b = new StringBuilder();
        for (String part : ip.split("\\.")) {
            b.append(String.format("%3s", part));
        }
        return b.toString();
    }

    @Override
    public List<KeyAction> actions() {
        InstanceView v = current();
        List<KeyAction> a = new ArrayList<>();
        a.add(KeyAction.of("Enter", "detail", () -> withSelection(i -> app.push(new DetailView(app, i.ref())))));
        a.addAll(Actions.lifecycleKeys(v, () -> withSelection(i -> Actions.start(app, i)),
                () -> withSelection(i -> Actions.stop(app, i)), () -> withSelection(i -> Actions.restart(app, i))));
        a.add(KeyAction.mutating("d", "delete", () -> withSelection(i -> Actions.delete(app, i))));
        a.add(KeyAction.of("p", "snapshots", () -> withSelection(i -> app.push(new SnapshotsView(app, i.ref())))));
        if (v != null && v.untracked()) {
            a.add(KeyAction.mutating("a", "adopt", () -> withSelection(i -> Actions.adopt(app, i))));
        } else if (v != null && v.disposable()) {
            a.add(new KeyAction("a", "adopt", true, "a disposable is deleted when it stops: nothing to adopt", () -> { }));
        } else {
            a.add(new KeyAction("a", "adopt", true, "only untracked instances (no user.anklume.managed) can be adopted", () -> { }));
        }
        a.add(KeyAction.mutating("x", "shell", () -> withSelection(i -> Actions.shell(app, i))));
        a.add(KeyAction.mutating("m", "rename", () -> withSelection(i -> Actions.rename(app, i, ref -> { }))));
        a.add(KeyAction.mutating("G", v != null && v.gpu() ? "detach GPU (stopped)" : "attach GPU (stopped)",
                () -> withSelection(i -> Actions.toggleGpu(app, i))));
        a.add(KeyAction.mutating("D", "disposable shell", () -> Actions.disposable(app)));
        a.add(KeyAction.mutating("C", "snapshot whole domain", () -> withSelection(i -> Actions.snapshotDomain(app, i))));
        if (v != null && v.isRunning()) {
            a.add(new KeyAction("I", "publish as image", true, "Incus publishes stopped instances only; stop it first (S)",
                    () -> { }));
        } else {
            a.add(KeyAction.mutating("I", "publish as image", () -> withSelection(i -> Actions.publish(app, i))));
        }
        a.add(KeyAction.mutating("b", "backup export", () -> withSelection(i -> Actions.exportBackup(app, i))));
        a.add(KeyAction.of("l", "logs", () -> withSelection(i -> app.push(new LogView(app, i.ref())))));
        a.add(KeyAction.of("/", "filter", this::openFilter));
        a.add(KeyAction.of("g", "group by domain", () -> {
            grouped = !grouped;
            app.markDirty();
        }));
        a.add(KeyAction.of(">", "sort next column", () -> sortBy((sortColumn + 1) % COLUMNS.size())));
        a.add(KeyAction.of("<", "sort previous column", () -> sortBy((sortColumn + COLUMNS.size() - 1) % COLUMNS.size())));
        a.add(KeyAction.of("i", "invert sort", () -> {
            descending = !descending;
            app.markDirty();
        }));
        a.add(KeyAction.mutating("n", "new instance", () -> new NewInstanceWizard(app).start()));
        a.add(KeyAction.of("P", "plan/apply infra.yml", this::openPlan));
        a.add(KeyAction.of("N", "network isolation between domains", this::openIsolation));
        a.add(KeyAction.of("Esc", "clear filter", () -> filter("")));
        return a;
    }

    private void openPlan() {
        if (app.services().infraFile() == null) {
            app.error("plan/apply needs an infra file: start with --infra FILE (or have ./infra.yml)");
            return;
        }
        app.push(new PlanView(app, app.services().infraFile()));
    }

    private void openIsolation() {
        if (app.services().infraFile() == null) {
            app.error("the isolation view needs an infra file: start with --infra FILE (or have ./infra.yml)");
            return;
        }
        app.push(new IsolationView(app, app.services().infraFile()));
    }

    void sortBy(int column) {
        sortColumn = column;
        app.markDirty();
    }

    private void openFilter() {
        String before = filter;
        app.prompt("/", filter, text -> List.of(), text -> filter(text), text -> filter(text == null ? before : text));
    }

    private void withSelection(java.util.function.Consumer<InstanceView> action) {
        InstanceView v = current();
        if (v == null) {
            app.error("no instance selected");
        } else {
            action.accept(v);
        }
    }

    @Override
    public boolean handle(KeyStroke k) {
        int size = rows().size();
        int before = selected;
        if (k.getKeyType() == KeyType.ArrowDown || (k.getKeyType() == KeyType.Character && k.getCharacter() == 'j' && !k.isCtrlDown())) {
            selected = Math.min(size - 1, selected + 1);
        } else if (k.getKeyType() == KeyType.ArrowUp || (k.getKeyType() == KeyType.Character && k.getCharacter() == 'k' && !k.isCtrlDown())) {
            selected = Math.max(0, selected - 1);
        } else if (k.getKeyType() == KeyType.PageDown) {
            selected = Math.min(size - 1, selected + 10);
        } else if (k.getKeyType() == KeyType.PageUp) {
            selected = Math.max(0, selected - 10);
        } else if (k.getKeyType() == KeyType.Home) {
            selected = 0;
        } else if (k.getKeyType() == KeyType.End) {
            selected = Math.max(0, size - 1);
        } else {
            return false;
        }
        if (selected < 0) {
            selected = 0;
        }
        if (before != selected) {
            app.markDirty();
        }
        return true;
    }

    /**
     * Columns that fit the width, highest priority first, in table order. Chosen by position, not by
     * {@code contains}: a record's equals is bootstrapped through invokedynamic at its first call,
     * ~15 ms of the first frame.
     */
    static List<Column> fitting(int cols) {
        Integer[] byPriority = new Integer[COLUMNS.size()];
        for (int i = 0; i < byPriority.length; i++) {
            byPriority[i] = i;
        }
        // Stable: among equal priorities the earlier column wins, as before.
        Arrays.sort(byPriority, (a, b) -> Integer.compare(COLUMNS.get(b).priority(), COLUMNS.get(a).priority()));
        boolean[] chosen = new boolean[COLUMNS.size()];
        int used = 0;
        for (int i : byPriority) {
            Column c = COLUMNS.get(i);
            if (used + c.width() + 1 <= cols) {
                chosen[i] = true;
                used += c.width() + 1;
            }
        }
        List<Column> out = new ArrayList<>();
        for (int i = 0; i < chosen.length; i++) {
            if (chosen[i]) {
                out.add(COLUMNS.get(i));
            }
        }
        return out;
    }

    @Override
    public void draw(Area area) {
        List<InstanceView> list = rows();
        List<Column> columns = fitting(area.cols());
        StringBuilder header = new StringBuilder();
        for (Column c : columns) {
            String t = c.title() + (c == COLUMNS.get(sortColumn) ? (descending ? "↓" : "↑") : "");
            header.append(Text.fit(t, c.width())).append(' ');
        }
        area.line(0, header.toString(), area.colors().role("header"), TextColor.ANSI.DEFAULT, true);
        if (list.isEmpty()) {
            String why = app.inventory().connected() || app.inventory().problem() == null
                    ? (filter.isEmpty() ? "no instances yet" : "nothing matches the filter '" + filter + "' (Esc clears it)")
                    : app.inventory().problem();
            area.put(2, 2, why, area.colors().role("dim"));
            return;
        }
        int visible = Math.max(1, area.rows() - 1);
        // Group headers take rows too: keep the selection on screen by counting them.
        List<Object> lines = new ArrayList<>();
        String lastDomain = null;
        for (InstanceView v : list) {
            if (grouped && !Objects.equals(lastDomain, v.domain())) {
                lines.add("── " + v.domain() + " " + Badges.trust(v.trust()) + " ");
                lastDomain = v.domain();
            }
            lines.add(v);
        }
        int selectedLine = lineOf(lines, list.get(selected));
        offset = Viewport.keepInView(offset, selectedLine, visible);
        offset = Math.max(0, Math.min(offset, Math.max(0, lines.size() - visible)));
        List<InstanceRef> onScreen = new ArrayList<>();
        for (int i = 0; i < visible && offset + i < lines.size(); i++) {
            Object line = lines.get(offset + i);
            if (line instanceof String group) {
                area.line(1 + i, group, area.colors().role("dim"), TextColor.ANSI.DEFAULT, true);
                continue;
            }
            InstanceView v = (InstanceView) line;
            onScreen.add(v.ref());
            StringBuilder row = new StringBuilder();
            for (Column c : columns) {
                row.append(Text.fit(c.cell().apply(v), c.width())).append(' ');
            }
            boolean isSelected = v == list.get(selected);
            TextColor fg = area.colors().trust(v.untracked() ? null : v.trust());
            if (isSelected) {
                area.line(1 + i, row.toString(), area.colors().role("selection"), area.colors().role("selection.background"), true);
                // Keep the trust color visible on the selected row through its badge.
                int badgeCol = badgeColumn(columns);
                if (badgeCol >= 0) {
                    area.put(badgeCol, 1 + i, Badges.trust(v.untracked() ? null : v.trust()), fg,
                            area.colors().role("selection.background"), true);
                }
            } else {
                area.line(1 + i, row.toString(), fg, TextColor.ANSI.DEFAULT, v.untracked());
            }
        }
        app.afterFrame(() -> app.services().inventory().requestDetails(onScreen));
    }

    /**
     * The line showing this very row. By identity: the rows are the lines' own objects, and a row's
     * equals (a record's, bootstrapped through invokedynamic) costs ~15 ms at its first call, in the
     * first frame.
     */
    private static int lineOf(List<Object> lines, InstanceView row) {
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i) == row) {
                return i;
            }
        }
        return -1;
    }

    private static int badgeColumn(List<Column> columns) {
        int col = 0;
        for (Column c : columns) {
            if (c.title().equals("TRUST")) {
                return col;
            }
            col += c.width() + 1;
        }
        return -1;
    }
}
