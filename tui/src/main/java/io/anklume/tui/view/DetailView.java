package io.anklume.tui.view;

import com.googlecode.lanterna.TextColor;
import io.anklume.core.inventory.InstanceRef;
import io.anklume.core.inventory.InstanceView;
import io.anklume.core.snapshot.SnapshotView;
import io.anklume.tui.App;
import io.anklume.tui.keys.KeyAction;
import io.anklume.tui.widget.Badges;
import io.anklume.tui.widget.Text;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;
import java.util.Optional;

/** One instance: state, address, resources, profiles, protection, GPU and its latest snapshots. */
public final class DetailView implements View {
    private final App app;
    private final InstanceRef ref;
    private volatile List<SnapshotView> snapshots;
    private volatile io.anklume.core.inventory.InstanceDetails details;
    private volatile List<io.anklume.core.routing.RouteStatus> routes;
    private volatile io.anklume.core.isolation.IsolationMatrix isolation;
    /** Rows scrolled away (the content is taller than an 80x24 terminal), and the content's height. */
    private int scroll;
    private int contentRows;
    /** State and address the routes were read for: Caddy's target changes with them. */
    private String routesReadFor;
    private long rereadRoutesAt;

    public DetailView(App app, InstanceRef ref) {
        this.app = app;
        this.ref = ref;
        // Only the view changes: the status bar keeps what the user was told (e.g. "renamed …").
        app.load("reading snapshots of " + ref, () -> app.services().snapshots().list(ref), list -> {
            snapshots = list;
            app.markDirty();
        });
        app.load("reading " + ref, () -> app.services().details().of(ref), d -> {
            details = d;
            app.markDirty();
        });
        if (app.services().infraFile() != null) {
            app.load("reading the network policies", () -> app.services().isolation().report(app.services().infraFile()), r -> {
                isolation = r.matrix();
                app.markDirty();
            });
        }
        loadRoutes();
    }

    void loadRoutes() {
        instance().ifPresent(v -> app.load("reading routes of " + ref, () -> app.services().routes().of(v), r -> {
            routes = r;
            app.markDirty();
        }));
    }

    Optional<InstanceView> instance() {
        return app.inventory().instances().stream().filter(v -> v.ref().equals(ref)).findFirst();
    }

    @Override
    public String title() {
        return "detail › " + ref;
    }

    @Override
    public List<KeyAction> actions() {
        List<KeyAction> a = new ArrayList<>();
        instance().ifPresent(v -> {
            a.addAll(Actions.lifecycleKeys(v, () -> Actions.start(app, v), () -> Actions.stop(app, v),
                    () -> Actions.restart(app, v)));
            a.add(KeyAction.mutating("d", "delete", () -> Actions.delete(app, v)));
            a.add(KeyAction.of("p", "snapshots", () -> app.push(new SnapshotsView(app, ref))));
            a.add(KeyAction.mutating("x", "shell", () -> Actions.shell(app, v)));
            a.add(KeyAction.mutating("m", "rename", () -> Actions.rename(app, v, renamed -> {
                if (app.view() == this) {
                    app.back();
                    app.push(new DetailView(app, renamed));
                }
            })));
            a.add(KeyAction.mutating("G", v.gpu() ? "detach GPU (stopped)" : "attach GPU (stopped)",
                    () -> Actions.toggleGpu(app, v)));
            a.add(KeyAction.of("l", "logs", () -> app.push(new LogView(app, ref))));
            a.add(KeyAction.mutating("R", "add route", () -> new RouteWizard(app, v, this::loadRoutes).add()));
            a.add(KeyAction.mutating("U", "remove route", () -> new RouteWizard(app, v, this::loadRoutes)
                    .remove(routes == null ? List.of() : routes)));
        });
        return a;
    }

