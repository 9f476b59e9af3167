package io.anklume.core.inventory;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

/** Inventory listeners, called in order on a background executor, never on the event stream's thread. */
final class ListenerHub {
    private static final System.Logger LOG = System.getLogger(ListenerHub.class.getName());

    private final List<Consumer<InventorySnapshot>> listeners = new CopyOnWriteArrayList<>();
    private final Executor serial;

    ListenerHub(Executor executor) {
        this.serial = new SerialExecutor(executor);
    }

    Runnable add(Consumer<InventorySnapshot> listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    void publish(InventorySnapshot snapshot) {
        serial.execute(() -> {
            for (Consumer<InventorySnapshot> l : listeners) {
                try {
                    l.accept(snapshot);
                } catch (RuntimeException e) {
                    LOG.log(System.Logger.Level.WARNING, "inventory listener failed", e);
                }
            }
        });
    }
}
