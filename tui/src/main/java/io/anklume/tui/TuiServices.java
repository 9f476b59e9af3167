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
                          boolean readOnly, Supplier<String> snapshotName, IsolationReader isolation) {

    /** Without an isolation reader: the isolation view still shows the matrix, and says nft was not read. */
    public TuiServices(Inventory inventory, Lifecycle lifecycle, Snapshots snapshots, Adopter adopter,
                       Consoles consoles, Details details, Shell shell, Plans plans, Declarer declarer, Path infraFile,
                       boolean readOnly, Supplier<String> snapshotName) {
        this(inventory, lifecycle, snapshots, adopter, consoles, details, shell, plans, declarer, infraFile, readOnly,
                snapshotName, file -> new io.anklume.core.isolation.Isolation(null, null).report(file));
    }

    /** Who may reach whom according to the infra file, and how that is enforced now (core's Isolation). */
    @FunctionalInterface
    public interface IsolationReader {
        io.anklume.core.isolation.IsolationReport report(Path infraFile);
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
