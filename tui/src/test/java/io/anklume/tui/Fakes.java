package io.anklume.tui;

import io.anklume.core.ActionException;
import io.anklume.core.infra.TrustLevel;
import io.anklume.core.inventory.InstanceRef;
import io.anklume.core.inventory.InstanceView;
import io.anklume.core.inventory.Inventory;
import io.anklume.core.inventory.InventorySnapshot;
import io.anklume.core.lifecycle.Lifecycle;
import io.anklume.core.snapshot.SnapshotView;
import io.anklume.core.snapshot.Snapshots;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/** In-memory stand-ins for the core services, recording what the screen asked for. */
final class Fakes {
    private Fakes() {}

    static InstanceView instance(String project, String name, TrustLevel trust, String status, String ip, boolean managed) {
        return new InstanceView(new InstanceRef(project, name), project, trust, "container", status, ip, 1.5, 64L << 20,
                2, managed, false, false, managed, false, List.of("default"), Instant.parse("2026-11-01T10:00:00Z"));
    }

    /** A disposable shell's instance: not managed, in its domain's project, with its domain's trust. */
    static InstanceView disposable(String project, String name, TrustLevel trust) {
        return new InstanceView(new InstanceRef(project, name), project, trust, "container", "Running", "10.110.0.150",
                0.1, 1L << 20, 0, false, true, false, false, true, List.of("default"), Instant.parse("2026-11-01T10:00:00Z"));
    }

    static final class FakeInventory implements Inventory {
        volatile InventorySnapshot snapshot;
        final List<Consumer<InventorySnapshot>> listeners = new ArrayList<>();
        final List<InstanceRef> detailsAsked = new ArrayList<>();
        /** Runs once on the next details request, i.e. while a list frame is being drawn. */
        volatile Runnable duringNextFrame;

        FakeInventory(List<InstanceView> instances) {
            set(instances, true, null);
        }

        void set(List<InstanceView> instances, boolean connected, String problem) {
            snapshot = new InventorySnapshot(List.copyOf(instances), connected, problem, Instant.now());
            listeners.forEach(l -> l.accept(snapshot));
        }

        @Override public InventorySnapshot current() { return snapshot; }
        @Override public Runnable addListener(Consumer<InventorySnapshot> l) { listeners.add(l); return () -> listeners.remove(l); }
        @Override public void refresh() { }
        @Override
        public void requestDetails(Collection<InstanceRef> refs) {
            detailsAsked.addAll(refs);
            Runnable r = duringNextFrame;
            duringNextFrame = null;
            if (r != null) {
                r.run();
            }
        }
        @Override public void close() { }
    }

    static final class FakeLifecycle implements Lifecycle {
        final List<String> calls = new ArrayList<>();
        ActionException failure;

        private void record(String call) {
            calls.add(call);
            if (failure != null) {
                throw failure;
            }
        }

        @Override public void start(InstanceRef ref) { record("start " + ref); }
        @Override public void stop(InstanceRef ref, boolean force) { record("stop " + ref); }
        @Override public void restart(InstanceRef ref) { record("restart " + ref); }
        @Override public void delete(InstanceRef ref) { record("delete " + ref); }
    }

    static final class FakeSnapshots implements Snapshots {
        final Map<InstanceRef, List<SnapshotView>> byInstance = new LinkedHashMap<>();
        final List<String> calls = new ArrayList<>();

        @Override
        public List<SnapshotView> list(InstanceRef ref) {
            return List.copyOf(byInstance.getOrDefault(ref, List.of()));
        }

        @Override
        public SnapshotView create(InstanceRef ref, String name) {
            calls.add("create " + ref + " " + name);
            SnapshotView s = new SnapshotView(name, Instant.now(), null, false);
            byInstance.computeIfAbsent(ref, r -> new ArrayList<>()).add(0, s);
            return s;
        }

        @Override public void restore(InstanceRef ref, String snapshot) { calls.add("restore " + ref + " " + snapshot); }
        @Override public void delete(InstanceRef ref, String snapshot) { calls.add("delete " + ref + " " + snapshot); }
    }

    static final class FakePlans implements TuiServices.Plans {
        io.anklume.core.plan.Reconciler.Planned next;
        final List<String> applied = new ArrayList<>();

