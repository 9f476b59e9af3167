package io.anklume.core.inventory;

/** What the inventory does about one Incus event (see {@link EventInterpreter}). */
sealed interface EventReaction {

    /** Re-read the instance; {@code impliedStatus} (or null) can be shown before the read returns. */
    record Reload(InstanceRef ref, String impliedStatus, boolean watchLeases) implements EventReaction {}

    record Remove(InstanceRef ref) implements EventReaction {}

    record Rename(InstanceRef from, InstanceRef to) implements EventReaction {}

    record SnapshotCount(InstanceRef ref, int delta) implements EventReaction {}

    /** Paused: perhaps by a snapshot, so the status is re-read later, unless a resume comes first. */
    record Paused(InstanceRef ref) implements EventReaction {}

    record Resumed(InstanceRef ref) implements EventReaction {}

    /** A snapshot operation on the instance started (true) or ended (false). */
    record Snapshotting(InstanceRef ref, boolean running) implements EventReaction {}

    record ProjectGone(String project) implements EventReaction {}

    record NetworksChanged() implements EventReaction {}

    record Ignore() implements EventReaction {}
}