    @Override
    public boolean handle(com.googlecode.lanterna.input.KeyStroke k) {
        var type = k.getKeyType();
        boolean ch = type == com.googlecode.lanterna.input.KeyType.Character && !k.isCtrlDown();
        int before = scroll;
        if (type == com.googlecode.lanterna.input.KeyType.ArrowDown || ch && k.getCharacter() == 'j') {
            scroll++;
        } else if (type == com.googlecode.lanterna.input.KeyType.ArrowUp || ch && k.getCharacter() == 'k') {
            scroll--;
        } else if (type == com.googlecode.lanterna.input.KeyType.PageDown) {
            scroll += 10;
        } else if (type == com.googlecode.lanterna.input.KeyType.PageUp) {
            scroll -= 10;
        } else if (type == com.googlecode.lanterna.input.KeyType.Home) {
            scroll = 0;
        } else {
            return false;
        }
        scroll = Math.max(0, Math.min(scroll, Math.max(0, contentRows - 1)));
        if (scroll != before) {
            app.markDirty();
        }
        return true;
    }

    @Override
    public void draw(Area area) {
        Optional<InstanceView> found = instance();
        if (found.isEmpty()) {
            area.put(2, 1, ref + " is gone (deleted or renamed). Esc to go back.", area.colors().role("warning"));
            return;
        }
        InstanceView v = found.get();
        app.afterFrame(() -> app.services().inventory().requestDetails(List.of(v.ref())));
        rereadRoutesWhenTheTargetMoved(v);
        // Keep the last screenful of content in view when the terminal grows or the content shrinks.
        scroll = Math.max(0, Math.min(scroll, contentRows - area.rows()));
        contentRows = drawContent(area.scrolledBy(scroll), v);
        if (contentRows > area.rows()) {
            String more = scroll + area.rows() < contentRows ? " ↓ j/k scroll " : " ↑ k scrolls back ";
            area.put(Math.max(0, area.cols() - more.length()), area.rows() - 1, more, area.colors().role("dim"));
        }
    }

    /**
     * Caddy's route follows the instance's state and address (the route keeper syncs within ~2 s): read
     * the routes again when they changed, and once more after the keeper had time to act.
     */
    private void rereadRoutesWhenTheTargetMoved(InstanceView v) {
        String target = v.status() + " " + v.ipv4();
        long now = System.nanoTime();
        if (routesReadFor == null) {
            routesReadFor = target;
        } else if (!target.equals(routesReadFor)) {
            routesReadFor = target;
            rereadRoutesAt = now + java.util.concurrent.TimeUnit.MILLISECONDS.toNanos(2500);
            loadRoutes();
        } else if (rereadRoutesAt != 0 && now - rereadRoutesAt >= 0) {
            rereadRoutesAt = 0;
            loadRoutes();
        }
    }

    /** Where the second column starts on a wide terminal (addresses, config and devices). */
    private static final int SECOND_COLUMN = 60;

