package io.anklume.core.inventory;

import io.anklume.incus.model.Instance;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * The observed model behind {@link LiveInventory}. Every method holds the lock only for map updates,
 * never during a request. Each change to an instance gets a sequence number so a slow full reload that
 * started earlier does not overwrite what an event brought in meanwhile.
 *
 * <p>The rows of a snapshot are made once per change, not per snapshot: the screen asks for one several
 * times a frame, and mapping a few hundred instances each time would be most of drawing one.
 */
final class InventoryState {

    private static final java.util.Comparator<InstanceRef> ORDER =
            java.util.Comparator.comparing(InstanceRef::project).thenComparing(InstanceRef::name);

    private final Map<InstanceRef, Instance> instances = new TreeMap<>(ORDER);
    private final Map<InstanceRef, Long> touchedAt = new HashMap<>();
    private final Map<InstanceRef, String> impliedStatus = new HashMap<>();
    private final Map<InstanceRef, LiveDetails> details = new HashMap<>();
    private final Set<InstanceRef> snapshotting = new HashSet<>();
    private LeaseTable leases = LeaseTable.EMPTY;
    private long seq;
    private boolean loaded;
    private String unreachable;
    private String streamDown;
    /** The rows as of the last change; null once something changed since. */
    private List<InstanceView> views;

    synchronized long sequence() {
        return seq;
    }

    /** Replaces the model with a full listing read since {@code startSeq}, keeping newer per-instance news. */
    synchronized void applyFull(List<Instance> listed, LeaseTable newLeases, long startSeq) {
        views = null;
        Map<InstanceRef, Instance> fresh = new HashMap<>();
        for (Instance i : listed) {
            fresh.put(InstanceMapper.refOf(i), i);
        }
        for (InstanceRef ref : new ArrayList<>(instances.keySet())) {
            if (!fresh.containsKey(ref) && !touchedSince(ref, startSeq)) {
                forget(ref);
            }
        }
        for (Map.Entry<InstanceRef, Instance> e : fresh.entrySet()) {
            if (!touchedSince(e.getKey(), startSeq)) {
                instances.put(e.getKey(), e.getValue());
                impliedStatus.remove(e.getKey());
            }
        }
        leases = newLeases;
        loaded = true;
        unreachable = null;
        seq++;
    }

    synchronized void putInstance(Instance i) {
        views = null;
        InstanceRef ref = InstanceMapper.refOf(i);
        instances.put(ref, i);
        impliedStatus.remove(ref);
        touch(ref);
    }

    synchronized void imply(InstanceRef ref, String status) {
        views = null;
        if (instances.containsKey(ref)) {
            impliedStatus.put(ref, status);
            touch(ref);
        }
    }

    synchronized void remove(InstanceRef ref) {
        views = null;
        forget(ref);
        touch(ref);
    }

    synchronized void removeProject(String project) {
        for (InstanceRef ref : new ArrayList<>(instances.keySet())) {
            if (ref.project().equals(project)) {
                remove(ref);
            }
        }
    }

    synchronized void putDetails(InstanceRef ref, LiveDetails d) {
        views = null;
        if (instances.containsKey(ref)) {
            details.put(ref, d);
            seq++;
        }
    }

    synchronized void adjustSnapshotCount(InstanceRef ref, int delta) {
        views = null;
        LiveDetails d = details.get(ref);
        if (d != null) {
            details.put(ref, d.withSnapshotDelta(delta));
            seq++;
        }
    }

    synchronized LiveDetails details(InstanceRef ref) {
        return details.getOrDefault(ref, LiveDetails.NONE);
    }

    synchronized void snapshotting(InstanceRef ref, boolean running) {
        views = null;
        if (running) {
            snapshotting.add(ref);
        } else {
            snapshotting.remove(ref);
        }
    }

    synchronized boolean isSnapshotting(InstanceRef ref) {
        return snapshotting.contains(ref);
    }

    synchronized void putLeases(LeaseTable.Pair pair, List<io.anklume.incus.model.NetworkLease> list) {
        views = null;
        leases = leases.with(pair, list);
        seq++;
    }

    synchronized LeaseTable leases() {
        return leases;
    }

    synchronized Optional<Instance> instance(InstanceRef ref) {
        return Optional.ofNullable(instances.get(ref));
    }

    synchronized boolean hasLeasedAddress(InstanceRef ref) {
        Instance i = instances.get(ref);
        return i != null && InstanceMapper.nics(i).stream()
                .anyMatch(n -> leases.address(ref.project(), n.bridge(), ref.name()) != null);
    }

    synchronized void unreachable(String reason) {
        unreachable = reason;
    }

    synchronized void stream(boolean connected, String reason) {
        streamDown = connected ? null : (reason == null || reason.isBlank() ? "event stream closed" : reason);
    }

    synchronized boolean streamConnected() {
        return streamDown == null;
    }

    synchronized InventorySnapshot snapshot(Instant now) {
        if (views == null) {
            views = rows();
        }
        String problem = unreachable != null ? unreachable : streamDown;
        boolean connected = loaded && problem == null;
        String text = connected ? null
                : problem != null ? "disconnected from Incus (" + problem + "): retrying"
                : "connecting to Incus";
        return new InventorySnapshot(views, connected, text, now);
    }

    private List<InstanceView> rows() {
        List<InstanceView> views = new ArrayList<>(instances.size());
        for (Map.Entry<InstanceRef, Instance> e : instances.entrySet()) {
            InstanceView v = InstanceMapper.toView(e.getValue(), leases, details.getOrDefault(e.getKey(), LiveDetails.NONE));
            String status = impliedStatus.get(e.getKey());
            if (status == null && snapshotting.contains(e.getKey()) && "Frozen".equalsIgnoreCase(v.status())) {
                status = "Running"; // Incus freezes a running container while it copies it
            }
            views.add(status == null ? v : withStatus(v, status));
        }
        return List.copyOf(views);
    }

    private static InstanceView withStatus(InstanceView v, String status) {
        return new InstanceView(v.ref(), v.domain(), v.trust(), v.type(), status, v.ipv4(), v.cpuSeconds(),
                v.memoryBytes(), v.snapshotCount(), v.managed(), v.disposable(), v.gpu(), v.protectedFromDelete(), v.ephemeral(),
                v.profiles(), v.createdAt());
    }

    private boolean touchedSince(InstanceRef ref, long startSeq) {
        Long t = touchedAt.get(ref);
        return t != null && t > startSeq;
    }

    private void touch(InstanceRef ref) {
        seq++;
        touchedAt.put(ref, seq);
    }

    private void forget(InstanceRef ref) {
        instances.remove(ref);
        impliedStatus.remove(ref);
        details.remove(ref);
        snapshotting.remove(ref);
    }
}
