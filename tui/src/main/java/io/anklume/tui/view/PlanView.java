package io.anklume.tui.view;

import com.googlecode.lanterna.TextColor;
import com.googlecode.lanterna.input.KeyStroke;
import com.googlecode.lanterna.input.KeyType;
import io.anklume.core.infra.Problem;
import io.anklume.core.plan.Action;
import io.anklume.core.plan.ApplyListener;
import io.anklume.core.plan.ApplyReport;
import io.anklume.core.plan.Plan;
import io.anklume.core.plan.Reconciler;
import io.anklume.tui.App;
import io.anklume.tui.keys.KeyAction;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The plan of the infra file as a colored diff (+ green, ~ yellow, - red); {@code a} applies it with
 * live progress per action, then a summary. Planning and applying run in the background.
 */
public final class PlanView implements View {
    private enum Mark { WAITING, RUNNING, DONE, FAILED }

    private final App app;
    private final Path infraFile;
    private volatile Reconciler.Planned planned;
    private volatile ApplyReport report;
    private final Map<Action, Mark> marks = new ConcurrentHashMap<>();
    private final Map<Action, String> errors = new ConcurrentHashMap<>();
    private int scroll;

    public PlanView(App app, Path infraFile) {
        this.app = app;
        this.infraFile = infraFile;
        replan();
    }

    private void replan() {
        report = null;
        marks.clear();
        errors.clear();
        app.load("planning " + infraFile, () -> app.services().plans().plan(infraFile), p -> {
            planned = p;
            app.info(this, p.plan() == null ? infraFile + " has errors: nothing can be applied"
                    : p.plan().isEmpty() ? "no changes: Incus matches " + infraFile : p.plan().summary());
        });
    }

    @Override
    public String title() {
        return "plan › " + infraFile;
    }

    @Override
    public List<KeyAction> actions() {
        List<KeyAction> a = new ArrayList<>();
        Reconciler.Planned p = planned;
        if (p != null && p.plan() != null && !p.plan().isEmpty() && report == null) {
            a.add(KeyAction.mutating("a", "apply", this::confirmApply));
        }
        a.add(KeyAction.of("R", "plan again", this::replan));
        return a;
    }

    private void confirmApply() {
        Plan plan = planned.plan();
        app.confirm("Apply " + plan.size() + " change" + (plan.size() == 1 ? "" : "s") + " from " + infraFile
                + " to Incus? [y/N]", () -> {
                    plan.actions().forEach(x -> marks.put(x, Mark.WAITING));
                    app.run("applying " + plan.size() + " changes", () -> {
                        report = app.services().plans().apply(plan, new ApplyListener() {
                            @Override
                            public void started(Action action) {
                                marks.put(action, Mark.RUNNING);
                                app.markDirty();
                            }

                            @Override
                            public void succeeded(Action action) {
                                marks.put(action, Mark.DONE);
                                app.markDirty();
                            }

                            @Override
                            public void failed(Action action, String message) {
                                marks.put(action, Mark.FAILED);
                                errors.put(action, message);
                                app.markDirty();
                            }
                        });
                        if (!report.succeeded()) {
                            throw new io.anklume.core.ActionException(infraFile.toString(), "apply",
                                    report.failed().size() + " failed, " + report.notDone().size() + " not done");
                        }
                    }, "applied: " + plan.size() + " changes done");
                });
    }

    @Override
    public boolean handle(KeyStroke k) {
        if (k.getKeyType() == KeyType.ArrowDown || (k.getKeyType() == KeyType.Character && k.getCharacter() == 'j')) {
            scroll++;
        } else if (k.getKeyType() == KeyType.ArrowUp || (k.getKeyType() == KeyType.Character && k.getCharacter() == 'k')) {
            scroll = Math.max(0, scroll - 1);
        } else {
            return false;
        }
        app.markDirty();
        return true;
    }

    /** One line to draw and its role color. */
    private record Line(String text, String role) {}

    @Override
    public void draw(Area area) {
        Reconciler.Planned p = planned;
        List<Line> lines = new ArrayList<>();
        if (p == null) {
            lines.add(new Line("planning…", "dim"));
        } else {
            for (Problem problem : p.problems()) {
                lines.add(new Line(problem.toString(), problem.isError() ? "error" : "warning"));
            }
            if (p.plan() != null) {
                p.plan().warnings().forEach(w -> lines.add(new Line("warning: " + w, "warning")));
                if (p.plan().isEmpty()) {
                    lines.add(new Line("No changes. Incus matches " + infraFile + ".", "ok"));
                }
                for (Action action : p.plan().actions()) {
                    Mark mark = marks.get(action);
                    String prefix = mark == null ? "" : switch (mark) {
                        case WAITING -> "  ·  ";
                        case RUNNING -> " ... ";
                        case DONE -> " ok  ";
                        case FAILED -> " ERR ";
                    };
                    for (String diff : action.diffLines()) {
                        String role = diff.startsWith("+") ? "diff.add" : diff.startsWith("-") ? "diff.remove"
                                : diff.startsWith("*") ? "dim" : "diff.change";
                        lines.add(new Line(prefix + diff, mark == Mark.FAILED ? "error" : role));
                    }
                    if (errors.containsKey(action)) {
                        lines.add(new Line("       " + errors.get(action), "error"));
                    }
                }
                ApplyReport r = report;
                if (r != null) {
                    lines.add(new Line("", "text"));
                    r.lines().forEach(l -> lines.add(new Line(l, r.succeeded() ? "ok" : "error")));
                } else if (!p.plan().isEmpty()) {
                    lines.add(new Line("", "text"));
                    lines.add(new Line(p.plan().summary() + "  (a applies, R plans again)", "text"));
                }
            }
        }
        scroll = Math.min(scroll, Math.max(0, lines.size() - area.rows()));
        for (int i = 0; i < area.rows() && scroll + i < lines.size(); i++) {
            Line l = lines.get(scroll + i);
            area.line(i, l.text(), area.colors().role(l.role()), TextColor.ANSI.DEFAULT, false);
        }
    }
}
