package io.anklume.core.inventory;

import java.util.function.Consumer;

/**
 * The live model of all instances: loaded with a constant number of requests, kept current from Incus
 * events, with a periodic full refresh as a fallback. Listeners are called off the caller's thread.
 */
public interface Inventory extends AutoCloseable {
    InventorySnapshot current();

    /** Returns a handle that removes the listener when run. */
    Runnable addListener(Consumer<InventorySnapshot> listener);

    /** Asks for a full reload now (asynchronous). */
    void refresh();

    /** Asks for live figures (CPU, memory, snapshot count) of these instances, e.g. the rows on screen. */
    void requestDetails(java.util.Collection<InstanceRef> refs);

    @Override
    void close();
}
