package io.anklume.tui.view;

import com.googlecode.lanterna.TextColor;
import io.anklume.core.isolation.Flow;
import io.anklume.core.isolation.IsolationMatrix;
import io.anklume.core.isolation.IsolationReport;
import io.anklume.tui.App;
import io.anklume.tui.keys.KeyAction;
import io.anklume.tui.widget.Text;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Domains × domains: which domain may open traffic to which, and through which policy; a blocked pair
 * shows the packets its drop rule counted. Above it, how the isolation is enforced right now. The model
 * is core's {@link IsolationReport}; this view only draws it.
 */
public final class IsolationView implements View {
    static final String SAME = "=";
    static final String BLOCKED = "✗";

    private final App app;
    private final Path infraFile;
    private volatile IsolationReport report;

    public IsolationView(App app, Path infraFile) {
        this.app = app;
        this.infraFile = infraFile;
        read();
    }

    private void read() {
        app.load("reading the isolation of " + infraFile, () -> app.services().isolation().report(infraFile), r -> {
            report = r;
            app.info("");
        });
    }

    @Override
    public String title() {
        return "isolation › " + infraFile;
    }

    @Override
    public List<KeyAction> actions() {
        return List.of(KeyAction.of("R", "read again", this::read));
    }

    /** The text of one cell: "=", "✗", "✗ 12" (dropped packets) or the policies "P1,P3". */
    static String cell(IsolationReport r, String from, String to) {
        if (from.equals(to)) {
            return SAME;
        }
        List<Flow> flows = r.matrix().allowedBy(from, to);
        if (flows.isEmpty()) {
            long dropped = r.dropped(from, to);
            return dropped > 0 ? BLOCKED + " " + dropped : BLOCKED;
        }
        return flows.stream().map(f -> "P" + f.policyIndex()).distinct().collect(Collectors.joining(","));
    }

    @Override
    public void draw(Area area) {
        IsolationReport r = report;
        TextColor dim = area.colors().role("dim");
        if (r == null) {
            area.put(2, 1, "reading " + infraFile + "…", dim);
            return;
        }
        IsolationMatrix m = r.matrix();
        int row = 0;
        row = area.wrapped(1, row, r.enforcement(), r.inPlace() ? area.colors().role("ok") : area.colors().role("warning"),
                true);
        row++;
        int first = Math.max(12, m.domains().stream().mapToInt(String::length).max().orElse(0) + 2);
        int width = Math.max(9, m.domains().stream().mapToInt(String::length).max().orElse(0) + 2);
        area.put(1, row, Text.fit("from \\ to", first), area.colors().role("header"), TextColor.ANSI.DEFAULT, true);
        for (int j = 0; j < m.domains().size(); j++) {
            area.put(1 + first + j * width, row, Text.fit(m.domains().get(j), width), area.colors().role("header"),
                    TextColor.ANSI.DEFAULT, true);
        }
        row++;
        for (String from : m.domains()) {
            area.put(1, row, Text.fit(from, first), area.colors().role("header"));
            for (int j = 0; j < m.domains().size(); j++) {
                String to = m.domains().get(j);
                String text = cell(r, from, to);
                String role = from.equals(to) ? "dim" : m.blocked(from, to) ? "error" : "ok";
                area.put(1 + first + j * width, row, Text.fit(text, width), area.colors().role(role));
            }
            row++;
        }
        row++;
        area.put(1, row++, SAME + " same domain   " + BLOCKED + " blocked (n: packets dropped so far)   Pn opened by policy n",
                dim);
        row++;
        area.put(1, row++, "Policies", area.colors().role("header"), TextColor.ANSI.DEFAULT, true);
        Map<Integer, Flow> byPolicy = new LinkedHashMap<>();
        m.flows().forEach(f -> byPolicy.putIfAbsent(f.policyIndex(), f));
        if (byPolicy.isEmpty()) {
            area.put(3, row++, "none: every domain is closed to the others", dim);
        }
        for (Flow f : byPolicy.values()) {
            boolean both = m.flows().stream().anyMatch(o -> o.policyIndex() == f.policyIndex() && o.reverse());
            String where = f.forwarded() ? "" : "   (to or from the host: anklume does not filter the host)";
            area.put(3, row++, Text.fit("P" + f.policyIndex(), 5) + f.from().label() + (both ? " <-> " : " -> ")
                    + f.to().label() + "  " + f.portsLabel()
                    + (f.description() == null || f.description().isBlank() ? "" : "  " + f.description()) + where,
                    area.colors().role("text"));
        }
    }
}
