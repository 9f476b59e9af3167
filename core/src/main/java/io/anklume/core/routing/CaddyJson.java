package io.anklume.core.routing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.anklume.core.infra.Routing;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Collection;

/** The Caddy JSON anklume writes: one route per {@link DesiredRoute}, its server, its TLS policy. Pure. */
public final class CaddyJson {
    /** The TLS automation policy that gives anklume's hosts certificates from Caddy's internal CA. */
    public static final String TLS_POLICY_ID = DesiredRoute.ID_PREFIX + "tls-internal";

    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private CaddyJson() {}

    /**
     * A terminal route matching the host: basic auth first when asked for, then the reverse proxy to
     * the instance (or a 503 while the instance has no address).
     */
    public static ObjectNode route(DesiredRoute r) {
        ObjectNode route = F.objectNode();
        route.put("@id", r.id());
        route.putArray("match").addObject().putArray("host").add(r.host());
        ArrayNode handle = route.putArray("handle");
        if (r.auth() != null) {
            ObjectNode basic = handle.addObject().put("handler", "authentication").putObject("providers")
                    .putObject("http_basic");
            basic.putObject("hash").put("algorithm", "bcrypt");
            // Caddy 2.6 reads the password hash base64-encoded (what `caddy hash-password` prints there).
            basic.putArray("accounts").addObject().put("username", r.auth().user())
                    .put("password", Base64.getEncoder().encodeToString(
                            r.auth().passwordHash().getBytes(StandardCharsets.US_ASCII)));
        }
        if (r.upstream() != null) {
            handle.addObject().put("handler", "reverse_proxy").putArray("upstreams").addObject()
                    .put("dial", r.upstream() + ":" + r.port());
        } else {
            handle.addObject().put("handler", "static_response").put("status_code", 503)
                    .put("body", "anklume: " + r.instance() + " has no address (not running?)\n");
        }
        route.put("terminal", true);
        return route;
    }

    /** The HTTP server anklume creates when Caddy has none of that name. */
    public static ObjectNode server(Routing routing) {
        ObjectNode server = F.objectNode();
        server.putArray("listen").add(routing.listen());
        server.putArray("routes");
        if (routing.tls() == Routing.Tls.OFF) {
            server.putObject("automatic_https").put("disable", true);
        }
        return server;
    }

    /** Certificates of Caddy's internal CA for these hosts (tls: internal). */
    public static ObjectNode internalTlsPolicy(Collection<String> hosts) {
        ObjectNode policy = F.objectNode();
        policy.put("@id", TLS_POLICY_ID);
        ArrayNode subjects = policy.putArray("subjects");
        hosts.stream().sorted().forEach(subjects::add);
        policy.putArray("issuers").addObject().put("module", "internal");
        return policy;
    }

    /** Whether a route in Caddy is one of anklume's (the only ones it may change or remove). */
    public static boolean isOwned(JsonNode route) {
        return route.hasNonNull("@id") && route.get("@id").asText().startsWith(DesiredRoute.ID_PREFIX);
    }
}
