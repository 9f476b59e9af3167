package io.anklume.core.plan;

import io.anklume.core.snapshot.SnapshotNames;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The safety step of an apply: a {@code pre-apply-<timestamp>} snapshot of every existing instance the
 * plan changes, as explicit actions at the head of the plan. The Applier runs them before any other
 * action, so a snapshot that fails stops the apply before anything changed. All snapshots of one apply
 * share one name, which is how {@code rollback} finds the instances of the last apply.
 */
public final class PreApplySnapshots {
    public static final int DEFAULT_KEEP = 3;

    private final Clock clock;
    private final int keep;

    /** {@code keep}: how many pre-apply snapshots each instance keeps (at least 1). */
    public PreApplySnapshots(Clock clock, int keep) {
        if (keep < 1) {
            throw new IllegalArgumentException("keep at least one pre-apply snapshot, not " + keep);
        }
        this.clock = clock;
        this.keep = keep;
    }

    /** The plan with its safety snapshots first; an empty plan or one that changes no instance stays as it is. */
    public Plan guard(Plan plan) {
        String name = SnapshotNames.preApply(clock);
        Map<String, Action.SnapshotInstance> snapshots = new LinkedHashMap<>();
        for (Action a : plan.actions()) {
            if (a instanceof Action.UpdateInstance u) {
                snapshots.putIfAbsent(u.project() + "/" + u.name(),
                        new Action.SnapshotInstance(u.domain(), u.project(), u.name(), name, keep));
            }
        }
        if (snapshots.isEmpty()) {
            return plan;
        }
        List<Action> actions = new ArrayList<>(snapshots.values());
        actions.addAll(plan.actions());
        return new Plan(actions, plan.warnings());
    }
}
