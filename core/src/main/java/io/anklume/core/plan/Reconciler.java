package io.anklume.core.plan;

import io.anklume.core.ActionException;
import io.anklume.core.infra.InfraFiles;
import io.anklume.core.infra.Problem;
import io.anklume.incus.IncusClient;
import io.anklume.incus.IncusException;
import java.nio.file.Path;
import java.util.List;

/**
 * Plan and apply of an infra file for front ends other than the CLI (the TUI's plan view): load,
 * validate, plan against Incus, apply with progress. Read-only mode refuses the apply.
 */
public final class Reconciler {
    private final IncusClient incus;
    private final boolean readOnly;
    private final PreApplySnapshots safeguard;

    public Reconciler(IncusClient incus, boolean readOnly) {
        this(incus, readOnly, new PreApplySnapshots(java.time.Clock.systemUTC(), PreApplySnapshots.DEFAULT_KEEP));
    }

    /** {@code safeguard} adds the pre-apply snapshots to every plan; null plans without them. */
    public Reconciler(IncusClient incus, boolean readOnly, PreApplySnapshots safeguard) {
        this.incus = incus;
        this.readOnly = readOnly;
        this.safeguard = safeguard;
    }

    /** A plan, or the file's problems when it is invalid (then {@code plan} is null). */
    public record Planned(Plan plan, List<Problem> problems) {}

    public Planned plan(Path infraFile) {
        InfraFiles.Loaded loaded = InfraFiles.load(infraFile);
        if (loaded.hasErrors()) {
            return new Planned(null, loaded.problems());
        }
        try {
            Plan plan = new Planner(incus).plan(loaded.infra(), loaded.addresses(), PlanOptions.DEFAULT);
            if (safeguard != null) {
                plan = safeguard.guard(plan);
            }
            return new Planned(plan, loaded.problems());
        } catch (IncusException e) {
            throw new ActionException(infraFile.toString(), "plan", e.getMessage(), e);
        } catch (PlanException e) {
            throw new ActionException(infraFile.toString(), "plan", e.getMessage(), e);
        }
    }

    public ApplyReport apply(Plan plan, int parallelism, ApplyListener listener) {
        if (readOnly) {
            throw new ActionException("the plan", "apply", "anklume-tui runs in read-only mode");
        }
        return new Applier(new IncusActionRunner(incus), parallelism, listener).apply(plan);
    }
}
