package io.anklume.core.plan;

import io.anklume.incus.BackupsApi;
import io.anklume.incus.EventsApi;
import io.anklume.incus.ImagesApi;
import io.anklume.incus.IncusClient;
import io.anklume.incus.IncusException;
import io.anklume.incus.InstancesApi;
import io.anklume.incus.NetworkAclsApi;
import io.anklume.incus.NetworksApi;
import io.anklume.incus.OperationHandle;
import io.anklume.incus.OperationsApi;
import io.anklume.incus.ProfilesApi;
import io.anklume.incus.ProjectsApi;
import io.anklume.incus.ServerApi;
import io.anklume.incus.SnapshotsApi;
import io.anklume.incus.StoragePoolsApi;
import io.anklume.incus.ExecSession;
import io.anklume.incus.model.ExecResult;
import io.anklume.incus.model.Instance;
import io.anklume.incus.model.InstanceCreate;
import io.anklume.incus.model.InstancePut;
import io.anklume.incus.model.InstanceState;
import io.anklume.incus.model.Network;
import io.anklume.incus.model.NetworkLease;
import io.anklume.incus.model.Operation;
import io.anklume.incus.model.Profile;
import io.anklume.incus.model.Project;
import io.anklume.incus.model.StateAction;
import io.anklume.incus.model.Tagged;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import io.anklume.incus.events.Event;
import io.anklume.incus.events.EventListener;
import io.anklume.incus.events.EventSubscription;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An in-memory Incus with the rules that matter to plan/apply (existence checks, an empty default
 * profile per project, volatile keys that PUT must carry back, protection against delete, "already
 * running"). Only for unit tests of convergence; the real daemon is exercised by the *IT tests.
 */
final class FakeIncus implements IncusClient {
    // The applier calls from several threads at once, as it does with the real client.
    final Map<String, Project> projects = new ConcurrentHashMap<>();
    final Map<String, Network> networks = new ConcurrentHashMap<>();
    final Map<String, Map<String, Profile>> profiles = new ConcurrentHashMap<>();
    final Map<String, Instance> instances = new ConcurrentHashMap<>();
    final AtomicInteger requests = new AtomicInteger();
    /** The reads the planner sent, e.g. "projects", "bridge net-pro", "profiles pro", in order. */
    final Queue<String> reads = new ConcurrentLinkedQueue<>();
    /** Runs after the instance list is taken and before it is returned: a change racing the read. */
    volatile Runnable afterInstanceRead = () -> { };
    final FakeEvents events = new FakeEvents();

    private void read(String what) {
        requests.incrementAndGet();
        reads.add(what);
    }

    /** The event stream: the test connects it, loses it and sends lifecycle events by hand. */
    static final class FakeEvents implements EventsApi {
        private volatile EventListener listener;
        private volatile boolean connected;
        final AtomicInteger subscriptions = new AtomicInteger();
        final AtomicInteger closed = new AtomicInteger();
        /** Whether a subscription connects at once (as the real stream does within milliseconds). */
        volatile boolean connectOnSubscribe = true;

        @Override
        public EventSubscription subscribe(Set<String> types, EventListener l) {
            subscriptions.incrementAndGet();
            listener = l;
            if (connectOnSubscribe) {
                connection(true);
            }
            return new EventSubscription() {
                public boolean isConnected() { return connected; }

                public void close() {
                    closed.incrementAndGet();
                    listener = null;
                }
            };
        }

        void connection(boolean up) {
            connected = up;
            EventListener l = listener;
            if (l != null) {
                l.onConnectionChange(up, up ? "connected" : "lost");
            }
        }

        void lifecycle(String action, String project, String name) {
            EventListener l = listener;
            if (l != null) {
                l.onEvent(new Event("lifecycle", java.time.Instant.now(), project, null, action,
                        "/1.0/x/" + name, name, Map.of(), Map.of("action", action)));
            }
        }
    }

    private static IncusException error(int status, String message) {
        return new IncusException(status, message, "fake");
    }

    private static String key(String project, String name) {
        return (project == null ? "default" : project) + "/" + name;
    }

    private static OperationHandle done(RuntimeException failure) {
        return new OperationHandle() {
            public String id() { return "op"; }

            public Operation initial() { return null; }

            public Operation await() {
                if (failure != null) {
                    throw failure;
                }
                return null;
            }

            public Operation await(Duration timeout) { return await(); }

            public Operation refresh() { return null; }

            public void cancel() { throw error(400, "This operation can't be cancelled"); }
        };
    }

    private Instance withState(Instance i, String status, Map<String, String> config,
                               Map<String, Map<String, String>> devices, List<String> profiles) {
        return new Instance(i.name(), i.project(), i.type(), status, "Running".equals(status) ? 103 : 102, "none",
                i.description(), Map.copyOf(config), copyDevices(devices), List.copyOf(profiles), i.ephemeral(), false,
                null, null, Map.copyOf(config), copyDevices(devices), null, null);
    }

    private static Map<String, Map<String, String>> copyDevices(Map<String, Map<String, String>> devices) {
        Map<String, Map<String, String>> copy = new LinkedHashMap<>();
        devices.forEach((k, v) -> copy.put(k, Map.copyOf(v)));
        return copy;
    }

    private final ProjectsApi projectsApi = new ProjectsApi() {
        public List<Project> list() {
            read("projects");
            return List.copyOf(projects.values());
        }

        public Optional<Project> find(String name) { return Optional.ofNullable(projects.get(name)); }

        public void create(String name, String description, Map<String, String> config) {
            if (projects.containsKey(name)) {
                throw error(409, "Project \"" + name + "\" already exists");
            }
            Map<String, String> c = new LinkedHashMap<>(config);
            c.putIfAbsent("features.storage.volumes", "true");
            projects.put(name, new Project(name, description, c, List.of()));
            Map<String, Profile> byName = new ConcurrentHashMap<>();
            if ("true".equals(config.get("features.profiles"))) {
                byName.put("default", new Profile("default", "Default Incus profile", Map.of(), Map.of(), List.of(), name));
            }
            profiles.put(name, byName);
        }

        public void update(String name, String description, Map<String, String> config) {
            projects.put(name, new Project(name, description, Map.copyOf(config), List.of()));
        }

        public void delete(String name) { projects.remove(name); }
    };

    private final NetworksApi networksApi = new NetworksApi() {
        public List<Network> list(String project) {
            read("networks");
            return List.copyOf(networks.values());
        }

        public Optional<Network> find(String project, String name) {
            read("bridge " + name);
            return Optional.ofNullable(networks.get(name));
        }

        public void create(String project, String name, String type, String description, Map<String, String> config) {
            if (networks.containsKey(name)) {
                throw error(409, "Network \"" + name + "\" already exists");
            }
            Map<String, String> c = new LinkedHashMap<>(config);
            c.put("volatile.bridge.hwaddr", "00:16:3e:00:00:01");
            networks.put(name, new Network(name, type, description, true, "Created", c, List.of(), "default"));
        }

        public void patch(String project, String name, Map<String, String> config) {
            Network n = networks.get(name);
            Map<String, String> c = new LinkedHashMap<>(n.config());
            c.putAll(config);
            update(project, name, n.description(), c);
        }

        public void update(String project, String name, String description, Map<String, String> config) {
            Network n = networks.get(name);
            networks.put(name, new Network(name, n.type(), description, true, "Created", Map.copyOf(config), List.of(),
                    "default"));
        }

        public void delete(String project, String name) { networks.remove(name); }

        public List<NetworkLease> leases(String project, String name) { return List.of(); }
    };

    private final ProfilesApi profilesApi = new ProfilesApi() {
        private Map<String, Profile> of(String project) {
            Map<String, Profile> m = profiles.get(project);
            if (m == null) {
                throw error(404, "Project not found");
            }
            return m;
        }

        public List<Profile> list(String project) {
            read("profiles " + project);
            return List.copyOf(profiles.getOrDefault(project, Map.of()).values());
        }

        public Optional<Profile> find(String project, String name) { return Optional.ofNullable(of(project).get(name)); }

        public void create(String project, Profile profile) {
            if (of(project).containsKey(profile.name())) {
                throw error(409, "Profile \"" + profile.name() + "\" already exists");
            }
            of(project).put(profile.name(), profile);
        }

        public void update(String project, Profile profile) { of(project).put(profile.name(), profile); }

        public void delete(String project, String name) { of(project).remove(name); }
    };

    private final InstancesApi instancesApi = new InstancesApi() {
        private Instance require(String project, String name) {
            Instance i = instances.get(key(project, name));
            if (i == null) {
                throw error(404, "Instance not found");
            }
            return i;
        }

        public List<Instance> listAllProjects(boolean withState) {
            read("instances");
            List<Instance> all = List.copyOf(instances.values());
            afterInstanceRead.run();
            return all;
        }

        public List<Instance> list(String project, boolean withState) {
            return instances.values().stream().filter(i -> i.project().equals(project)).toList();
        }

        public Instance get(String project, String name) { return require(project, name); }

        public Tagged<Instance> getTagged(String project, String name) {
            Instance i = require(project, name);
            return new Tagged<>(i, Integer.toHexString(i.hashCode()));
        }

        public OperationHandle create(String project, InstanceCreate r) {
            if (!projects.containsKey(project)) {
                throw error(404, "Project not found");
            }
            if (instances.containsKey(key(project, r.name()))) {
                return done(error(409, "Instance \"" + r.name() + "\" already exists"));
            }
            for (String p : r.profiles()) {
                if (!profiles.get(project).containsKey(p)) {
                    return done(error(404, "Profile \"" + p + "\" not found"));
                }
            }
            boolean rootDisk = r.profiles().stream().map(p -> profiles.get(project).get(p))
                    .anyMatch(p -> p.devices().values().stream().anyMatch(d -> "/".equals(d.get("path"))));
            if (!rootDisk) {
                return done(error(400, "Failed creating instance record: No root device could be found"));
            }
            Map<String, String> config = new LinkedHashMap<>(r.config());
            config.put("volatile.idmap.base", "0");
            config.put("volatile.uuid", "u-" + r.name());
            Instance i = new Instance(r.name(), project, r.type(), "Stopped", 102, "none", r.description(), config,
                    r.devices(), r.profiles(), r.ephemeral(), false, null, null, config, r.devices(), null, null);
            instances.put(key(project, r.name()), withState(i, r.start() ? "Running" : "Stopped", config, r.devices(),
                    r.profiles()));
            return done(null);
        }

        public void patch(String project, String name, InstancePut changes, String ifMatch) {
            Instance i = require(project, name);
            Map<String, String> config = new LinkedHashMap<>(i.config());
            if (changes.config() != null) {
                changes.config().forEach((k, v) -> {
                    if (v.isEmpty()) {
                        config.remove(k);
                    } else {
                        config.put(k, v);
                    }
                });
            }
            Map<String, Map<String, String>> devices = new LinkedHashMap<>(i.devices());
            if (changes.devices() != null) {
                devices.putAll(changes.devices());
            }
            List<String> profileList = changes.profiles() != null ? changes.profiles() : i.profiles();
            instances.put(key(project, name), withState(i, i.status(), config, devices, profileList));
        }

        public OperationHandle put(String project, String name, InstancePut full, String ifMatch) {
            Instance i = require(project, name);
            if (ifMatch != null && !ifMatch.equals(Integer.toHexString(i.hashCode()))) {
                throw error(412, "ETag doesn't match");
            }
            if (!full.config().containsKey("volatile.idmap.base")) {
                return done(error(400, "Volatile idmap keys can't be deleted by the user"));
            }
            instances.put(key(project, name), withState(i, i.status(), full.config(), full.devices(), full.profiles()));
            return done(null);
        }

        public OperationHandle rename(String project, String name, String newName) { throw new UnsupportedOperationException(); }

        public OperationHandle delete(String project, String name) {
            Instance i = require(project, name);
            if (i.isRunning()) {
                throw error(400, "Instance is running");
            }
            if ("true".equals(i.config().get("security.protection.delete"))) {
                return done(error(403, "Instance is protected from being deleted"));
            }
            instances.remove(key(project, name));
            return done(null);
        }

        public OperationHandle changeState(String project, String name, StateAction action) {
            Instance i = require(project, name);
            String target = switch (action.action()) {
                case START, RESTART, UNFREEZE -> "Running";
                case STOP -> "Stopped";
                case FREEZE -> "Frozen";
            };
            if (action.action() == StateAction.Kind.START && i.isRunning()) {
                return done(error(400, "The instance is already running"));
            }
            instances.put(key(project, name), withState(i, target, i.config(), i.devices(), i.profiles()));
            return done(null);
        }

        public InstanceState state(String project, String name) { throw new UnsupportedOperationException(); }

        public ExecResult exec(String project, String name, List<String> command, Map<String, String> environment,
                               String cwd, Duration timeout) { throw new UnsupportedOperationException(); }

        public ExecSession execInteractive(String project, String name, List<String> command,
                                           Map<String, String> environment, int width, int height) {
            throw new UnsupportedOperationException();
        }

        public String consoleLog(String project, String name) { throw new UnsupportedOperationException(); }
    };

    private final OperationsApi operationsApi = new OperationsApi() {
        public List<Operation> listAll() {
            read("operations");
            return List.of();
        }

        public OperationHandle handle(String id) { return done(null); }
    };

    public ProjectsApi projects() { return projectsApi; }

    public NetworksApi networks() { return networksApi; }

    public ProfilesApi profiles() { return profilesApi; }

    public InstancesApi instances() { return instancesApi; }

    public OperationsApi operations() { return operationsApi; }

    public ServerApi server() { throw new UnsupportedOperationException(); }

    public SnapshotsApi snapshots() { throw new UnsupportedOperationException(); }

    public NetworkAclsApi networkAcls() { throw new UnsupportedOperationException(); }

    public ImagesApi images() { throw new UnsupportedOperationException(); }

    public StoragePoolsApi storagePools() { throw new UnsupportedOperationException(); }

    public BackupsApi backups() { throw new UnsupportedOperationException(); }

    public EventsApi events() { return events; }

    public void close() {}

    List<Instance> instanceList() {
        return new ArrayList<>(instances.values());
    }
}
