package io.anklume.core.routing;

import io.anklume.core.infra.Route;

/**
 * One route as it must be in Caddy: {@code upstream} is the instance's current IPv4 address, null
 * while it has none (stopped, deleted, no lease yet); Caddy then answers 503 instead of proxying to an
 * address another instance may get next.
 */
public record DesiredRoute(String id, String instance, String host, int port, String upstream, Route.Auth auth) {
    public static final String ID_PREFIX = "anklume-";

    public static String idOf(String instance, int port) {
        return ID_PREFIX + instance + "-" + port;
    }

    /** The target as shown to people: {@code 10.1.2.3:8080}, or {@code web:8080 (no address)}. */
    public String target() {
        return upstream == null ? instance + ":" + port + " (no address)" : upstream + ":" + port;
    }
}