    /** Draws everything in content rows (the area scrolls them); returns how many rows were used. */
    private int drawContent(Area whole, InstanceView v) {
        TextColor text = whole.colors().role("text");
        TextColor dim = whole.colors().role("dim");
        // On a wide terminal the second column (addresses, config, devices) is drawn first; beside it the
        // left column stops short of it, a longer line cut there (with …) instead of running under the
        // second column's text; below it, the left column has the whole width again.
        int secondEnd = wide(whole) ? drawDetails(whole, 0, text, dim) : 0;
        Area narrow = new Area(whole.g(), whole.top(), whole.rows(), SECOND_COLUMN - 1, whole.colors(), whole.scroll());
        IntFunction<Area> at = r -> r < secondEnd ? narrow : whole;
        TextColor trust = whole.colors().trust(v.untracked() ? null : v.trust());
        int row = 0;
        at.apply(row).put(1, row++, Badges.trust(v.untracked() ? null : v.trust()) + " " + v.name(), trust, TextColor.ANSI.DEFAULT, true);
        row++;
        row = field(at.apply(row), row, "Project", v.ref().project(), text);
        row = field(at.apply(row), row, "Domain", v.domain() + (v.managed() ? "" : v.disposable()
                ? "  (disposable: deleted at stop)" : "  (UNTRACKED: a adopts it)"), text);
        row = field(at.apply(row), row, "Trust", v.trust() == null ? "-" : v.trust().yamlName(), trust);
        row = field(at.apply(row), row, "Type", v.type(), text);
        row = field(at.apply(row), row, "State", v.status(), v.isRunning() ? whole.colors().role("ok") : dim);
        row = field(at.apply(row), row, "IPv4 (eth0)", v.ipv4() == null ? "-" : v.ipv4(), text);
        row = field(at.apply(row), row, "CPU time", Text.seconds(v.cpuSeconds()), text);
        row = field(at.apply(row), row, "Memory", Text.bytes(v.memoryBytes()), text);
        row = field(at.apply(row), row, "Profiles", String.join(", ", v.profiles() == null ? List.of() : v.profiles()), text);
        row = field(at.apply(row), row, "GPU", v.gpu() ? "yes (gpu device passed through)" : "no",
                v.gpu() ? whole.colors().role("badge.gpu") : dim);
        row = field(at.apply(row), row, "Protected", v.protectedFromDelete() ? "yes (security.protection.delete)" : "no", text);
        row = field(at.apply(row), row, "Ephemeral", v.ephemeral() ? "yes (deleted when stopped)" : "no", text);
        row = field(at.apply(row), row, "Created", Text.date(v.createdAt()), text);
        row++;
        at.apply(row).put(1, row++, "Latest snapshots", whole.colors().role("header"), TextColor.ANSI.DEFAULT, true);
        List<SnapshotView> s = snapshots;
        if (s == null) {
            at.apply(row).put(3, row++, "reading…", dim);
        } else if (s.isEmpty()) {
            at.apply(row).put(3, row++, "none (p, then n, takes one)", dim);
        } else {
            for (int i = 0; i < Math.min(5, s.size()); i++) {
                at.apply(row).put(3, row++, Text.fit(s.get(i).name(), 28) + " " + Text.ago(s.get(i).createdAt(), Instant.now()), text);
            }
        }
        row = drawRoutes(at, row + 1, text, dim);
        row++;
        at.apply(row).put(1, row++, "Reached by", whole.colors().role("header"), TextColor.ANSI.DEFAULT, true);
        row = drawPolicies(at, row, v, text, dim);
        return wide(whole) ? Math.max(row, secondEnd) : drawDetails(whole, row + 1, text, dim);
    }

    private static boolean wide(Area area) {
        return area.cols() >= 110;
    }

    /** URL → target, auth, whether Caddy holds exactly this route; then the SSH port. */
    private int drawRoutes(IntFunction<Area> at, int row, TextColor text, TextColor dim) {
        Area area = at.apply(row + 1); // the routes' width: that of their first line
        area.put(1, row++, "Routes", area.colors().role("header"), TextColor.ANSI.DEFAULT, true);
        List<io.anklume.core.routing.RouteStatus> r = routes;
        if (r == null) {
            area.put(3, row++, "reading…", dim);
        } else if (r.isEmpty()) {
            area.put(3, row++, "none (R adds one)", dim);
        } else {
            // Columns as wide as their longest entry (an IPv6 target is ~40 characters, an IPv4 one ~20);
            // on a narrow terminal the URL gives way first, then the target.
            int urlWidth = r.stream().mapToInt(s -> s.url().length()).max().orElse(0);
            int targetWidth = r.stream().mapToInt(s -> s.target().length()).max().orElse(0);
            int stateWidth = r.stream().mapToInt(s -> s.state().text().length()).max().orElse(0);
            int spare = area.cols() - 3 - " → ".length() - " auth yes  ".length() - stateWidth - urlWidth - targetWidth;
            if (spare < 0) {
                int urlCut = Math.min(-spare, Math.max(0, urlWidth - 16));
                urlWidth -= urlCut;
                targetWidth = Math.max(8, targetWidth - (-spare - urlCut));
            }
            for (io.anklume.core.routing.RouteStatus s : r) {
                boolean ok = s.state() == io.anklume.core.routing.RouteStatus.State.IN_SYNC;
                area.put(3, row++, Text.fit(s.url(), urlWidth) + " → " + Text.fit(s.target(), targetWidth) + " auth "
                        + (s.auth() ? "yes" : "no ") + "  " + s.state().text(),
                        ok ? text : area.colors().role("warning"));
            }
        }
        io.anklume.core.inventory.InstanceDetails d = details;
        String ssh = d == null ? "…" : io.anklume.core.routing.ssh.SshProxies.listenPort(d.devices())
                .map(p -> "host port " + p + " → :22").orElse("-");
        return field(area, row, "SSH", ssh, text);
    }

