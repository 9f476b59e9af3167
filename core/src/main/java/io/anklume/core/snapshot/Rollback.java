package io.anklume.core.snapshot;

import io.anklume.core.ActionException;
import io.anklume.core.inventory.InstanceRef;
import io.anklume.core.plan.Markers;
import io.anklume.incus.IncusClient;
import io.anklume.incus.IncusException;
import io.anklume.incus.model.Instance;
import io.anklume.incus.model.Snapshot;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Undoes applies through their {@code pre-apply-*} snapshots. Without instances: the instances of the
 * last apply (those holding the newest pre-apply name) go back to it. With instances: each goes back
 * to its own newest pre-apply snapshot. Incus is the record: no state is kept anywhere else.
 */
public final class Rollback {
    private final IncusClient client;
    private final boolean readOnly;

    public Rollback(IncusClient client, boolean readOnly) {
        this.client = client;
        this.readOnly = readOnly;
    }

    /** One instance and the snapshot it goes back to. */
    public record Step(InstanceRef instance, String snapshot, Instant takenAt) {
        @Override
        public String toString() {
            return instance + " → " + snapshot;
        }
    }

    /** What {@link #run} would restore for the last apply; empty when no managed instance has a pre-apply snapshot. */
    public List<Step> lastApply() {
        List<Step> newest = new ArrayList<>();
        for (Instance i : managed()) {
            newestPreApply(i).ifPresent(newest::add);
        }
        Optional<String> last = newest.stream().map(Step::snapshot).max(Comparator.naturalOrder());
        return last.map(name -> newest.stream().filter(s -> s.snapshot().equals(name)).toList()).orElse(List.of());
    }

    /** Each given instance to its newest pre-apply snapshot; an instance without one is an error naming it. */
    public List<Step> of(List<InstanceRef> instances) {
        List<Step> steps = new ArrayList<>();
        for (InstanceRef ref : instances) {
            Instance i = call(ref, () -> client.instances().get(ref.project(), ref.name()));
            steps.add(newestPreApply(i).orElseThrow(() -> new ActionException(ref.toString(), "roll back",
                    "it has no pre-apply snapshot (they are taken when an apply changes it)")));
        }
        return steps;
    }

    /** Restores each step in order; stops at the first failure, naming the instance. */
    public void run(List<Step> steps) {
        for (Step s : steps) {
            if (readOnly) {
                throw new ActionException(s.instance().toString(), "roll back", "anklume-tui runs in read-only mode");
            }
            call(s.instance(), () -> client.snapshots().restore(s.instance().project(), s.instance().name(), s.snapshot())
                    .await());
        }
    }

    private List<Instance> managed() {
        return client.instances().listAllProjects(false).stream()
                .filter(i -> i.config() != null && "true".equals(i.config().get(Markers.MANAGED)))
                .sorted(Comparator.comparing((Instance i) -> project(i)).thenComparing(Instance::name))
                .toList();
    }

    private Optional<Step> newestPreApply(Instance i) {
        InstanceRef ref = new InstanceRef(project(i), i.name());
        List<Snapshot> snapshots = call(ref, () -> client.snapshots().list(ref.project(), ref.name()));
        // Names carry a UTC stamp, so the greatest name is the newest.
        return snapshots.stream().filter(s -> SnapshotNames.isPreApply(s.name()))
                .max(Comparator.comparing(Snapshot::name))
                .map(s -> new Step(ref, s.name(), s.createdAt()));
    }

    private static String project(Instance i) {
        return i.project() == null || i.project().isEmpty() ? "default" : i.project();
    }

    private static <T> T call(InstanceRef ref, java.util.function.Supplier<T> request) {
        try {
            return request.get();
        } catch (IncusException e) {
            throw new ActionException(ref.toString(), "roll back", e.isNotFound() ? "no such instance in Incus"
                    : e.error() == null || e.error().isBlank() ? e.getMessage() : e.error(), e);
        }
    }
}
