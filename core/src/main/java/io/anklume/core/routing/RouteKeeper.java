package io.anklume.core.routing;

import io.anklume.core.infra.Infra;
import io.anklume.core.inventory.Inventory;
import io.anklume.core.inventory.InventorySnapshot;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Keeps Caddy's anklume routes converged: right away, on every inventory change (an instance got a
 * new address, was renamed, deleted or stopped) and every {@code interval} (Caddy was restarted and lost
 * its routes, or someone deleted one). Each run is one GET when nothing changed. Runs never overlap;
 * a trigger during a run makes one more run after it.
 */
public final class RouteKeeper implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(RouteKeeper.class.getName());

    private final RouteReconciler reconciler;
    private final Supplier<Infra> infra;
    private final Inventory inventory;
    private final Duration interval;
    private final Consumer<Outcome> listener;
    private final ScheduledExecutorService runner;
    private final AtomicBoolean pending = new AtomicBoolean();
    private Runnable unsubscribe = () -> {};

    /** The result of one run: a report, or the failure (Caddy down, refused a change). */
    public sealed interface Outcome {
        record Synced(SyncReport report) implements Outcome {}

        record Failed(String message) implements Outcome {}
    }

    public RouteKeeper(RouteReconciler reconciler, Supplier<Infra> infra, Inventory inventory, Duration interval,
                       Consumer<Outcome> listener) {
        this.reconciler = reconciler;
        this.infra = infra;
        this.inventory = inventory;
        this.interval = interval;
        this.listener = listener;
        this.runner = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "route-keeper");
            t.setDaemon(true);
            return t;
        });
    }

    public RouteKeeper start() {
        unsubscribe = inventory.addListener(snapshot -> trigger());
        runner.scheduleWithFixedDelay(this::runOnce, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
        return this;
    }

    /** Asks for a run as soon as possible (coalesced with one already waiting). */
    public void trigger() {
        if (pending.compareAndSet(false, true)) {
            runner.execute(this::runOnce);
        }
    }

    private void runOnce() {
        pending.set(false);
        Outcome outcome;
        try {
            InventorySnapshot snapshot = inventory.current();
            List<DesiredRoute> desired = DesiredRoutes.of(infra.get(), AddressBook.of(snapshot));
            outcome = new Outcome.Synced(reconciler.sync(infra.get().global().routing(), desired));
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.DEBUG, () -> "route sync failed: " + e.getMessage());
            outcome = new Outcome.Failed(e.getMessage());
        }
        try {
            listener.accept(outcome);
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, () -> "route listener failed: " + e);
        }
    }

    @Override
    public void close() {
        unsubscribe.run();
        runner.shutdownNow();
        try {
            runner.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
