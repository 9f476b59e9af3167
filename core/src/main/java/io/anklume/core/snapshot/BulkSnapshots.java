package io.anklume.core.snapshot;

import io.anklume.core.ActionException;
import io.anklume.core.inventory.InstanceRef;
import io.anklume.core.plan.Markers;
import io.anklume.incus.IncusClient;
import io.anklume.incus.model.Instance;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Manual snapshots of one instance, a domain or everything managed, all under one name
 * ({@code snap-<timestamp>} unless given) so a whole domain can be restored to the same moment.
 * One instance failing does not stop the others; the outcome lists each.
 */
public final class BulkSnapshots {
    private final IncusClient client;
    private final Snapshots snapshots;

    public BulkSnapshots(IncusClient client, Snapshots snapshots) {
        this.client = client;
        this.snapshots = snapshots;
    }

    /** One line per instance: the snapshot taken, or why it was not. */
    public record Outcome(List<SnapshotView> taken, List<InstanceRef> refs, List<String> failures) {
        public boolean succeeded() {
            return failures.isEmpty();
        }

        public String summary() {
            return taken.size() + " snapshot" + (taken.size() == 1 ? "" : "s") + " taken"
                    + (failures.isEmpty() ? "" : ", " + failures.size() + " failed: " + String.join("; ", failures));
        }
    }

    /** The instances a scope covers, sorted by project and name; a domain with none is an error. */
    public List<InstanceRef> instances(SnapshotScope scope) {
        if (scope instanceof SnapshotScope.One one) {
            return List.of(one.instance());
        }
        List<InstanceRef> refs = new ArrayList<>();
        for (Instance i : client.instances().listAllProjects(false)) {
            Map<String, String> config = i.config() == null ? Map.of() : i.config();
            if (!"true".equals(config.get(Markers.MANAGED))) {
                continue;
            }
            String project = i.project() == null || i.project().isEmpty() ? "default" : i.project();
            String domain = config.getOrDefault(Markers.DOMAIN, project);
            if (scope instanceof SnapshotScope.Domain d && !d.name().equals(domain)) {
                continue;
            }
            refs.add(new InstanceRef(project, i.name()));
        }
        refs.sort(Comparator.comparing(InstanceRef::project).thenComparing(InstanceRef::name));
        if (refs.isEmpty()) {
            String what = scope instanceof SnapshotScope.Domain d ? "domain " + d.name() : "anklume";
            throw new ActionException(what, "snapshot", "it has no managed instances");
        }
        return refs;
    }

    /** {@code name} null or blank: {@code snap-<timestamp>}, the same for every instance. */
    public Outcome snapshot(SnapshotScope scope, String name, String defaultName) {
        // One instance keeps IncusSnapshots' own default (it adds -2 when the name is taken).
        String chosen = name != null && !name.isBlank() ? name.strip()
                : scope instanceof SnapshotScope.One ? null : defaultName;
        List<InstanceRef> refs = instances(scope);
        List<SnapshotView> taken = new ArrayList<>();
        List<InstanceRef> done = new ArrayList<>();
        List<String> failures = new ArrayList<>();
        for (InstanceRef ref : refs) {
            try {
                taken.add(snapshots.create(ref, chosen));
                done.add(ref);
            } catch (ActionException e) {
                failures.add(e.getMessage());
            }
        }
        return new Outcome(taken, done, failures);
    }
}
