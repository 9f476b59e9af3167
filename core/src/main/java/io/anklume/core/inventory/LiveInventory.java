package io.anklume.core.inventory;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.anklume.incus.IncusClient;
import io.anklume.incus.IncusException;
import io.anklume.incus.events.Event;
import io.anklume.incus.events.EventListener;
import io.anklume.incus.events.EventSubscription;
import io.anklume.incus.model.Instance;
import io.anklume.incus.model.InstanceState;
import io.anklume.incus.model.NetworkLease;
import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * The inventory kept live from Incus events.
 *
 * <p>Cost: a full reload is one {@code recursion=1} listing of all projects plus one lease read per
 * (project, bridge) pair, whatever the number of instances; an event costs one GET of the instance it
 * names. CPU, memory and snapshot counts are read only for the instances passed to
 * {@link #requestDetails} (the rows on screen), in the background, and cached for a short time.
 *
 * <p>All requests run on the executor; the event stream's thread only hands events over. Listeners get
 * a new {@link InventorySnapshot} shortly after each change ({@link InventorySettings#coalesce()}), in order.
 */
public final class LiveInventory implements Inventory {
    private static final System.Logger LOG = System.getLogger(LiveInventory.class.getName());

    private final IncusClient client;
    private final Clock clock;
    private final InventorySettings settings;
    private final ScheduledExecutorService executor;
    private final boolean ownsExecutor;
    /** Lease reads of a full refresh run side by side: one request per bridge, not one after another. */
    private final java.util.concurrent.ExecutorService leaseReaders = java.util.concurrent.Executors.newFixedThreadPool(4, r -> {
        Thread t = new Thread(r, "inventory-leases");
        t.setDaemon(true);
        return t;
    });
    private final InventoryState state = new InventoryState();
    private final ListenerHub listeners;
    private final SerialExecutor eventLane;
    private volatile Cache<InstanceRef, LiveDetails> freshDetails;
    private final Set<InstanceRef> detailsInFlight = ConcurrentHashMap.newKeySet();
    /** The (project, bridge) pairs of the last full load: their leases are read beside the next list. */
    private volatile Set<LeaseTable.Pair> leasePairs = Set.of();
    private final Set<InstanceRef> pendingReloads = ConcurrentHashMap.newKeySet();
    private final Map<InstanceRef, ScheduledFuture<?>> pendingPauses = new ConcurrentHashMap<>();
    private final AtomicBoolean refreshing = new AtomicBoolean();
    private final AtomicBoolean publishPending = new AtomicBoolean();
    private final AtomicInteger failures = new AtomicInteger();
    private final CountDownLatch firstLoad = new CountDownLatch(1);
    private volatile ScheduledFuture<?> nextRefresh;
    private volatile EventSubscription subscription;
    private volatile boolean closed;

    /** Uses its own small pool of daemon threads, shut down by {@link #close()}. */
    public LiveInventory(IncusClient client, Clock clock, InventorySettings settings) {
        this(client, clock, settings, Executors.newScheduledThreadPool(3, r -> {
            Thread t = new Thread(r, "anklume-inventory");
            t.setDaemon(true);
            return t;
        }), true);
    }

    /** Runs on the given executor, which the caller owns (it needs at least two threads). */
    public LiveInventory(IncusClient client, Clock clock, InventorySettings settings,
                         ScheduledExecutorService executor) {
        this(client, clock, settings, executor, false);
    }

    private LiveInventory(IncusClient client, Clock clock, InventorySettings settings,
                          ScheduledExecutorService executor, boolean ownsExecutor) {
        this.client = client;
        this.clock = clock;
        this.settings = settings;
        this.executor = executor;
        this.ownsExecutor = ownsExecutor;
        this.listeners = new ListenerHub(executor);
        this.eventLane = new SerialExecutor(executor);
    }

    /** Starts the first load in the background and subscribes to events; returns this. */
    public LiveInventory start() {
        // The list first: it is what the first useful screen waits for. The event stream opens
        // asynchronously either way, and events that arrive during the load are kept (applyFull).
        // The details cache is built once the first load is published (fullRefresh), not while the
        // list is read: on two cores that would slow the list down.
        submit(this::fullRefresh);
        subscribe();
        return this;
    }

    /** The client's stream reconnects by itself; only a refusal to open it at all is retried here. */
    private void subscribe() {
        if (closed) {
            return;
        }
        try {
            subscription = client.events().subscribe(Set.of("lifecycle", "operation"), new EventListener() {
                @Override
                public void onEvent(Event event) {
                    inOrder(() -> handle(event));
                }

                @Override
                public void onConnectionChange(boolean connected, String reason) {
                    inOrder(() -> streamChanged(connected, reason));
                }
            });
            if (!state.streamConnected() && subscription.isConnected()) {
                streamChanged(true, null);
            }
        } catch (RuntimeException e) {
            state.stream(false, reason(e));
            changed();
            executor.schedule(this::subscribe, settings.maxBackoff().toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    /**
     * The figures read within {@link InventorySettings#detailsTtl()}. Built at the first request for
     * details, after the first frame: a Caffeine cache costs tens of milliseconds cold (its class is found through method
     * handles), which held back the first list when the constructor built it.
     */
    private Cache<InstanceRef, LiveDetails> freshDetails() {
        Cache<InstanceRef, LiveDetails> cache = freshDetails;
        if (cache == null) {
            synchronized (this) {
                cache = freshDetails;
                if (cache == null) {
                    cache = Caffeine.newBuilder()
                            .expireAfterWrite(settings.detailsTtl())
                            .ticker(() -> TimeUnit.MILLISECONDS.toNanos(clock.millis()))
                            .maximumSize(10_000)
                            .build();
                    freshDetails = cache;
                }
            }
        }
        return cache;
    }

    /** Waits for the first successful load; false when it did not come in time. */
    public boolean awaitLoaded(Duration timeout) throws InterruptedException {
        return firstLoad.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public InventorySnapshot current() {
        return state.snapshot(clock.instant());
    }

    @Override
    public Runnable addListener(Consumer<InventorySnapshot> listener) {
        return listeners.add(listener);
    }

    @Override
    public void refresh() {
        submit(this::fullRefresh);
    }

    /**
     * A full reload on the caller's thread, for callers without a screen (the CLI's text list, the
     * benchmark); returns the resulting snapshot.
     */
    public InventorySnapshot reloadNow() {
        fullRefresh();
        return current();
    }

    /**
     * Reads CPU, memory and snapshot count of these instances in the background unless they were read
     * within {@link InventorySettings#detailsTtl()}; call it again on each redraw of the visible rows
     * to keep their figures current (the last figures stay shown meanwhile).
     */
    @Override
    public void requestDetails(Collection<InstanceRef> refs) {
        if (freshDetails == null) {
            // The first call (the screen's, after its first frame) builds the cache: not on that thread.
            List<InstanceRef> wanted = List.copyOf(refs);
            submit(() -> requestNow(wanted));
        } else {
            requestNow(refs);
        }
    }

    private void requestNow(Collection<InstanceRef> refs) {
        for (InstanceRef ref : refs) {
            if (freshDetails().getIfPresent(ref) == null && detailsInFlight.add(ref)) {
                submit(() -> fetchDetails(ref));
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        EventSubscription s = subscription;
        if (s != null) {
            s.close();
        }
        ScheduledFuture<?> next = nextRefresh;
        if (next != null) {
            next.cancel(false);
        }
        leaseReaders.shutdownNow();
        if (ownsExecutor) {
            executor.shutdownNow();
        }
    }

    // ---- full reload --------------------------------------------------------------------------------

    private void fullRefresh() {
        if (closed || !refreshing.compareAndSet(false, true)) {
            return;
        }
        Duration next = settings.fullRefresh();
        boolean firstLoaded = false;
        try {
            long startSeq = state.sequence();
            // The bridges of the last load are read while Incus builds the list, and a bridge new to this
            // list as soon as its first instance is read (the first load knows none), not after the list.
            Map<LeaseTable.Pair, Future<List<NetworkLease>>> sent = submitLeaseReads(leasePairs);
            Set<LeaseTable.Pair> inUse = new LinkedHashSet<>();
            List<Instance> listed = client.instances().listAllProjects(InstanceMapper::readsConfigKey,
                    i -> sendLeaseReads(i, inUse, sent));
            LeaseTable leases = readLeases(inUse, sent);
            state.applyFull(listed, leases, startSeq);
            failures.set(0);
            firstLoaded = firstLoad.getCount() > 0;
            firstLoad.countDown();
        } catch (RuntimeException e) {
            state.unreachable(reason(e));
            next = backoff(failures.incrementAndGet());
            LOG.log(System.Logger.Level.DEBUG, "inventory reload failed", e);
        } finally {
            refreshing.set(false);
            if (firstLoaded) {
                publish(); // the screen waits for this one: nothing to gather it with
            } else {
                changed();
            }
            scheduleRefresh(next);
        }
    }

    /**
     * The leases of the (project, bridge) pairs the list uses, from the reads already sent (for the
     * pairs of the last load, and while the list was read); the last load's reads of pairs no longer
     * in use are left unread. A bridge whose leases cannot be read keeps the old ones.
     */
    private LeaseTable readLeases(Set<LeaseTable.Pair> inUse, Map<LeaseTable.Pair, Future<List<NetworkLease>>> sent) {
        leasePairs = Set.copyOf(inUse);
        Map<LeaseTable.Pair, List<NetworkLease>> read = new LinkedHashMap<>();
        for (LeaseTable.Pair pair : inUse) {
            try {
                read.put(pair, sent.get(pair).get());
            } catch (java.util.concurrent.ExecutionException ex) {
                if (ex.getCause() instanceof IncusException ie) {
                    if (ie.status() == 0) {
                        throw ie;
                    }
                    LOG.log(System.Logger.Level.DEBUG, () -> "no leases for " + pair + ": " + ie.getMessage());
                } else if (ex.getCause() instanceof RuntimeException re) {
                    throw re;
                } else {
                    throw new IllegalStateException(ex.getCause());
                }
            } catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while reading leases", ex);
            }
        }
        return LeaseTable.of(read);
    }

    private Map<LeaseTable.Pair, Future<List<NetworkLease>>> submitLeaseReads(Set<LeaseTable.Pair> pairs) {
        Map<LeaseTable.Pair, Future<List<NetworkLease>>> sent = new LinkedHashMap<>();
        for (LeaseTable.Pair pair : pairs) {
            sent.put(pair, submitLeaseRead(pair));
        }
        return sent;
    }

    /** Notes the pairs a listed instance uses and sends a lease read for each one not sent yet. */
    private void sendLeaseReads(Instance listed, Set<LeaseTable.Pair> inUse,
                                Map<LeaseTable.Pair, Future<List<NetworkLease>>> sent) {
        for (NicBridge nic : InstanceMapper.nics(listed)) {
            LeaseTable.Pair pair = new LeaseTable.Pair(InstanceMapper.projectOf(listed), nic.bridge());
            if (inUse.add(pair)) {
                sent.computeIfAbsent(pair, this::submitLeaseRead);
            }
        }
    }

    private Future<List<NetworkLease>> submitLeaseRead(LeaseTable.Pair pair) {
        return leaseReaders.submit(() -> client.networks().leases(pair.project(), pair.bridge()));
    }

    private Duration backoff(int failureCount) {
        long base = Math.min(settings.fullRefresh().toMillis(), 1000);
        long millis = base << Math.min(failureCount - 1, 10);
        return Duration.ofMillis(Math.min(millis, settings.maxBackoff().toMillis()));
    }

    private void scheduleRefresh(Duration delay) {
        if (closed) {
            return;
        }
        ScheduledFuture<?> previous = nextRefresh;
        if (previous != null) {
            previous.cancel(false);
        }
        nextRefresh = executor.schedule(this::fullRefresh, delay.toMillis(), TimeUnit.MILLISECONDS);
    }

    // ---- events -------------------------------------------------------------------------------------

    private void streamChanged(boolean connected, String reason) {
        boolean wasConnected = state.streamConnected();
        state.stream(connected, reason);
        changed();
        if (connected && !wasConnected) {
            refresh(); // events were missed while the stream was down
        }
    }

    private void handle(Event event) {
        EventReaction reaction = EventInterpreter.interpret(event);
        if (reaction instanceof EventReaction.Reload r) {
            if (r.impliedStatus() != null && !state.isSnapshotting(r.ref())) {
                state.imply(r.ref(), r.impliedStatus());
                changed();
            }
            reload(r.ref(), settings.coalesce());
            if (r.watchLeases()) {
                watchLeases(r.ref());
            }
        } else if (reaction instanceof EventReaction.Remove r) {
            state.remove(r.ref());
            freshDetails().invalidate(r.ref());
            changed();
        } else if (reaction instanceof EventReaction.Rename r) {
            state.remove(r.from());
            changed();
            reload(r.to(), settings.coalesce());
        } else if (reaction instanceof EventReaction.SnapshotCount s) {
            state.adjustSnapshotCount(s.ref(), s.delta());
            freshDetails().invalidate(s.ref());
            changed();
        } else if (reaction instanceof EventReaction.Paused p) {
            if (!state.isSnapshotting(p.ref())) {
                // Re-read later: if a resume comes first, this was a snapshot's brief freeze.
                pendingPauses.computeIfAbsent(p.ref(), ref -> executor.schedule(() -> {
                    pendingPauses.remove(ref);
                    reload(ref, Duration.ZERO);
                }, settings.pauseGrace().toMillis(), TimeUnit.MILLISECONDS));
            }
        } else if (reaction instanceof EventReaction.Resumed r) {
            ScheduledFuture<?> pause = pendingPauses.remove(r.ref());
            if (pause != null) {
                pause.cancel(false);
            }
            reload(r.ref(), settings.coalesce());
        } else if (reaction instanceof EventReaction.Snapshotting s) {
            state.snapshotting(s.ref(), s.running());
            if (!s.running()) {
                reload(s.ref(), settings.coalesce());
            }
        } else if (reaction instanceof EventReaction.ProjectGone g) {
            state.removeProject(g.project());
            changed();
        } else if (reaction instanceof EventReaction.NetworksChanged) {
            refresh();
        }
    }

    /** Gathers the events of one instance for {@code delay}, then reads it once. */
    private void reload(InstanceRef ref, Duration delay) {
        if (pendingReloads.add(ref)) {
            executor.schedule(() -> readInstance(ref), delay.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    private void readInstance(InstanceRef ref) {
        pendingReloads.remove(ref);
        if (closed) {
            return;
        }
        try {
            Instance i = client.instances().get(ref.project(), ref.name());
            state.putInstance(i);
            if (i.state() != null) {
                // A single GET embeds state and snapshots; Incus sends null for "no snapshots".
                state.putDetails(ref, detailsFrom(i.state(), i.snapshots() == null ? 0 : i.snapshots().size()));
            }
        } catch (IncusException e) {
            if (e.isNotFound()) {
                state.remove(ref);
            } else {
                LOG.log(System.Logger.Level.DEBUG, () -> "cannot read " + ref + ": " + e.getMessage());
                refresh();
            }
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "cannot read " + ref, e);
        }
        changed();
    }

    /** After a start the DHCP lease comes a little later; re-read that project's leases until it shows. */
    private void watchLeases(InstanceRef ref) {
        for (Duration delay : settings.leaseRetries()) {
            executor.schedule(() -> rereadLeases(ref), delay.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    private void rereadLeases(InstanceRef ref) {
        if (closed || state.hasLeasedAddress(ref)) {
            return;
        }
        state.instance(ref).filter(Instance::isRunning).ifPresent(i -> {
            for (NicBridge nic : InstanceMapper.nics(i)) {
                try {
                    state.putLeases(new LeaseTable.Pair(ref.project(), nic.bridge()),
                            client.networks().leases(ref.project(), nic.bridge()));
                } catch (RuntimeException e) {
                    LOG.log(System.Logger.Level.DEBUG, () -> "no leases for " + ref + ": " + e.getMessage());
                }
            }
            changed();
        });
    }

    // ---- details ------------------------------------------------------------------------------------

    private void fetchDetails(InstanceRef ref) {
        try {
            if (closed) {
                return;
            }
            boolean running = state.instance(ref).map(Instance::isRunning).orElse(true);
            InstanceState st = running ? client.instances().state(ref.project(), ref.name()) : null;
            int snapshots = client.snapshots().list(ref.project(), ref.name()).size();
            LiveDetails d = st != null ? detailsFrom(st, snapshots) : new LiveDetails(0.0, 0L, snapshots);
            freshDetails().put(ref, d);
            state.putDetails(ref, d);
            changed();
        } catch (IncusException e) {
            if (e.isNotFound()) {
                state.remove(ref);
                changed();
            }
            LOG.log(System.Logger.Level.DEBUG, () -> "no details for " + ref + ": " + e.getMessage());
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "no details for " + ref, e);
        } finally {
            detailsInFlight.remove(ref);
        }
    }

    private static LiveDetails detailsFrom(InstanceState st, Integer snapshotCount) {
        Double cpu = st.cpu() == null ? null : st.cpu().usage() / 1e9;
        Long mem = st.memory() == null ? null : st.memory().usage();
        return new LiveDetails(cpu, mem, snapshotCount);
    }

    // ---- publishing ---------------------------------------------------------------------------------

    /** Publishes a snapshot soon; a burst of changes within the coalescing window gives one snapshot. */
    private void changed() {
        if (!closed && publishPending.compareAndSet(false, true)) {
            executor.schedule(this::publish, settings.coalesce().toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    private void publish() {
        publishPending.set(false);
        if (!closed) {
            listeners.publish(state.snapshot(clock.instant()));
        }
    }

    private void submit(Runnable task) {
        submit(executor, task);
    }

    /** Events are handled one at a time in arrival order (the handling itself never waits on Incus). */
    private void inOrder(Runnable task) {
        submit(eventLane, task);
    }

    private void submit(java.util.concurrent.Executor lane, Runnable task) {
        if (closed) {
            return;
        }
        try {
            lane.execute(() -> {
                try {
                    task.run();
                } catch (RuntimeException e) {
                    LOG.log(System.Logger.Level.WARNING, "inventory task failed", e);
                }
            });
        } catch (java.util.concurrent.RejectedExecutionException e) {
            LOG.log(System.Logger.Level.DEBUG, "inventory closed");
        }
    }

    private static String reason(RuntimeException e) {
        if (e instanceof IncusException ie && ie.error() != null && !ie.error().isBlank()) {
            return ie.error();
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
