package io.anklume.core;

import io.anklume.core.lifecycle.Consoles;
import io.anklume.core.plan.Reconciler;
import io.anklume.core.lifecycle.IncusConsoles;

import io.anklume.core.adopt.Adoption;
import io.anklume.core.inventory.Inventory;
import io.anklume.core.inventory.InventorySettings;
import io.anklume.core.inventory.LiveInventory;
import io.anklume.core.lifecycle.IncusLifecycle;
import io.anklume.core.lifecycle.Lifecycle;
import io.anklume.core.snapshot.IncusSnapshots;
import io.anklume.core.snapshot.Snapshots;
import io.anklume.incus.IncusClient;
import io.anklume.incus.IncusConfig;
import java.time.Clock;

/**
 * The services a front end needs, wired to one Incus connection. {@code readOnly} makes every
 * mutating service refuse its actions. Closing it stops the inventory, the plan cache's event stream
 * and the connection.
 */
public final class CoreServices implements AutoCloseable {
    private final IncusClient client;
    private final LiveInventory inventory;
    private final Lifecycle lifecycle;
    private final Snapshots snapshots;
    private final Adoption adoption;
    private final Consoles consoles;
    private final Reconciler reconciler;
    private final io.anklume.core.inventory.Details details;
    private final boolean readOnly;
    private final io.anklume.core.snapshot.BulkSnapshots bulkSnapshots;
    private final io.anklume.core.snapshot.Rollback rollback;
    private final io.anklume.core.disposable.Disposables disposables;
    private final io.anklume.core.image.GoldenImages goldenImages;
    private final io.anklume.core.backup.Backups backups;
    private final io.anklume.core.lifecycle.Shells shells;
    private final io.anklume.core.rename.Renamer renamer;

    /** Wires the services to an existing client (which this object then owns) and starts the inventory. */
    public CoreServices(IncusClient client, Clock clock, InventorySettings settings, boolean readOnly) {
        this.client = client;
        this.readOnly = readOnly;
        // Started before the other services are made: the first list request is what a screen waits for.
        this.inventory = new LiveInventory(client, clock, settings);
        this.inventory.start();
        this.lifecycle = new IncusLifecycle(client, readOnly);
        this.snapshots = new IncusSnapshots(client, clock, readOnly);
        this.bulkSnapshots = new io.anklume.core.snapshot.BulkSnapshots(client, snapshots);
        this.rollback = new io.anklume.core.snapshot.Rollback(client, readOnly);
        this.disposables = new io.anklume.core.disposable.Disposables(client, clock, readOnly);
        this.goldenImages = new io.anklume.core.image.GoldenImages(client, readOnly);
        this.backups = new io.anklume.core.backup.Backups(client, clock, readOnly);
        this.shells = new io.anklume.core.lifecycle.Shells(client, readOnly);
        this.renamer = new io.anklume.core.rename.Renamer(client, readOnly);
        this.adoption = new Adoption(client, readOnly);
        this.consoles = new IncusConsoles(client);
        this.reconciler = Reconciler.cached(client, readOnly);
        this.details = new io.anklume.core.inventory.IncusDetails(client);
    }

    /** Connects to Incus and starts the live inventory with default settings. */
    public static CoreServices open(IncusConfig config, boolean readOnly) {
        IncusClient client = IncusClient.connect(config);
        try {
            return new CoreServices(client, Clock.systemUTC(), InventorySettings.defaults(), readOnly);
        } catch (RuntimeException e) {
            client.close();
            throw e;
        }
    }

    public IncusClient client() {
        return client;
    }

    public Inventory inventory() {
        return inventory;
    }

    /** Waits for the inventory's first load (e.g. before printing the list without a terminal). */
    public boolean awaitInventory(java.time.Duration timeout) throws InterruptedException {
        return inventory.awaitLoaded(timeout);
    }

    public Lifecycle lifecycle() {
        return lifecycle;
    }

    public Snapshots snapshots() {
        return snapshots;
    }

    public Adoption adoption() {
        return adoption;
    }

    public io.anklume.core.inventory.Details details() {
        return details;
    }

    public Reconciler reconciler() {
        return reconciler;
    }

    /** Snapshots of a whole domain or of everything managed. */
    public io.anklume.core.snapshot.BulkSnapshots bulkSnapshots() {
        return bulkSnapshots;
    }

    /** Restores the pre-apply snapshots of the last apply. */
    public io.anklume.core.snapshot.Rollback rollback() {
        return rollback;
    }

    public io.anklume.core.disposable.Disposables disposables() {
        return disposables;
    }

    public io.anklume.core.rename.Renamer renamer() {
        return renamer;
    }

    public io.anklume.core.image.GoldenImages goldenImages() {
        return goldenImages;
    }

    public io.anklume.core.backup.Backups backups() {
        return backups;
    }

    /** Interactive shells over the exec websocket. */
    public io.anklume.core.lifecycle.Shells shells() {
        return shells;
    }

    public Consoles consoles() {
        return consoles;
    }

    public boolean readOnly() {
        return readOnly;
    }

    @Override
    public void close() {
        try {
            inventory.close();
            reconciler.close();
        } finally {
            client.close();
        }
    }
}
