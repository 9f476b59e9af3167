package io.anklume.core.snapshot;

import io.anklume.core.ActionException;
import io.anklume.core.inventory.InstanceRef;
import io.anklume.incus.IncusClient;
import io.anklume.incus.IncusException;
import io.anklume.incus.model.Snapshot;
import java.time.Clock;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/** {@link Snapshots} over the Incus API; each action waits for its operation. */
public final class IncusSnapshots implements Snapshots {

    private final IncusClient client;
    private final Clock clock;
    private final boolean readOnly;

    /** {@code clock} names default snapshots; {@code readOnly} refuses every change. */
    public IncusSnapshots(IncusClient client, Clock clock, boolean readOnly) {
        this.client = client;
        this.clock = clock;
        this.readOnly = readOnly;
    }

    /** The name {@link #create} uses when none is given: {@code snap-yyyyMMdd-HHmmss} in UTC. */
    public String defaultName() {
        return SnapshotNames.manual(clock);
    }

    @Override
    public List<SnapshotView> list(InstanceRef ref) {
        return call(ref, "list snapshots of", () -> client.snapshots().list(ref.project(), ref.name())).stream()
                .sorted(Comparator.comparing(Snapshot::createdAt, Comparator.nullsLast(Comparator.reverseOrder()))
                        .thenComparing(Snapshot::name, Comparator.reverseOrder()))
                .map(IncusSnapshots::view)
                .toList();
    }

    @Override
    public SnapshotView create(InstanceRef ref, String name) {
        guard(ref, "snapshot");
        Set<String> existing = call(ref, "snapshot", () -> client.snapshots().list(ref.project(), ref.name()))
                .stream().map(Snapshot::name).collect(Collectors.toSet());
        String chosen;
        if (name == null || name.isBlank()) {
            chosen = defaultName();
            for (int n = 2; existing.contains(chosen); n++) {
                chosen = defaultName() + "-" + n;
            }
        } else {
            chosen = name.strip();
            if (chosen.contains("/") || chosen.equals(".") || chosen.equals("..")) {
                throw new ActionException(ref.toString(), "snapshot",
                        "\"" + chosen + "\" is not a valid snapshot name (no '/', not '.' or '..')");
            }
            if (existing.contains(chosen)) {
                // Incus would fail in the operation with raw SQL text; say it plainly instead.
                throw new ActionException(ref.toString(), "snapshot",
                        "a snapshot named \"" + chosen + "\" already exists; choose another name or delete it first");
            }
        }
        String snapshotName = chosen;
        call(ref, "snapshot", () -> client.snapshots().create(ref.project(), ref.name(), snapshotName, false, null)
                .await());
        return view(call(ref, "snapshot", () -> client.snapshots().get(ref.project(), ref.name(), snapshotName)));
    }

    @Override
    public void restore(InstanceRef ref, String snapshot) {
        guard(ref, "restore");
        requireExisting(ref, "restore", snapshot);
        call(ref, "restore", () -> client.snapshots().restore(ref.project(), ref.name(), snapshot).await());
    }

    @Override
    public void delete(InstanceRef ref, String snapshot) {
        guard(ref, "delete snapshot of");
        requireExisting(ref, "delete snapshot of", snapshot);
        call(ref, "delete snapshot of", () -> client.snapshots().delete(ref.project(), ref.name(), snapshot).await());
    }

    private void requireExisting(InstanceRef ref, String action, String snapshot) {
        boolean exists = call(ref, action, () -> client.snapshots().list(ref.project(), ref.name())).stream()
                .anyMatch(s -> s.name().equals(snapshot));
        if (!exists) {
            throw new ActionException(ref.toString(), action, "it has no snapshot named \"" + snapshot + "\"");
        }
    }

    private void guard(InstanceRef ref, String action) {
        if (readOnly) {
            throw new ActionException(ref.toString(), action, "anklume-tui runs in read-only mode");
        }
    }

    private static SnapshotView view(Snapshot s) {
        return new SnapshotView(s.name(), s.createdAt(), s.expiresAt(), s.stateful());
    }

    private static <T> T call(InstanceRef ref, String action, Supplier<T> request) {
        try {
            return request.get();
        } catch (IncusException e) {
            String reason = e.isNotFound() ? "not found in Incus (" + e.error() + ")"
                    : e.error() == null || e.error().isBlank() ? e.getMessage() : e.error();
            throw new ActionException(ref.toString(), action, reason, e);
        }
    }
}
