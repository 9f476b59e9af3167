package io.anklume.incus;

import com.fasterxml.jackson.databind.JsonNode;
import io.anklume.incus.model.ExecResult;
import io.anklume.incus.model.Instance;
import io.anklume.incus.model.InstanceCreate;
import io.anklume.incus.model.InstancePut;
import io.anklume.incus.model.InstanceState;
import io.anklume.incus.model.Operation;
import io.anklume.incus.model.StateAction;
import io.anklume.incus.model.Tagged;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

final class RestInstances implements InstancesApi {
    private final Rest rest;

    RestInstances(Rest rest) {
        this.rest = rest;
    }

    private static String path(String name) {
        return "/1.0/instances/" + name;
    }

    @Override
    public List<Instance> listAllProjects(boolean withState) {
        return list(Query.of().with("all-projects", "true"), withState);
    }

    @Override
    public List<Instance> listAllProjects(java.util.function.Predicate<String> configKeys,
                                          java.util.function.Consumer<? super Instance> eachRead) {
        return streamed(Query.of().with("all-projects", "true"), configKeys, eachRead);
    }

    @Override
    public List<Instance> list(String project, boolean withState) {
        return list(Query.project(project), withState);
    }

    /** Without state, the list is read as it streams in: it is what the first screen waits for. */
    private List<Instance> list(Query query, boolean withState) {
        if (!withState) {
            return streamed(query, key -> true, i -> { });
        }
        return Arrays.asList(rest.get("/1.0/instances", query.with("recursion", 2), Instance[].class));
    }

    private List<Instance> streamed(Query query, java.util.function.Predicate<String> configKeys,
                                    java.util.function.Consumer<? super Instance> eachRead) {
        List<Instance> listed = rest.getStreamed("/1.0/instances", query.with("recursion", 1),
                p -> InstanceListReader.read(p, configKeys, eachRead));
        return listed == null ? List.of() : listed;
    }

    @Override
    public Instance get(String project, String name) {
        return rest.get(path(name), Query.project(project).with("recursion", 1), Instance.class);
    }

    @Override
    public Tagged<Instance> getTagged(String project, String name) {
        Tagged<JsonNode> t = rest.getTagged(path(name), Query.project(project));
        return new Tagged<>(Json.convert(rest.json(), t.value(), Instance.class), t.etag());
    }

    @Override
    public OperationHandle create(String project, InstanceCreate r) {
        Map<String, Object> source = Rest.map("type", r.source().type(), "alias", r.source().alias(),
                "fingerprint", r.source().fingerprint());
        Map<String, Object> body = Rest.map(
                "name", r.name(),
                "type", r.type() == null ? "container" : r.type(),
                "source", source,
                "profiles", r.profiles(),
                "ephemeral", r.ephemeral(),
                "config", r.config(),
                "devices", r.devices(),
                "description", r.description(),
                "start", r.start());
        return rest.async("POST", "/1.0/instances", Query.project(project), body);
    }

    @Override
    public void patch(String project, String name, InstancePut changes, String ifMatch) {
        rest.send("PATCH", path(name), Query.project(project), body(changes), ifMatch);
    }

    @Override
    public OperationHandle put(String project, String name, InstancePut full, String ifMatch) {
        return rest.async("PUT", path(name), Query.project(project), body(full), ifMatch);
    }

    private static Map<String, Object> body(InstancePut p) {
        return Rest.map("config", p.config(), "devices", p.devices(), "profiles", p.profiles(),
                "description", p.description(), "ephemeral", p.ephemeral());
    }

    @Override
    public OperationHandle rename(String project, String name, String newName) {
        return rest.async("POST", path(name), Query.project(project), Map.of("name", newName));
    }

    @Override
    public OperationHandle delete(String project, String name) {
        return rest.async("DELETE", path(name), Query.project(project), null);
    }

    @Override
    public OperationHandle changeState(String project, String name, StateAction action) {
        // A missing timeout means a clean stop; 0 would mean "kill now" (see incus-api.md pitfall 2).
        Map<String, Object> body = Rest.map(
                "action", action.action().name().toLowerCase(Locale.ROOT),
                "timeout", action.timeoutSeconds(),
                "force", action.force(),
                "stateful", action.stateful());
        return rest.async("PUT", path(name) + "/state", Query.project(project), body);
    }

    @Override
    public InstanceState state(String project, String name) {
        return rest.get(path(name) + "/state", Query.project(project), InstanceState.class);
    }

    @Override
    public ExecResult exec(String project, String name, List<String> command, Map<String, String> environment,
                           String cwd, Duration timeout) {
        Map<String, Object> body = Rest.map(
                "command", command,
                "environment", environment == null ? Map.of() : environment,
                "cwd", cwd,
                "record-output", true,
                "wait-for-websocket", false,
                "interactive", false);
        Operation done = rest.async("POST", path(name) + "/exec", Query.project(project), body).await(timeout);
        Map<String, Object> metadata = done.metadata() == null ? Map.of() : done.metadata();
        int exit = metadata.get("return") instanceof Number n ? n.intValue() : -1;
        @SuppressWarnings("unchecked")
        Map<String, String> output = metadata.get("output") instanceof Map<?, ?> m ? (Map<String, String>) m : Map.of();
        String stdout = readOutput(project, output.get("1"));
        String stderr = readOutput(project, output.get("2"));
        return new ExecResult(exit, stdout, stderr);
    }

    /** The output URLs Incus returns lack {@code ?project=}; they are read then removed. */
    private String readOutput(String project, String url) {
        if (url == null || url.isEmpty()) {
            return "";
        }
        String p = url.contains("?") ? url.substring(0, url.indexOf('?')) : url;
        String text;
        try (var in = rest.stream("GET", p, Query.project(project))) {
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (java.io.IOException e) {
            throw new IncusException(0, "cannot read exec output: " + e.getMessage(), "GET " + p);
        }
        try {
            rest.call("DELETE", p, Query.project(project), null);
        } catch (IncusException ignored) {
            // Leaving a log file behind is harmless; the output was read.
        }
        return text;
    }

    @Override
    public ExecSession execInteractive(String project, String name, List<String> command,
                                       Map<String, String> environment, int width, int height) {
        Map<String, Object> body = Rest.map(
                "command", command,
                "environment", environment == null ? Map.of() : environment,
                "interactive", true,
                "wait-for-websocket", true,
                "record-output", false,
                "width", width,
                "height", height);
        OperationHandle op = rest.async("POST", path(name) + "/exec", Query.project(project), body);
        return WebSocketExecSession.open(rest, op);
    }

    @Override
    public String consoleLog(String project, String name) {
        return rest.text("GET", path(name) + "/console", Query.project(project).with("type", "log"));
    }
}
