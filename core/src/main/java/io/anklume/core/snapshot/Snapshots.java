package io.anklume.core.snapshot;

import io.anklume.core.inventory.InstanceRef;
import java.util.List;

/** Snapshot actions; each waits for Incus and throws {@link io.anklume.core.ActionException} on failure. */
public interface Snapshots {
    /** Newest first. */
    List<SnapshotView> list(InstanceRef ref);

    /** {@code name} null means {@code snap-<timestamp>}; refuses a name that exists with a clear message. */
    SnapshotView create(InstanceRef ref, String name);

    void restore(InstanceRef ref, String snapshot);

    void delete(InstanceRef ref, String snapshot);
}