    /** The network policies that let other domains (or the host) reach this instance. */
    private int drawPolicies(IntFunction<Area> at, int row, InstanceView v, TextColor text, TextColor dim) {
        Area area = at.apply(row);
        io.anklume.core.isolation.IsolationMatrix m = isolation;
        if (v.untracked()) {
            area.put(3, row++, "not in infra.yml: no policy applies", dim);
        } else if (m == null) {
            area.put(3, row++, app.services().infraFile() == null ? "no infra file" : "reading…", dim);
        } else {
            var flows = m.reaching(v.name(), v.domain());
            if (flows.isEmpty()) {
                area.put(3, row++, "its own domain " + v.domain() + " only (no policy opens it)", dim);
            }
            for (var f : flows) {
                area.put(3, row++, Text.fit("P" + f.policyIndex(), 5) + "from " + Text.fit(f.from().label(), 14)
                        + f.portsLabel() + (f.reverse() ? " (bidirectional)" : ""), text);
            }
        }
        return row;
    }

    /** Addresses, config and devices in a second column when the terminal is wide, else below. */
    private int drawDetails(Area area, int below, TextColor text, TextColor dim) {
        io.anklume.core.inventory.InstanceDetails d = details;
        boolean wide = wide(area);
        int col = wide ? SECOND_COLUMN : 1;
        int row = wide ? 0 : below;
        if (d == null) {
            area.put(col, row, "reading config…", dim);
            return row + 1;
        }
        area.put(col, row++, "Addresses", area.colors().role("header"), TextColor.ANSI.DEFAULT, true);
        for (var e : d.addresses().entrySet()) {
            area.put(col + 2, row++, Text.fit(e.getKey(), 8) + String.join(", ", e.getValue()), text);
        }
        area.put(col, row++, "Config", area.colors().role("header"), TextColor.ANSI.DEFAULT, true);
        for (var e : d.config().entrySet()) {
            area.put(col + 2, row++, e.getKey() + " = " + e.getValue(), e.getKey().startsWith("user.anklume") ? dim : text);
        }
        area.put(col, row++, "Devices", area.colors().role("header"), TextColor.ANSI.DEFAULT, true);
        for (var e : d.devices().entrySet()) {
            boolean gpu = "gpu".equals(e.getValue().get("type"));
            StringBuilder props = new StringBuilder();
            new java.util.TreeMap<>(e.getValue()).forEach((k, v) -> props.append(k).append('=').append(v).append(' '));
            area.put(col + 2, row++, (gpu ? "GPU " : "") + e.getKey() + ": " + props.toString().strip(),
                    gpu ? area.colors().role("badge.gpu") : text, TextColor.ANSI.DEFAULT, gpu);
        }
        return row;
    }

    private static int field(Area area, int row, String label, String value, TextColor color) {
        area.put(3, row, Text.fit(label, 14), area.colors().role("dim"));
        area.put(18, row, value == null ? "-" : value, color);
        return row + 1;
    }
}
