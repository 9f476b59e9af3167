package io.anklume.core.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.anklume.core.infra.Route;
import io.anklume.core.infra.Routing;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The Caddy JSON anklume writes, compared with golden files in src/test/resources/routing. */
class CaddyJsonTest {
    static final String HASH = "$2a$10$ow7UC86yXaSoZSr0mcGxeOYK9DfqsnKnA9RoKR.nxUUXVbXqOibgm";
    static final ObjectMapper JSON = new ObjectMapper();

    static JsonNode golden(String name) throws IOException {
        try (InputStream in = CaddyJsonTest.class.getResourceAsStream("/routing/" + name + ".json")) {
            return JSON.readTree(in);
        }
    }

    @Test
    void routeWithBasicAuthChecksCredentialsThenProxies() throws IOException {
        DesiredRoute r = new DesiredRoute("anklume-web-8080", "web", "app.example.test", 8080, "10.120.0.5",
                new Route.Auth("alice", HASH));
        assertEquals(golden("route-auth"), CaddyJson.route(r));
    }

    @Test
    void routeWithoutAuthOnlyProxies() throws IOException {
        assertEquals(golden("route-plain"),
                CaddyJson.route(new DesiredRoute("anklume-web-80", "web", "www.example.test", 80, "10.120.0.5", null)));
    }

    @Test
    void anInstanceWithoutAddressGets503NotAStaleTarget() throws IOException {
        assertEquals(golden("route-no-address"),
                CaddyJson.route(new DesiredRoute("anklume-db-80", "db", "db.example.test", 80, null, null)));
    }

    @Test
    void serverFollowsTheTlsSetting() throws IOException {
        assertEquals(golden("server-tls-off"), CaddyJson.server(
                new Routing("http://localhost:2019", "srv0", Routing.Tls.OFF, "127.0.0.1:8080", null, "0.0.0.0")));
        assertEquals(golden("server-tls-internal"), CaddyJson.server(Routing.DEFAULTS));
        assertEquals(golden("tls-internal-policy"), CaddyJson.internalTlsPolicy(List.of("b.test", "a.test")));
    }

    @Test
    void onlyAnklumeIdsAreOwned() throws IOException {
        assertTrue(CaddyJson.isOwned(golden("route-plain")));
        assertFalse(CaddyJson.isOwned(JSON.readTree("{\"@id\":\"web-app\",\"handle\":[]}")));
        assertFalse(CaddyJson.isOwned(JSON.readTree("{\"handle\":[]}")));
    }

    @Test
    void idsNameInstanceAndPort() {
        assertEquals("anklume-web-8080", DesiredRoute.idOf("web", 8080));
    }
}
