package io.anklume.core.snapshot;

import io.anklume.core.inventory.InstanceRef;

/** Which instances a manual snapshot covers. */
public sealed interface SnapshotScope {
    /** One instance, managed or not. */
    record One(InstanceRef instance) implements SnapshotScope {}

    /** Every managed instance of an anklume domain. */
    record Domain(String name) implements SnapshotScope {}

    /** Every managed instance of every project. */
    record All() implements SnapshotScope {}
}
