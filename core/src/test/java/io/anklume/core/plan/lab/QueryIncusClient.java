package io.anklume.core.plan.lab;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.node.ObjectNode;
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
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A stand-in {@link IncusClient} for plan/apply integration tests while the real client (feat/client)
 * is not merged: every request goes to the real daemon's REST API through {@code incus query --raw}.
 * Only the calls the planner, the applier and the CLI make are here. {@link PlanLab#connect()} prefers
 * the real client as soon as it exists.
 */
public final class QueryIncusClient implements IncusClient {
    private static final ObjectMapper JSON = new ObjectMapper()
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .registerModule(new JavaTimeModule())
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    // ---- transport ----

    private static JsonNode request(String method, String path, Object body) {
        List<String> cmd = new ArrayList<>(List.of("incus", "query", "--raw", "-X", method));
        String request = method + " " + path;
        try {
            if (body != null) {
                cmd.add("-d");
                cmd.add(JSON.writeValueAsString(body));
            }
            cmd.add(path);
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(10, TimeUnit.MINUTES)) {
                p.destroyForcibly();
                throw new IncusException(0, "timed out", request);
            }
            String text = new String(out, StandardCharsets.UTF_8).trim();
            if (text.isEmpty()) {
                return JSON.nullNode();
            }
            if (!text.startsWith("{")) {
                throw new IncusException(0, text.replaceFirst("^Error: ", ""), request);
            }
            JsonNode envelope = JSON.readTree(text);
            if ("error".equals(envelope.path("type").asText())) {
                throw new IncusException(envelope.path("error_code").asInt(0), envelope.path("error").asText(), request);
            }
            return envelope;
        } catch (IOException e) {
            throw new IncusException(0, e.getMessage(), request, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IncusException(0, "interrupted", request, e);
        }
    }

    private static JsonNode metadata(String method, String path, Object body) {
        return request(method, path, body).path("metadata");
    }

    private static String q(String project) {
        return project == null ? "" : "project=" + URLEncoder.encode(project, StandardCharsets.UTF_8);
    }

    private static String withProject(String path, String project) {
        String p = q(project);
        return p.isEmpty() ? path : path + (path.contains("?") ? "&" : "?") + p;
    }

    private static <T> T convert(JsonNode node, Class<T> type) {
        try {
            return JSON.treeToValue(node, type);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + type.getSimpleName() + ": " + e.getMessage(), e);
        }
    }

    private static Instance instance(JsonNode node) {
        ObjectNode copy = ((ObjectNode) node).deepCopy();
        copy.remove("state");
        copy.remove("snapshots");
        copy.remove("backups");
        Instance i = convert(copy, Instance.class);
        InstanceState state = node.hasNonNull("state") ? convert(node.get("state"), InstanceState.class) : null;
        return new Instance(i.name(), i.project(), i.type(), i.status(), i.statusCode(), i.location(), i.description(),
                i.config(), i.devices(), i.profiles(), i.ephemeral(), i.stateful(), i.createdAt(), i.lastUsedAt(),
                i.expandedConfig(), i.expandedDevices(), state, null);
    }

    private static Operation operation(JsonNode node) {
        ObjectNode copy = ((ObjectNode) node).deepCopy();
        copy.set("op_class", copy.get("class"));
        copy.remove("class");
        return convert(copy, Operation.class);
    }

    private static OperationHandle async(JsonNode envelope) {
        Operation initial = operation(envelope.path("metadata"));
        return new OperationHandle() {
            public String id() { return initial.id(); }

            public Operation initial() { return initial; }

            public Operation await() { return await(Duration.ofMinutes(5)); }

            public Operation await(Duration timeout) {
                JsonNode done = metadata("GET", "/1.0/operations/" + initial.id() + "/wait?timeout=" + timeout.toSeconds(), null);
                Operation op = operation(done);
                if (!op.succeeded()) {
                    throw new IncusException(op.statusCode(), op.err(), "operation " + initial.description());
                }
                return op;
            }

            public Operation refresh() { return operation(metadata("GET", "/1.0/operations/" + initial.id(), null)); }

            public void cancel() { request("DELETE", "/1.0/operations/" + initial.id(), null); }
        };
    }

    private static Map<String, Object> body(Object... pairs) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            if (pairs[i + 1] != null) {
                m.put((String) pairs[i], pairs[i + 1]);
            }
        }
        return m;
    }

    // ---- resources ----

    private final ProjectsApi projects = new ProjectsApi() {
        public List<Project> list() {
            List<Project> list = new ArrayList<>();
            metadata("GET", "/1.0/projects?recursion=1", null).forEach(n -> list.add(convert(n, Project.class)));
            return list;
        }

        public Optional<Project> find(String name) {
            try {
                return Optional.of(convert(metadata("GET", "/1.0/projects/" + name, null), Project.class));
            } catch (IncusException e) {
                if (e.isNotFound()) {
                    return Optional.empty();
                }
                throw e;
            }
        }

        public void create(String name, String description, Map<String, String> config) {
            request("POST", "/1.0/projects", body("name", name, "description", description, "config", config));
        }

        public void update(String name, String description, Map<String, String> config) {
            request("PUT", "/1.0/projects/" + name, body("description", description, "config", config));
        }

        public void delete(String name) { request("DELETE", "/1.0/projects/" + name, null); }
    };

    private final NetworksApi networks = new NetworksApi() {
        public List<Network> list(String project) {
            List<Network> list = new ArrayList<>();
            metadata("GET", withProject("/1.0/networks?recursion=1", project), null)
                    .forEach(n -> list.add(convert(n, Network.class)));
            return list;
        }

        public Optional<Network> find(String project, String name) {
            try {
                return Optional.of(convert(metadata("GET", withProject("/1.0/networks/" + name, project), null), Network.class));
            } catch (IncusException e) {
                if (e.isNotFound()) {
                    return Optional.empty();
                }
                throw e;
            }
        }

        public void create(String project, String name, String type, String description, Map<String, String> config) {
            request("POST", withProject("/1.0/networks", project),
                    body("name", name, "type", type, "description", description, "config", config));
        }

        public void patch(String project, String name, Map<String, String> config) {
            request("PATCH", withProject("/1.0/networks/" + name, project), body("config", config));
        }

        public void update(String project, String name, String description, Map<String, String> config) {
            request("PUT", withProject("/1.0/networks/" + name, project), body("description", description, "config", config));
        }

        public void delete(String project, String name) { request("DELETE", withProject("/1.0/networks/" + name, project), null); }

        public List<NetworkLease> leases(String project, String name) {
            List<NetworkLease> list = new ArrayList<>();
            metadata("GET", withProject("/1.0/networks/" + name + "/leases", project), null)
                    .forEach(n -> list.add(convert(n, NetworkLease.class)));
            return list;
        }
    };

    private final ProfilesApi profiles = new ProfilesApi() {
        public List<Profile> list(String project) {
            List<Profile> list = new ArrayList<>();
            metadata("GET", withProject("/1.0/profiles?recursion=1", project), null)
                    .forEach(n -> list.add(convert(n, Profile.class)));
            return list;
        }

        public Optional<Profile> find(String project, String name) {
            try {
                return Optional.of(convert(metadata("GET", withProject("/1.0/profiles/" + name, project), null), Profile.class));
            } catch (IncusException e) {
                if (e.isNotFound()) {
                    return Optional.empty();
                }
                throw e;
            }
        }

        public void create(String project, Profile p) {
            request("POST", withProject("/1.0/profiles", project), body("name", p.name(), "description", p.description(),
                    "config", p.config(), "devices", p.devices()));
        }

        public void update(String project, Profile p) {
            request("PUT", withProject("/1.0/profiles/" + p.name(), project),
                    body("description", p.description(), "config", p.config(), "devices", p.devices()));
        }

        public void delete(String project, String name) { request("DELETE", withProject("/1.0/profiles/" + name, project), null); }
    };

    private final InstancesApi instances = new InstancesApi() {
        public List<Instance> listAllProjects(boolean withState) {
            List<Instance> list = new ArrayList<>();
            metadata("GET", "/1.0/instances?all-projects=true&recursion=" + (withState ? 2 : 1), null)
                    .forEach(n -> list.add(instance(n)));
            return list;
        }

        public List<Instance> list(String project, boolean withState) {
            List<Instance> list = new ArrayList<>();
            metadata("GET", withProject("/1.0/instances?recursion=" + (withState ? 2 : 1), project), null)
                    .forEach(n -> list.add(instance(n)));
            return list;
        }

        public Instance get(String project, String name) {
            return instance(metadata("GET", withProject("/1.0/instances/" + name, project), null));
        }

        public Tagged<Instance> getTagged(String project, String name) {
            return new Tagged<>(get(project, name), null); // incus query shows no headers: no ETag
        }

        public OperationHandle create(String project, InstanceCreate r) {
            return async(request("POST", withProject("/1.0/instances", project), body("name", r.name(), "type", r.type(),
                    "source", body("type", r.source().type(), "alias", r.source().alias(), "fingerprint", r.source().fingerprint()),
                    "profiles", r.profiles(), "ephemeral", r.ephemeral(), "config", r.config(), "devices", r.devices(),
                    "description", r.description(), "start", r.start())));
        }

        public void patch(String project, String name, InstancePut c, String ifMatch) {
            request("PATCH", withProject("/1.0/instances/" + name, project), body("config", c.config(), "devices", c.devices(),
                    "profiles", c.profiles(), "description", c.description(), "ephemeral", c.ephemeral()));
        }

        public OperationHandle put(String project, String name, InstancePut c, String ifMatch) {
            return async(request("PUT", withProject("/1.0/instances/" + name, project), body("config", c.config(),
                    "devices", c.devices(), "profiles", c.profiles(), "description", c.description(), "ephemeral", c.ephemeral())));
        }

        public OperationHandle rename(String project, String name, String newName) { throw new UnsupportedOperationException(); }

        public OperationHandle delete(String project, String name) {
            return async(request("DELETE", withProject("/1.0/instances/" + name, project), null));
        }

        public OperationHandle changeState(String project, String name, StateAction a) {
            return async(request("PUT", withProject("/1.0/instances/" + name + "/state", project),
                    body("action", a.action().name().toLowerCase(Locale.ROOT), "timeout", a.timeoutSeconds() == null ? -1 : a.timeoutSeconds(),
                            "force", a.force(), "stateful", a.stateful())));
        }

        public InstanceState state(String project, String name) {
            return convert(metadata("GET", withProject("/1.0/instances/" + name + "/state", project), null), InstanceState.class);
        }

        public ExecResult exec(String project, String name, List<String> command, Map<String, String> environment,
                               String cwd, Duration timeout) { throw new UnsupportedOperationException(); }

        public ExecSession execInteractive(String project, String name, List<String> command,
                                           Map<String, String> environment, int width, int height) {
            throw new UnsupportedOperationException();
        }

        public String consoleLog(String project, String name) { throw new UnsupportedOperationException(); }
    };

    private final OperationsApi operations = new OperationsApi() {
        public List<Operation> listAll() {
            List<Operation> list = new ArrayList<>();
            JsonNode byStatus = metadata("GET", "/1.0/operations?all-projects=true&recursion=1", null);
            byStatus.forEach(group -> group.forEach(op -> list.add(operation(op))));
            return list;
        }

        public OperationHandle handle(String id) {
            return async(JSON.createObjectNode().set("metadata", metadata("GET", "/1.0/operations/" + id, null)));
        }
    };

    public ProjectsApi projects() { return projects; }

    public NetworksApi networks() { return networks; }

    public ProfilesApi profiles() { return profiles; }

    public InstancesApi instances() { return instances; }

    public OperationsApi operations() { return operations; }

    public ServerApi server() { throw new UnsupportedOperationException(); }

    public SnapshotsApi snapshots() { throw new UnsupportedOperationException(); }

    public NetworkAclsApi networkAcls() { throw new UnsupportedOperationException(); }

    public ImagesApi images() { throw new UnsupportedOperationException(); }

    public StoragePoolsApi storagePools() { throw new UnsupportedOperationException(); }

    public BackupsApi backups() { throw new UnsupportedOperationException(); }

    public EventsApi events() { throw new UnsupportedOperationException(); }

    public void close() {}
}