        @Override
        public io.anklume.core.plan.Reconciler.Planned plan(java.nio.file.Path file) {
            return next;
        }

        @Override
        public io.anklume.core.plan.ApplyReport apply(io.anklume.core.plan.Plan plan, io.anklume.core.plan.ApplyListener l) {
            for (var a : plan.actions()) {
                l.started(a);
                applied.add(a.target());
                l.succeeded(a);
            }
            return new io.anklume.core.plan.ApplyReport(plan.actions(), List.of(), List.of());
        }
    }

    static final class FakeGpus implements TuiServices.Gpus {
        final List<String> calls = new ArrayList<>();
        List<String> host = List.of("0000:01:00.0  NVIDIA GA104 (10de:2484)  nvidia 550  renderD128");
        ActionException refusal;

        @Override public List<String> host() { return host; }

        @Override
        public String attach(InstanceRef ref, java.nio.file.Path infraFile) {
            if (refusal != null) {
                throw refusal;
            }
            calls.add("attach " + ref + " " + infraFile);
            return "GPU attached to " + ref;
        }

        @Override public void detach(InstanceRef ref) { calls.add("detach " + ref); }
    }

    static final class FakeHousekeeping implements TuiServices.Housekeeping {
        final List<String> calls = new ArrayList<>();
        io.anklume.core.flush.FlushPlan plan = new io.anklume.core.flush.FlushPlan(
                List.of(new InstanceRef("pro", "pro-dev")), List.of(), List.of("pro/extra"), List.of("pro"),
                List.of("net-pro"), "inet anklume", List.of("instance perso/perso-web: protected (security.protection.delete=true); --force deletes it"));

        @Override public List<String> orphans(java.nio.file.Path f) { calls.add("orphans " + f); return List.of("pro/old-box"); }

        @Override public String importInfra(java.nio.file.Path out) { calls.add("import " + out); return "wrote " + out; }

        @Override
        public io.anklume.core.flush.FlushPlan flushPlan(java.nio.file.Path f, boolean force) {
            calls.add("flush-plan " + f + (force ? " --force" : ""));
            return plan;
        }

        @Override
        public String flush(io.anklume.core.flush.FlushPlan p) {
            calls.add("flush " + p.summary());
            return "flushed: 5 objects deleted";
        }
    }

    static final class FakeRoutes implements TuiServices.Routes {
        final List<io.anklume.core.routing.RouteStatus> routes = new ArrayList<>();
        final List<String> calls = new ArrayList<>();
        char[] lastPassword;

        @Override
        public List<io.anklume.core.routing.RouteStatus> of(InstanceView v) {
            return routes.stream().filter(r -> r.instance().equals(v.name())).toList();
        }

        @Override
        public void add(InstanceView v, String host, int port, String user, char[] password) {
            calls.add("add " + v.name() + " " + host + " " + port + " " + user + " " + (password == null ? "-"
                    : password.length + " chars"));
            lastPassword = password;
            routes.add(new io.anklume.core.routing.RouteStatus("anklume-" + v.name() + "-" + port, v.name(), host,
                    "https://" + host + "/", "10.0.0.9:" + port, user != null,
                    io.anklume.core.routing.RouteStatus.State.IN_SYNC));
        }

        @Override
        public void remove(InstanceView v, String host) {
            calls.add("remove " + v.name() + " " + host);
            routes.removeIf(r -> r.host().equals(host));
        }
    }

    static final class FakeSafekeeping implements TuiServices.Safekeeping {
        final List<String> calls = new ArrayList<>();
        List<String> preview = List.of();

        @Override
        public String snapshotDomain(String domain) {
            calls.add("snapshot domain " + domain);
            return "domain " + domain + ": 2 snapshots taken";
        }

        @Override
        public List<String> rollbackPreview() {
            return preview;
        }

        @Override
        public String rollback() {
            calls.add("rollback");
            return "rolled back " + preview.size() + " instances";
        }

        @Override
        public String publish(InstanceRef ref, String alias) {
            calls.add("publish " + ref + " " + alias);
            return "published " + ref + " as image " + alias;
        }

        @Override
        public String exportBackup(InstanceRef ref, java.nio.file.Path file) {
            calls.add("backup " + ref + " " + file);
            return "exported " + ref + " to " + file;
        }
    }
}
