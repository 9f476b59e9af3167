package io.anklume.core.lab;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.anklume.incus.BackupsApi;
import io.anklume.incus.EventsApi;
import io.anklume.incus.ExecSession;
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
import io.anklume.incus.events.Event;
import io.anklume.incus.events.EventListener;
import io.anklume.incus.events.EventSubscription;
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
import io.anklume.incus.model.Snapshot;
import io.anklume.incus.model.StateAction;
import io.anklume.incus.model.Tagged;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * A stand-in {@link IncusClient} for core's integration tests while the real client (branch feat/client)
 * is not merged: each request goes to the real daemon through {@code incus query --raw} (the same REST
 * API over the same socket), events come from {@code incus monitor}. Only what core's tests use is here.
 * {@link CoreLab#connect()} prefers the real client as soon as it exists.
 */
final class IncusQueryClient implements IncusClient {
    private static final ObjectMapper JSON = new ObjectMapper()
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .registerModule(new JavaTimeModule())
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private final List<Process> monitors = new ArrayList<>();
    private final String socket;
    private volatile boolean closed;

    /** {@code socket} null: the default Incus socket. */
    IncusQueryClient(java.nio.file.Path socket) {
        this.socket = socket == null ? null : socket.toString();
    }

    private ProcessBuilder process(List<String> cmd) {
        ProcessBuilder pb = new ProcessBuilder(cmd);
        if (socket != null) {
            pb.environment().put("INCUS_SOCKET", socket);
        }
        return pb;
    }

    // ---- transport --------------------------------------------------------------------------------

    private JsonNode request(String method, String path, Object body) {
        List<String> cmd = new ArrayList<>(List.of("incus", "query", "--raw", "-X", method));
        try {
            if (body != null) {
                cmd.add("-d");
                cmd.add(JSON.writeValueAsString(body));
            }
            cmd.add(path);
            Process p = process(cmd).redirectErrorStream(true).start();
            byte[] out = p.getInputStream().readAllBytes();
            p.waitFor(60, TimeUnit.SECONDS);
            String text = new String(out, StandardCharsets.UTF_8).trim();
            if (text.isEmpty()) {
                return JSON.nullNode();
            }
            JsonNode envelope = JSON.readTree(text.startsWith("{") ? text : "{\"type\":\"error\",\"error\":"
                    + JSON.writeValueAsString(text) + "}");
            if ("error".equals(envelope.path("type").asText())) {
                throw new IncusException(envelope.path("error_code").asInt(0), envelope.path("error").asText(),
                        method + " " + path);
            }
            return envelope;
        } catch (IOException e) {
            throw new IncusException(0, e.getMessage(), method + " " + path, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IncusException(0, "interrupted", method + " " + path, e);
        }
    }

    private JsonNode metadata(String method, String path, Object body) {
        return request(method, path, body).path("metadata");
    }

    private static <T> T convert(JsonNode node, TypeReference<T> type) {
        return JSON.convertValue(node, type);
    }

    private OperationHandle operation(String method, String path, Object body) {
        JsonNode envelope = request(method, path, body);
        Operation initial = op(envelope.path("metadata"));
        return new OperationHandle() {
            @Override
            public String id() {
                return initial.id();
            }

            @Override
            public Operation initial() {
                return initial;
            }

            @Override
            public Operation await() {
                return await(Duration.ofMinutes(5));
            }

            @Override
            public Operation await(Duration timeout) {
                if (initial.id() == null) {
                    return initial; // a sync answer
                }
                Operation done = op(metadata("GET", "/1.0/operations/" + initial.id() + "/wait?timeout="
                        + timeout.toSeconds(), null));
                if (!done.succeeded()) {
                    throw new IncusException(400, done.err(), method + " " + path);
                }
                return done;
            }

            @Override
            public Operation refresh() {
                return op(metadata("GET", "/1.0/operations/" + initial.id(), null));
            }

            @Override
            public void cancel() {
                request("DELETE", "/1.0/operations/" + initial.id(), null);
            }
        };
    }

    private static Operation op(JsonNode m) {
        Map<String, Object> raw = JSON.convertValue(m, new TypeReference<Map<String, Object>>() {});
        if (raw == null || !raw.containsKey("id")) {
            return new Operation(null, "task", "", "Success", 200, Map.of(), Map.of(), false, "", null, null, "none");
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> meta = raw.get("metadata") instanceof Map<?, ?> mm ? (Map<String, Object>) mm : Map.of();
        return new Operation(m.path("id").asText(), m.path("class").asText(), m.path("description").asText(),
                m.path("status").asText(), m.path("status_code").asInt(), Map.of(), meta,
                m.path("may_cancel").asBoolean(), m.path("err").asText(), null, null, m.path("location").asText());
    }

    private static String q(String project) {
        return "project=" + enc(project == null ? "default" : project);
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    // ---- APIs -------------------------------------------------------------------------------------

    private final InstancesApi instances = new InstancesApi() {
        @Override
        public List<Instance> listAllProjects(boolean withState) {
            return convert(metadata("GET", "/1.0/instances?all-projects=true&recursion=" + (withState ? 2 : 1), null),
                    new TypeReference<>() {});
        }

        @Override
        public List<Instance> list(String project, boolean withState) {
            return convert(metadata("GET", "/1.0/instances?recursion=" + (withState ? 2 : 1) + "&" + q(project), null),
                    new TypeReference<>() {});
        }

        @Override
        public Instance get(String project, String name) {
            return convert(metadata("GET", "/1.0/instances/" + enc(name) + "?recursion=1&" + q(project), null),
                    new TypeReference<>() {});
        }

        @Override
        public Tagged<Instance> getTagged(String project, String name) {
            return new Tagged<>(get(project, name), null);
        }

        @Override
        public OperationHandle create(String project, InstanceCreate r) {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("name", r.name());
            body.put("type", r.type());
            body.put("source", Map.of("type", r.source().type(), "alias", r.source().alias()));
            body.put("profiles", r.profiles());
            body.put("ephemeral", r.ephemeral());
            body.put("config", r.config());
            body.put("devices", r.devices());
            body.put("start", r.start());
            return operation("POST", "/1.0/instances?" + q(project), body);
        }

        @Override
        public void patch(String project, String name, InstancePut changes, String ifMatch) {
            Map<String, Object> body = new LinkedHashMap<>();
            if (changes.config() != null) {
                body.put("config", changes.config());
            }
            if (changes.devices() != null) {
                body.put("devices", changes.devices());
            }
            request("PATCH", "/1.0/instances/" + enc(name) + "?" + q(project), body);
        }

        @Override
        public OperationHandle put(String project, String name, InstancePut full, String ifMatch) {
            throw new UnsupportedOperationException();
        }

        @Override
        public OperationHandle rename(String project, String name, String newName) {
            return operation("POST", "/1.0/instances/" + enc(name) + "?" + q(project), Map.of("name", newName));
        }

        @Override
        public OperationHandle delete(String project, String name) {
            return operation("DELETE", "/1.0/instances/" + enc(name) + "?" + q(project), null);
        }

        @Override
        public OperationHandle changeState(String project, String name, StateAction action) {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("action", action.action().name().toLowerCase());
            if (action.timeoutSeconds() != null) {
                body.put("timeout", action.timeoutSeconds());
            }
            body.put("force", action.force());
            return operation("PUT", "/1.0/instances/" + enc(name) + "/state?" + q(project), body);
        }

        @Override
        public InstanceState state(String project, String name) {
            return convert(metadata("GET", "/1.0/instances/" + enc(name) + "/state?" + q(project), null),
                    new TypeReference<>() {});
        }

        @Override
        public ExecResult exec(String project, String name, List<String> command, Map<String, String> environment,
                               String cwd, Duration timeout) {
            List<String> cmd = new ArrayList<>(List.of("incus", "exec", "--project",
                    project == null ? "default" : project, name, "--"));
            cmd.addAll(command);
            try {
                Process p = process(cmd).start();
                String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
                p.waitFor(timeout.toSeconds(), TimeUnit.SECONDS);
                return new ExecResult(p.exitValue(), out, err);
            } catch (IOException | InterruptedException e) {
                throw new IncusException(0, e.getMessage(), "exec " + name, e);
            }
        }

        @Override
        public ExecSession execInteractive(String project, String name, List<String> command,
                                          Map<String, String> environment, int width, int height) {
            throw new UnsupportedOperationException();
        }

        @Override
        public String consoleLog(String project, String name) {
            throw new UnsupportedOperationException();
        }
    };

    private final SnapshotsApi snapshots = new SnapshotsApi() {
        @Override
        public List<Snapshot> list(String project, String instance) {
            return convert(metadata("GET", "/1.0/instances/" + enc(instance) + "/snapshots?recursion=1&" + q(project),
                    null), new TypeReference<>() {});
        }

        @Override
        public Snapshot get(String project, String instance, String snapshot) {
            return convert(metadata("GET", "/1.0/instances/" + enc(instance) + "/snapshots/" + enc(snapshot) + "?"
                    + q(project), null), new TypeReference<>() {});
        }

        @Override
        public OperationHandle create(String project, String instance, String snapshot, boolean stateful,
                                      Instant expiresAt) {
            return operation("POST", "/1.0/instances/" + enc(instance) + "/snapshots?" + q(project),
                    Map.of("name", snapshot, "stateful", stateful));
        }

        @Override
        public OperationHandle restore(String project, String instance, String snapshot) {
            return operation("PUT", "/1.0/instances/" + enc(instance) + "?" + q(project), Map.of("restore", snapshot));
        }

        @Override
        public OperationHandle rename(String project, String instance, String snapshot, String newName) {
            throw new UnsupportedOperationException();
        }

        @Override
        public OperationHandle delete(String project, String instance, String snapshot) {
            return operation("DELETE", "/1.0/instances/" + enc(instance) + "/snapshots/" + enc(snapshot) + "?"
                    + q(project), null);
        }
    };

    private final NetworksApi networks = new NetworksApi() {
        @Override
        public List<Network> list(String project) {
            return convert(metadata("GET", "/1.0/networks?recursion=1&" + q(project), null), new TypeReference<>() {});
        }

        @Override
        public Optional<Network> find(String project, String name) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void create(String project, String name, String type, String description, Map<String, String> config) {
            request("POST", "/1.0/networks?" + q(project),
                    Map.of("name", name, "type", type, "description", description, "config", config));
        }

        @Override
        public void patch(String project, String name, Map<String, String> config) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void update(String project, String name, String description, Map<String, String> config) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void delete(String project, String name) {
            request("DELETE", "/1.0/networks/" + enc(name) + "?" + q(project), null);
        }

        @Override
        public List<NetworkLease> leases(String project, String name) {
            return convert(metadata("GET", "/1.0/networks/" + enc(name) + "/leases?" + q(project), null),
                    new TypeReference<>() {});
        }
    };

    private final ProjectsApi projects = new ProjectsApi() {
        @Override
        public List<Project> list() {
            return convert(metadata("GET", "/1.0/projects?recursion=1", null), new TypeReference<>() {});
        }

        @Override
        public Optional<Project> find(String name) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void create(String name, String description, Map<String, String> config) {
            request("POST", "/1.0/projects", Map.of("name", name, "description", description, "config", config));
        }

        @Override
        public void update(String name, String description, Map<String, String> config) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void delete(String name) {
            request("DELETE", "/1.0/projects/" + enc(name), null);
        }
    };

    private final ProfilesApi profiles = new ProfilesApi() {
        @Override
        public List<Profile> list(String project) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Optional<Profile> find(String project, String name) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void create(String project, Profile profile) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void update(String project, Profile p) {
            request("PUT", "/1.0/profiles/" + enc(p.name()) + "?" + q(project),
                    Map.of("description", p.description(), "config", p.config(), "devices", p.devices()));
        }

        @Override
        public void delete(String project, String name) {
            throw new UnsupportedOperationException();
        }
    };

    /** Events through {@code incus monitor}; its stdout is a stream of JSON objects. */
    private final EventsApi events = new EventsApi() {
        @Override
        public EventSubscription subscribe(Set<String> types, EventListener listener) {
            List<String> cmd = new ArrayList<>(List.of("incus", "monitor", "--all-projects", "--format", "json"));
            types.forEach(t -> cmd.add("--type=" + t));
            java.util.concurrent.atomic.AtomicBoolean stop = new java.util.concurrent.atomic.AtomicBoolean();
            java.util.concurrent.atomic.AtomicReference<Process> current = new java.util.concurrent.atomic.AtomicReference<>();
            Thread reader = new Thread(() -> {
                while (!stop.get() && !closed) {
                    try {
                        Process p = process(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
                        current.set(p);
                        synchronized (monitors) {
                            monitors.add(p);
                        }
                        // incus monitor prints nothing until an event: check the daemon answers first.
                        request("GET", "/1.0", null);
                        listener.onConnectionChange(true, null);
                        read(p.getInputStream(), listener);
                        p.destroy();
                    } catch (IOException | RuntimeException e) {
                        listener.onConnectionChange(false, String.valueOf(e.getMessage()));
                    }
                    try {
                        Thread.sleep(500);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }, "incus-monitor");
            reader.setDaemon(true);
            reader.start();
            return new EventSubscription() {
                @Override
                public boolean isConnected() {
                    Process p = current.get();
                    return p != null && p.isAlive();
                }

                @Override
                public void close() {
                    stop.set(true);
                    Process p = current.get();
                    if (p != null) {
                        p.destroy();
                    }
                }
            };
        }
    };

    @SuppressWarnings("unchecked")
    private static void read(InputStream in, EventListener listener) {
        try (MappingIterator<Map<String, Object>> it = JSON.readerFor(Map.class).readValues(in)) {
            while (it.hasNextValue()) {
                Map<String, Object> e = it.nextValue();
                Map<String, Object> m = e.get("metadata") instanceof Map<?, ?> mm ? (Map<String, Object>) mm : Map.of();
                String source = (String) m.get("source");
                String name = (String) m.get("name");
                if ((name == null || name.isEmpty()) && source != null && source.startsWith("/1.0/instances/")) {
                    String rest = source.substring("/1.0/instances/".length());
                    name = rest.split("[/?]")[0];
                }
                Object context = m.get("context");
                listener.onEvent(new Event((String) e.get("type"), Instant.parse((String) e.get("timestamp")),
                        (String) e.get("project"), (String) e.get("location"), (String) m.get("action"), source, name,
                        context instanceof Map<?, ?> c ? (Map<String, Object>) c : Map.of(), m));
            }
        } catch (IOException | RuntimeException e) {
            listener.onConnectionChange(false, String.valueOf(e.getMessage()));
            return;
        }
        listener.onConnectionChange(false, "incus monitor ended");
    }

    @Override
    public InstancesApi instances() {
        return instances;
    }

    @Override
    public SnapshotsApi snapshots() {
        return snapshots;
    }

    @Override
    public NetworksApi networks() {
        return networks;
    }

    @Override
    public ProjectsApi projects() {
        return projects;
    }

    @Override
    public ProfilesApi profiles() {
        return profiles;
    }

    @Override
    public EventsApi events() {
        return events;
    }

    @Override
    public ServerApi server() {
        throw new UnsupportedOperationException();
    }

    @Override
    public NetworkAclsApi networkAcls() {
        throw new UnsupportedOperationException();
    }

    @Override
    public ImagesApi images() {
        throw new UnsupportedOperationException();
    }

    @Override
    public StoragePoolsApi storagePools() {
        throw new UnsupportedOperationException();
    }

    @Override
    public BackupsApi backups() {
        throw new UnsupportedOperationException();
    }

    @Override
    public OperationsApi operations() {
        throw new UnsupportedOperationException();
    }

    @Override
    public void close() {
        closed = true;
        synchronized (monitors) {
            monitors.forEach(Process::destroy);
        }
    }
}
