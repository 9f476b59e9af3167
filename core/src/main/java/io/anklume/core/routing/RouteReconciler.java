package io.anklume.core.routing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.anklume.core.infra.Routing;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Makes anklume's routes in Caddy equal to the desired ones. A missing route is added to the server's
 * routes, a different one is replaced in place through {@code PATCH /id/<id>} (so there is no moment
 * without it), a route anklume no longer wants is deleted; routes whose {@code @id} does not start with
 * {@code anklume-} are never touched. Running it again with the same input changes nothing.
 */
public final class RouteReconciler {
    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private final CaddyAdmin caddy;

    public RouteReconciler(CaddyAdmin caddy) {
        this.caddy = caddy;
    }

    /** The anklume routes Caddy holds now, by {@code @id}. */
    public Map<String, JsonNode> current(Routing routing) {
        Map<String, JsonNode> owned = new LinkedHashMap<>();
        routes(routing).ifPresent(list -> list.forEach(r -> {
            if (CaddyJson.isOwned(r)) {
                owned.put(r.get("@id").asText(), r);
            }
        }));
        return owned;
    }

    public synchronized SyncReport sync(Routing routing, List<DesiredRoute> desired) {
        String routesPath = serverPath(routing) + "/routes";
        Optional<JsonNode> existing = routes(routing);
        if (existing.isEmpty()) {
            ensureServer(routing);
            existing = routes(routing);
        }
        Map<String, JsonNode> owned = new LinkedHashMap<>();
        existing.ifPresent(list -> list.forEach(r -> {
            if (CaddyJson.isOwned(r)) {
                owned.put(r.get("@id").asText(), r);
            }
        }));
        boolean haveArray = existing.isPresent() && existing.get().isArray();
        List<String> added = new ArrayList<>();
        List<String> updated = new ArrayList<>();
        List<String> unchanged = new ArrayList<>();
        for (DesiredRoute d : desired) {
            ObjectNode want = CaddyJson.route(d);
            JsonNode have = owned.remove(d.id());
            if (have == null) {
                if (haveArray) {
                    caddy.post(routesPath, want);
                } else {
                    caddy.put(routesPath, F.arrayNode().add(want));
                    haveArray = true;
                }
                added.add(d.id());
            } else if (!have.equals(want)) {
                caddy.patch("/id/" + d.id(), want);
                updated.add(d.id());
            } else {
                unchanged.add(d.id());
            }
        }
        List<String> removed = new ArrayList<>();
        for (String stale : owned.keySet()) {
            caddy.delete("/id/" + stale);
            removed.add(stale);
        }
        if (routing.tls() == Routing.Tls.INTERNAL) {
            Set<String> hosts = new TreeSet<>();
            desired.forEach(d -> hosts.add(d.host()));
            internalTls(hosts);
        }
        return new SyncReport(List.copyOf(added), List.copyOf(updated), removed, List.copyOf(unchanged));
    }

    private Optional<JsonNode> routes(Routing routing) {
        try {
            return caddy.get(serverPath(routing) + "/routes");
        } catch (CaddyException e) {
            if (e.status() == 400) {
                // "invalid traversal path": the server (or apps.http) does not exist yet.
                return Optional.empty();
            }
            throw e;
        }
    }

    static String serverPath(Routing routing) {
        return "/config/apps/http/servers/" + routing.server();
    }

    /** Creates the server, and whatever of apps.http.servers is missing above it, without touching the rest. */
    private void ensureServer(Routing routing) {
        ensure(List.of("apps", "http", "servers", routing.server()), CaddyJson.server(routing));
    }

    private void internalTls(Set<String> hosts) {
        if (hosts.isEmpty()) {
            return;
        }
        ObjectNode want = CaddyJson.internalTlsPolicy(hosts);
        Optional<JsonNode> have;
        try {
            have = caddy.get("/id/" + CaddyJson.TLS_POLICY_ID);
        } catch (CaddyException e) {
            if (e.status() != 404) {
                throw e;
            }
            have = Optional.empty();
        }
        if (have.isPresent()) {
            if (!have.get().equals(want)) {
                caddy.patch("/id/" + CaddyJson.TLS_POLICY_ID, want);
            }
            return;
        }
        Optional<JsonNode> policies = getOrEmpty("/config/apps/tls/automation/policies");
        if (policies.isPresent() && policies.get().isArray()) {
            caddy.post("/config/apps/tls/automation/policies", want);
        } else {
            ensure(List.of("apps", "tls", "automation", "policies"), F.arrayNode().add(want));
        }
    }

    /**
     * Puts {@code leaf} at the path of {@code segments} under /config, creating the first missing level
     * with everything below it in one request.
     */
    private void ensure(List<String> segments, JsonNode leaf) {
        if (getOrEmpty("/config/").isEmpty()) {
            // Caddy without any configuration: load one, keeping the admin API where we reach it.
            ObjectNode config = F.objectNode();
            config.putObject("admin").put("listen", caddy.listenAddress());
            config.set(segments.get(0), nest(segments.subList(1, segments.size()), leaf));
            caddy.load(config);
            return;
        }
        String path = "/config";
        for (int i = 0; i < segments.size(); i++) {
            path += "/" + segments.get(i);
            if (getOrEmpty(path).isEmpty()) {
                caddy.put(path, nest(segments.subList(i + 1, segments.size()), leaf));
                return;
            }
        }
    }

    private static JsonNode nest(List<String> segments, JsonNode leaf) {
        JsonNode node = leaf;
        for (int i = segments.size() - 1; i >= 0; i--) {
            ObjectNode parent = F.objectNode();
            parent.set(segments.get(i), node);
            node = parent;
        }
        return node;
    }

    private Optional<JsonNode> getOrEmpty(String path) {
        try {
            return caddy.get(path);
        } catch (CaddyException e) {
            if (e.status() == 400 || e.status() == 404) {
                return Optional.empty();
            }
            throw e;
        }
    }
}
