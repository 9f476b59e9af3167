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
 * validate, plan against Incus, apply with progress. Read-only mode refuses the apply. Closing it ends
 * the event subscription of a {@link #cached} one.
 */
public final class Reconciler implements AutoCloseable {
    private final IncusClient incus;
    private final boolean readOnly;
    private final PreApplySnapshots safeguard;
    private final ObservedStateSource observed;

    /** Reads Incus fresh on every plan. */
    public Reconciler(IncusClient incus, boolean readOnly) {
        this(incus, readOnly, defaultSafeguard(), new ObservedStateReader(incus));
    }

    /** {@code safeguard} adds the pre-apply snapshots to every plan; null plans without them. */
    public Reconciler(IncusClient incus, boolean readOnly, PreApplySnapshots safeguard) {
        this(incus, readOnly, safeguard, new ObservedStateReader(incus));
    }

    Reconciler(IncusClient incus, boolean readOnly, PreApplySnapshots safeguard, ObservedStateSource observed) {
        this.incus = incus;
        this.readOnly = readOnly;
        this.safeguard = safeguard;
        this.observed = observed;
    }

    /**
     * For a long-running front end: keeps what it read from Incus between plans and drops it on Incus
     * events ({@link ObservedStateCache}), so a re-plan with nothing changed does not wait for incusd.
     */
    public static Reconciler cached(IncusClient incus, boolean readOnly) {
        return new Reconciler(incus, readOnly, defaultSafeguard(), new ObservedStateCache(incus));
    }

    private static PreApplySnapshots defaultSafeguard() {
        return new PreApplySnapshots(java.time.Clock.systemUTC(), PreApplySnapshots.DEFAULT_KEEP);
    }

    /** A plan, or the file's problems when it is invalid (then {@code plan} is null). */
    public record Planned(Plan plan, List<Problem> problems) {}

    public Planned plan(Path infraFile) {
        InfraFiles.Loaded loaded = InfraFiles.load(infraFile);
        if (loaded.hasErrors()) {
            return new Planned(null, loaded.problems());
        }
        try {
            Plan plan = new Planner(incus, observed).plan(loaded.infra(), loaded.addresses(), PlanOptions.DEFAULT);
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
        try {
            return new Applier(new IncusActionRunner(incus), parallelism, listener).apply(plan);
        } finally {
            // The plan after an apply must not wait for the apply's events to see its changes. Dropping
            // once at the end is enough: a read that overlapped the apply either ended before this and
            // is dropped here, or ends after it with an older epoch and is not kept.
            observed.forgetAll();
        }
    }

    @Override
    public void close() {
        observed.close();
    }
}
