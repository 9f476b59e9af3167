package io.anklume.core.routing;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Against a loopback server that answers like Caddy's admin API, slowly. */
class CaddyAdminTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private HttpServer server;
    private CaddyAdmin admin;

    @BeforeEach
    void slowAdmin() throws Exception {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            try {
                Thread.sleep(600); // as Caddy does while it applies a TLS change
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            byte[] body = "{\"ok\":true}".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        admin = new CaddyAdmin("http://127.0.0.1:" + server.getAddress().getPort() + "/", JSON,
                Duration.ofMillis(200), Duration.ofSeconds(5));
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void aChangeMayTakeLongerThanARead() {
        admin.put("/config/apps/tls", JSON.createObjectNode());
        admin.patch("/id/x", JSON.createObjectNode());
        admin.load(JSON.createObjectNode());

        CaddyException slowRead = assertThrows(CaddyException.class, () -> admin.get("/config/"));
        assertTrue(slowRead.getMessage().contains("cannot be reached"), slowRead.getMessage());
    }
}
