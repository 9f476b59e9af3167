package io.anklume.core.routing;

import io.anklume.core.infra.Infra;
import io.anklume.core.infra.InfraFiles;
import io.anklume.core.infra.Problem;
import io.anklume.core.inventory.Inventory;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The routes of one infra file for a front end with a live inventory: state per machine, add and
 * remove (then sync right away), and a {@link RouteKeeper} that keeps Caddy converged while it runs.
 * The file is re-read on every call, so edits made elsewhere are seen.
 */
public final class InfraRoutes implements AutoCloseable {
    private final Path infraFile;
    private final Inventory inventory;
    private final boolean readOnly;
    private final RouteService service;
    /** How {@link #keep} was asked to keep routes, once it was; a route added later starts the keeper then. */
    private Duration interval;
    private Consumer<RouteKeeper.Outcome> listener;
    private RouteKeeper keeper;
    private boolean closed;

    public InfraRoutes(Path infraFile, Inventory inventory, boolean readOnly) {
        this.infraFile = infraFile;
        this.inventory = inventory;
        this.readOnly = readOnly;
        this.service = new RouteService(readOnly);
    }

    private Optional<Infra> infra() {
        if (infraFile == null) {
            return Optional.empty();
        }
        InfraFiles.Loaded loaded = InfraFiles.load(infraFile);
        return loaded.hasErrors() ? Optional.empty() : Optional.of(loaded.infra());
    }

    private Infra validInfra(String action) {
        if (infraFile == null) {
            throw new io.anklume.core.ActionException("routes", action, "no infra file (start with --infra FILE)");
        }
        InfraFiles.Loaded loaded = InfraFiles.load(infraFile);
        if (loaded.hasErrors()) {
            String first = loaded.problems().stream().filter(Problem::isError).findFirst().map(Problem::toString)
                    .orElse("cannot be read");
            throw new io.anklume.core.ActionException(infraFile.toString(), action, first);
        }
        return loaded.infra();
    }

    public List<RouteStatus> of(String machine) {
        return infra().map(i -> service.statusOf(i, machine, AddressBook.of(inventory.current()))).orElse(List.of());
    }

    public void add(String machine, String host, int port, String user, char[] password) {
        validInfra("add a route");
        service.addRoute(infraFile, machine, host, port, user, password);
        sync();
        // The file had no route when keep() was called: without a keeper this one would not follow the
        // instance to its next address.
        startKeeping();
    }

    public void remove(String host) {
        validInfra("remove a route");
        service.removeRoute(infraFile, host);
        sync();
    }

    /** One reconciliation now (after the file changed under the routes, a rename say). */
    public void sync() {
        Infra infra = validInfra("sync routes");
        service.sync(infra, AddressBook.of(inventory.current()));
    }

    /**
     * Starts keeping the routes converged when the file declares any (and not in read-only mode); the
     * returned keeper must be closed. Empty when there is nothing to keep.
     */
    public synchronized Optional<RouteKeeper> keep(Duration interval, Consumer<RouteKeeper.Outcome> listener) {
        this.interval = interval;
        this.listener = listener;
        return startKeeping();
    }

    private synchronized Optional<RouteKeeper> startKeeping() {
        if (keeper != null || closed || interval == null) {
            return Optional.ofNullable(keeper);
        }
        Optional<Infra> infra = infra();
        if (readOnly || infra.isEmpty() || infra.get().machines().allMatch(m -> m.routes().isEmpty())) {
            return Optional.empty();
        }
        Infra[] current = {infra.get()};
        long[] modified = {infraFile.toFile().lastModified()};
        // Re-read only when the file changed (an invalid edit keeps the last valid routes).
        keeper = new RouteKeeper(new RouteReconciler(RouteService.caddy(infra.get())), () -> {
            long now = infraFile.toFile().lastModified();
            if (now != modified[0]) {
                modified[0] = now;
                infra().ifPresent(i -> current[0] = i);
            }
            return current[0];
        }, inventory, interval, listener).start();
        return Optional.of(keeper);
    }

    /** Stops the keeper, whether {@link #keep} or a later {@link #add} started it. */
    @Override
    public synchronized void close() {
        closed = true;
        if (keeper != null) {
            keeper.close();
        }
    }
}
