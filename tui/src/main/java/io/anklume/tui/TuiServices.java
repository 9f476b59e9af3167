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
import io.anklume.core.routing.RouteStatus;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Supplier;

/**
 * Everything the screen may call, as narrow ports: views never see Incus, only these. Built from
 * {@code CoreServices} in {@link Main}, from fakes in tests.
 */
public record TuiServices(Inventory inventory, Lifecycle lifecycle, Snapshots snapshots, Adopter adopter,
                          Consoles consoles, Details details, Shell shell, Plans plans, Declarer declarer, Path infraFile,
                          boolean readOnly, Supplier<String> snapshotName, Gpus gpus,
                          Housekeeping housekeeping, Routes routes, Safekeeping safekeeping,
                          Disposable disposable, IsolationReader isolation, Renamer renamer) {

    /**
     * Renames a stopped instance and, when the infra file declares it, its machine there, so that its
     * routes follow; Caddy is synced. Returns what was done.
     */
    @FunctionalInterface
    public interface Renamer {
        String rename(InstanceRef ref, String newName);
    }

    /** Orphans, import-infra and flush of the infra file (core's Adoption, InfraImporter, Flush). */
    public interface Housekeeping {
        /** Managed instances the file no longer declares, one line each. */
        java.util.List<String> orphans(Path infraFile);

        /** Writes an infra.yml from the Incus state to {@code out} (never over an existing file); a summary. */
        String importInfra(Path out);

        io.anklume.core.flush.FlushPlan flushPlan(Path infraFile, boolean force);

        /** Carries out the plan; a summary. */
        String flush(io.anklume.core.flush.FlushPlan plan);
    }

    /** GPU passthrough by hand on stopped instances (core's GpuPassthrough), policy checked first. */
    public interface Gpus {
        /** One line per host GPU (empty when there is none). */
        java.util.List<String> host();

        /** Attaches a GPU; returns what to tell the user (including a shared-policy warning). */
        String attach(InstanceRef ref, Path infraFile);

        void detach(InstanceRef ref);
    }

    /**
     * HTTP routes of instances, declared in the infra file (core's RouteService): their state, and adding
     * or removing one (the file is edited, then Caddy is synced).
     */
    public interface Routes {
        Routes NONE = new Routes() {
            public List<RouteStatus> of(InstanceView instance) {
                return List.of();
            }

            public void add(InstanceView instance, String host, int port, String user, char[] password) {
                throw new io.anklume.core.ActionException(instance.name(), "add a route", "no infra file");
            }

            public void remove(InstanceView instance, String host) {
                throw new io.anklume.core.ActionException(instance.name(), "remove a route", "no infra file");
            }
        };

        List<RouteStatus> of(InstanceView instance);

        /** {@code user} null: no credentials asked; {@code password} is wiped. */
        void add(InstanceView instance, String host, int port, String user, char[] password);

        void remove(InstanceView instance, String host);
    }

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

    /** Who may reach whom according to the infra file, and how that is enforced now (core's Isolation). */
    @FunctionalInterface
    public interface IsolationReader {
        io.anklume.core.isolation.IsolationReport report(Path infraFile);
    }

    /** Adds a machine to the infra file (kept valid, comments kept). */
    @FunctionalInterface
    public interface Declarer {
        void declare(Path infraFile, String domain, MachineEntry machine);

        /** The file's domains, offered by the new-instance wizard. */
        default List<String> domains(Path infraFile) {
            return List.of();
        }
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
