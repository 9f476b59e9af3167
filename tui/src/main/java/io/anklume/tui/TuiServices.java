package io.anklume.tui;

import io.anklume.core.adopt.MachineEntry;
import io.anklume.core.inventory.Details;
import io.anklume.core.inventory.InstanceRef;
import io.anklume.core.inventory.InstanceView;
import io.anklume.core.inventory.Inventory;
import io.anklume.core.lifecycle.Consoles;
import io.anklume.core.lifecycle.Lifecycle;
import io.anklume.core.plan.ApplyListener;
import io.anklume.core.plan.ApplyReport;
import io.anklume.core.plan.Plan;
import io.anklume.core.plan.Reconciler;
import io.anklume.core.snapshot.Snapshots;
import java.nio.file.Path;
import java.util.function.Supplier;

/**
 * Everything the screen may call, as narrow ports: views never see Incus, only these. Built from
 * {@code CoreServices} in {@link Main}, from fakes in tests.
 */
public record TuiServices(Inventory inventory, Lifecycle lifecycle, Snapshots snapshots, Adopter adopter,
                          Consoles consoles, Details details, Shell shell, Plans plans, Declarer declarer, Path infraFile,
                          boolean readOnly, Supplier<String> snapshotName, Safekeeping safekeeping,
                          Disposable disposable) {

    /**
     * Keeping instances safe beyond one snapshot: a whole domain at once, undoing the last apply,
     * golden images and backups. Each waits for Incus and returns what was done (one line).
     */
    public interface Safekeeping {
        String snapshotDomain(String domain);

        /** What {@link #rollback} would restore, one "project/name → pre-apply-…" per line; empty when nothing. */
        java.util.List<String> rollbackPreview();

        String rollback();

        /** Publishes a stopped instance as a local image alias. */
        String publish(InstanceRef ref, String alias);

        /** Writes the instance's backup tarball to {@code file}. */
        String exportBackup(InstanceRef ref, Path file);
    }

    /** Launches a disposable instance and runs a shell in it on the real terminal; it is gone after. */
    @FunctionalInterface
    public interface Disposable {
        int open() throws Exception;
    }

    /** Adds a machine to the infra file (kept valid, comments kept). */
    @FunctionalInterface
    public interface Declarer {
        void declare(Path infraFile, String domain, MachineEntry machine);
    }

    /** Plan and apply of the infra file (core's Reconciler). */
    public interface Plans {
        Reconciler.Planned plan(Path infraFile);

        ApplyReport apply(Plan plan, ApplyListener listener);
    }

    /** Records an untracked instance in the infra file and marks it managed; returns what was done. */
    @FunctionalInterface
    public interface Adopter {
        String adopt(InstanceRef ref, Path infraFile);
    }

    /** Runs an interactive shell in the instance on the real terminal while the screen is suspended. */
    @FunctionalInterface
    public interface Shell {
        int open(InstanceView instance) throws Exception;
    }
}
