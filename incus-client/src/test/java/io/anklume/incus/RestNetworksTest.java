package io.anklume.incus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The bridge-start race of Incus 6.0 cannot be provoked on demand, so its answer is played here. */
class RestNetworksTest {
    private static final String RACE = "{\"type\":\"error\",\"error_code\":500,\"error\":\"Failed to delete bridge "
            + "children interfaces: Failed to delete interface \\\"veth1234\\\": Link veth1234 does not exist\",\"metadata\":null}";
    private static final String OTHER = "{\"type\":\"error\",\"error_code\":500,\"error\":\"Network address overlaps\",\"metadata\":null}";
    private static final String DONE = "{\"type\":\"sync\",\"status\":\"Success\",\"status_code\":200,\"metadata\":{}}";

    private HttpServer server;
    private final AtomicInteger posts = new AtomicInteger();
    private volatile int failuresBeforeSuccess;
    private volatile String failure = RACE;
    private RestNetworks networks;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/1.0/networks", exchange -> {
            boolean fail = posts.incrementAndGet() <= failuresBeforeSuccess;
            byte[] body = (fail ? failure : DONE).getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(fail ? 500 : 200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        networks = new RestNetworks(RestTest.restOn(server), Duration.ofMillis(1));
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void aCreateThatMeetsTheBridgeStartRaceIsTriedAgain() {
        failuresBeforeSuccess = 2;
        networks.create(null, "br1", "bridge", "", Map.of());
        assertEquals(3, posts.get());
    }

    @Test
    void theRaceIsTriedAFewTimesOnlyThenReported() {
        failuresBeforeSuccess = 100;
        IncusException e = assertThrows(IncusException.class, () -> networks.create(null, "br1", "bridge", "", Map.of()));
        assertEquals(RestNetworks.CREATE_TRIES, posts.get());
        assertTrue(e.getMessage().contains("Failed to delete bridge children interfaces"), e.getMessage());
    }

    @Test
    void anyOtherFailureIsReportedAtOnce() {
        failuresBeforeSuccess = 1;
        failure = OTHER;
        IncusException e = assertThrows(IncusException.class, () -> networks.create(null, "br1", "bridge", "", Map.of()));
        assertEquals(1, posts.get());
        assertTrue(e.getMessage().contains("Network address overlaps"), e.getMessage());
    }
}
