package io.anklume.core.lifecycle;

import io.anklume.core.inventory.InstanceRef;

/** Lifecycle actions; each waits for Incus and throws {@link io.anklume.core.ActionException} on failure. */
public interface Lifecycle {
    void start(InstanceRef ref);

    /** Clean shutdown; {@code force} kills at once. */
    void stop(InstanceRef ref, boolean force);

    void restart(InstanceRef ref);

    /** Stops a running instance first; refuses protected instances with the reason. */
    void delete(InstanceRef ref);
}
