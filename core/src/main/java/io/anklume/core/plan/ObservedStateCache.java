package io.anklume.core.plan;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import io.anklume.incus.IncusClient;
import io.anklume.incus.events.Event;
import io.anklume.incus.events.EventListener;
import io.anklume.incus.events.EventSubscription;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * The observed state kept between the plans of a long-running front end (the TUI's plan view), so a
 * re-plan with nothing changed sends no request at all. Each request's answer ({@link ObservedKey}) is
 * kept until an Incus lifecycle event says it may have changed, for at most {@link #MAX_AGE}.
 *
 * <p>Nothing is kept while the event stream is not connected, and everything is dropped when it
 * connects or is lost (events may have been missed), after our own apply, and on close. A read
 * that started before an event is still returned to its plan but never kept: each key has a
 * generation, and the whole cache an epoch, both taken before the request and compared, under one lock
 * with every invalidation, before the answer is kept.
 */
public final class ObservedStateCache implements ObservedStateSource {
    static final Duration MAX_AGE = Duration.ofMinutes(1);
    /** How long the first plan waits for the event stream to open (a few ms on the local socket). */
    static final Duration FIRST_CONNECT_WAIT = Duration.ofMillis(500);
    private static final System.Logger LOG = System.getLogger(ObservedStateCache.class.getName());
    /** Lifecycle events about objects the planner never reads; any other unknown action drops everything. */
    private static final List<String> UNRELATED = List.of("image-", "storage-", "certificate-", "warning-");

    private final IncusClient incus;
    private final ObservedStateReader reader;
    private final Duration connectWait;
    private final Duration maxAge;
    private final Ticker ticker;
    private final CountDownLatch firstConnection = new CountDownLatch(1);
    private final Object lock = new Object();
    // Guarded by lock.
    private Cache<ObservedKey, Object> kept;
    private final Map<ObservedKey, Long> generations = new HashMap<>();
    private long epoch;
    private boolean connected;
    private boolean subscribed;
    private boolean closed;
    private EventSubscription subscription;

    /** Subscribes to Incus events at the first read; {@link #close()} ends the subscription. */
    public ObservedStateCache(IncusClient incus) {
        this(incus, MAX_AGE, Ticker.systemTicker(), FIRST_CONNECT_WAIT);
    }

    ObservedStateCache(IncusClient incus, Duration maxAge, Ticker ticker, Duration connectWait) {
        this.incus = incus;
        this.reader = new ObservedStateReader(incus);
        this.connectWait = connectWait;
        this.maxAge = maxAge;
        this.ticker = ticker;
    }

    @Override
    public ObservedState read(Collection<String> domainProjects, Collection<String> bridges) {
        listen();
        Map<ObservedKey, Object> answers = new HashMap<>();
        Map<ObservedKey, Stamp> missing = new LinkedHashMap<>();
        synchronized (lock) {
            for (ObservedKey key : ObservedKey.needed(domainProjects, bridges)) {
                Object answer = kept().getIfPresent(key);
                if (answer != null) {
                    answers.put(key, answer);
                } else {
                    missing.put(key, stamp(key));
                }
            }
        }
        if (!missing.isEmpty()) {
            reader.awaitInFlight(domainProjects);
            Map<ObservedKey, Object> read = reader.fetch(missing.keySet());
            synchronized (lock) {
                read.forEach((key, answer) -> {
                    if (connected && missing.get(key).equals(stamp(key))) {
                        kept().put(key, answer);
                    }
                });
            }
            answers.putAll(read);
        }
        return ObservedStateReader.assemble(domainProjects, bridges, answers);
    }

    @Override
    public void forgetAll() {
        synchronized (lock) {
            epoch++;
            kept().invalidateAll();
        }
    }

    @Override
    public void close() {
        EventSubscription s;
        synchronized (lock) {
            closed = true;
            connected = false;
            s = subscription;
            subscription = null;
        }
        forgetAll();
        if (s != null) {
            s.close();
        }
    }

    /** When a read started: its answer is kept only if both are unchanged when it ends. */
    private record Stamp(long epoch, long generation) {}

    /**
     * Built at first use, not with the services: a Caffeine cache costs tens of milliseconds cold (its
     * class is found through method handles), which the TUI's start-up would wait for. Under lock.
     */
    private Cache<ObservedKey, Object> kept() {
        if (kept == null) {
            kept = Caffeine.newBuilder()
                    .expireAfterWrite(maxAge)
                    .ticker(ticker)
                    .executor(Runnable::run)
                    .build();
        }
        return kept;
    }

    private Stamp stamp(ObservedKey key) {
        return new Stamp(epoch, generations.computeIfAbsent(key, k -> 0L));
    }

    private void forget(Predicate<ObservedKey> stale) {
        synchronized (lock) {
            // Every key a read is in flight for has a generation (stamp registers it), so none is missed.
            generations.replaceAll((key, generation) -> stale.test(key) ? generation + 1 : generation);
            kept().invalidateAll(kept().asMap().keySet().stream().filter(stale).toList());
        }
    }

    /** Opens the event stream at the first read, and gives it a moment to connect so that read is kept. */
    private void listen() {
        synchronized (lock) {
            if (closed || subscribed) {
                return;
            }
            subscribed = true;
        }
        EventSubscription opened;
        try {
            opened = incus.events().subscribe(Set.of("lifecycle"), new Listener());
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.DEBUG, "no Incus events, plans read Incus each time: " + e.getMessage());
            synchronized (lock) {
                subscribed = false;
            }
            return;
        }
        boolean lateClose;
        synchronized (lock) {
            lateClose = closed;
            subscription = closed ? null : opened;
        }
        if (lateClose) {
            opened.close();
            return;
        }
        try {
            firstConnection.await(connectWait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private final class Listener implements EventListener {
        @Override
        public void onEvent(Event event) {
            Predicate<ObservedKey> stale = staleAfter(event);
            if (stale == null) {
                forgetAll();
            } else {
                forget(stale);
            }
        }

        @Override
        public void onConnectionChange(boolean up, String reason) {
            // Events may have been missed while the stream was down (or before it first opened).
            synchronized (lock) {
                connected = up && !closed;
                epoch++;
                kept().invalidateAll();
            }
            if (up) {
                firstConnection.countDown();
            }
        }
    }

    /** The keys a lifecycle event may have made stale; null for everything (an action we do not know). */
    static Predicate<ObservedKey> staleAfter(Event event) {
        String action = event.action();
        if (action == null) {
            return null;
        }
        if (UNRELATED.stream().anyMatch(action::startsWith)) {
            return key -> false;
        }
        if (action.startsWith("instance-")) {
            return key -> key instanceof ObservedKey.Instances;
        }
        if (action.startsWith("network-")) {
            return key -> key instanceof ObservedKey.Bridge;
        }
        if (action.startsWith("project-")) {
            // A renamed project's old name is only in the context: then every project's profiles go.
            String name = action.equals("project-renamed") ? null : event.name();
            return key -> key instanceof ObservedKey.Projects
                    || key instanceof ObservedKey.Profiles p && (name == null || p.project().equals(name));
        }
        if (action.startsWith("profile-")) {
            // Projects without features.profiles read the default project's profiles; and instances
            // carry their profiles' devices in expanded_devices, which the GPU check reads.
            String project = event.project();
            boolean shared = project == null || project.isEmpty() || project.equals("default");
            return key -> key instanceof ObservedKey.Instances
                    || key instanceof ObservedKey.Profiles p && (shared || p.project().equals(project));
        }
        return null;
    }
}
