package io.anklume.incus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import io.anklume.incus.model.Instance;
import io.anklume.incus.model.Operation;
import io.anklume.incus.model.Snapshot;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Envelope parsing and error mapping against canned Incus answers on loopback. */
class RestTest {
    private HttpServer server;
    private final Map<String, String[]> answers = new ConcurrentHashMap<>();
    private Rest rest;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            String key = exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath();
            String[] answer = answers.getOrDefault(key, new String[] {"404",
                    "{\"type\":\"error\",\"error_code\":404,\"error\":\"not found\",\"metadata\":null}"});
            byte[] body = answer[1].getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(Integer.parseInt(answer[0]), body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        rest = restOn(server);
    }

    /** A {@link Rest} that talks plain HTTP to a started loopback server playing incusd. */
    static Rest restOn(HttpServer server) {
        String base = "http://127.0.0.1:" + server.getAddress().getPort();
        IncusConfig config = new IncusConfig(new IncusConfig.Endpoint.Https(URI.create(base), null, null, "", null),
                Duration.ofSeconds(5), Duration.ofSeconds(5));
        return new Rest(new OkHttpClient(), Json.mapperOnFirstUse(), base, null, config);
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private void answer(String request, int status, String json) {
        answers.put(request, new String[] {String.valueOf(status), json});
    }

    @Test
    void syncEnvelopeGivesItsMetadata() {
        answer("GET /1.0/instances/web", 200, """
                {"type":"sync","status":"Success","status_code":200,"operation":"","error_code":0,"error":"",
                 "metadata":{"name":"web","project":"lab","status":"Running","status_code":103,
                   "created_at":"2026-11-24T05:07:12.25Z","last_used_at":"0001-01-01T00:00:00Z",
                   "config":{"limits.cpu":"2"},"expanded_devices":{"eth0":{"type":"nic","network":"br"}},
                   "some_future_field":{"x":1}}}""");
        Instance i = rest.get("/1.0/instances/web", Query.project("lab"), Instance.class);
        assertEquals("web", i.name());
        assertEquals(103, i.statusCode());
        assertEquals(Instant.parse("2026-11-24T05:07:12.25Z"), i.createdAt());
        assertNull(i.lastUsedAt(), "the zero time means never");
        assertEquals("br", i.expandedDevices().get("eth0").get("network"));
    }

    @Test
    void errorEnvelopeBecomesIncusExceptionNamingTheRequest() {
        answer("GET /1.0/instances/nope", 404, """
                {"type":"error","status":"","status_code":0,"operation":"","error_code":404,
                 "error":"Failed to fetch instance \\"nope\\" in project \\"lab\\": Instance not found","metadata":null}""");
        IncusException e = assertThrows(IncusException.class, () -> rest.get("/1.0/instances/nope", Query.project("lab")));
        assertEquals(404, e.status());
        assertEquals("GET /1.0/instances/nope?project=lab", e.request());
        assertEquals("GET /1.0/instances/nope?project=lab failed (404): Failed to fetch instance \"nope\" in project "
                + "\"lab\": Instance not found", e.getMessage());
    }

    @Test
    void validationErrorsSentAs500KeepIncusText() {
        answer("PATCH /1.0/instances/web", 500, """
                {"type":"error","error_code":500,"error":"Invalid config: Schedule must be of the form","metadata":null}""");
        IncusException e = assertThrows(IncusException.class, () -> rest.call("PATCH", "/1.0/instances/web", Query.of(), Map.of()));
        assertEquals(500, e.status());
        assertTrue(e.getMessage().endsWith("Invalid config: Schedule must be of the form"));
    }

    @Test
    void anAnswerThatIsNotJsonIsReportedAsSuch() {
        answer("GET /1.0", 502, "<html>bad gateway</html>");
        IncusException e = assertThrows(IncusException.class, () -> rest.get("/1.0", Query.of()));
        assertTrue(e.getMessage().contains("not an Incus answer: <html>bad gateway</html>"), e.getMessage());
    }

    private static final String ASYNC = """
            {"type":"async","status":"Operation created","status_code":100,"operation":"/1.0/operations/op1",
             "metadata":{"id":"op1","class":"task","description":"Stopping instance","status":"Running","status_code":103}}""";

    @Test
    void asyncOperationSucceedsThroughWait() {
        answer("PUT /1.0/instances/web/state", 202, ASYNC);
        answer("GET /1.0/operations/op1/wait", 200, """
                {"type":"sync","status":"Success","status_code":200,"metadata":{"id":"op1","class":"task",
                 "status":"Success","status_code":200,"metadata":{"return":0}}}""");
        OperationHandle op = rest.async("PUT", "/1.0/instances/web/state", Query.of(), Map.of("action", "stop"));
        assertEquals("op1", op.id());
        assertEquals("task", op.initial().opClass());
        Operation done = op.await(Duration.ofSeconds(3));
        assertEquals("Success", done.status());
        assertEquals(0, ((Number) done.metadata().get("return")).intValue());
    }

    @Test
    void failedOperationInsideA200WaitIsAnError() {
        answer("PUT /1.0/instances/web/state", 202, ASYNC);
        answer("GET /1.0/operations/op1/wait", 200, """
                {"type":"error","status":"","status_code":0,"error_code":400,"error":"The instance is already stopped"}""");
        OperationHandle op = rest.async("PUT", "/1.0/instances/web/state", Query.of(), Map.of("action", "stop"));
        IncusException e = assertThrows(IncusException.class, op::await);
        assertEquals(400, e.status());
        assertTrue(e.getMessage().endsWith("The instance is already stopped"));
    }

    @Test
    void waitDeadlineIsATimeoutNotAFailure() {
        answer("PUT /1.0/instances/web/state", 202, ASYNC);
        answer("GET /1.0/operations/op1/wait", 200, """
                {"type":"error","error_code":500,"error":"context deadline exceeded"}""");
        OperationHandle op = rest.async("PUT", "/1.0/instances/web/state", Query.of(), Map.of("action", "stop"));
        IncusException e = assertThrows(IncusException.class, () -> op.await(Duration.ofSeconds(2)));
        assertEquals(408, e.status());
        assertTrue(e.getMessage().contains("Stopping instance") && e.getMessage().contains("within 2 s"), e.getMessage());
    }

    @Test
    void finishedOperationWithFailureStatusIsAnError() {
        answer("POST /1.0/instances/web/snapshots", 202, ASYNC);
        answer("GET /1.0/operations/op1/wait", 200, """
                {"type":"sync","metadata":{"id":"op1","status":"Failure","status_code":400,"err":"UNIQUE constraint failed"}}""");
        OperationHandle op = rest.async("POST", "/1.0/instances/web/snapshots", Query.of(), Map.of());
        IncusException e = assertThrows(IncusException.class, op::await);
        assertTrue(e.getMessage().contains("UNIQUE constraint failed"));
    }

    @Test
    void syncAnswerToAnAsyncCallIsAlreadyDone() {
        answer("PATCH /1.0/instances/web", 200, "{\"type\":\"sync\",\"status_code\":200,\"metadata\":{}}");
        assertEquals("Success", rest.async("PATCH", "/1.0/instances/web", Query.of(), Map.of()).await().status());
    }

    @Test
    void snapshotsMapSizeAndExpiry() {
        answer("GET /1.0/instances/web/snapshots", 200, """
                {"type":"sync","metadata":[{"name":"snap0","created_at":"2026-11-24T05:00:00Z",
                  "expires_at":"0001-01-01T00:00:00Z","stateful":false,"size":-1}]}""");
        Snapshot s = rest.get("/1.0/instances/web/snapshots", Query.of(), Snapshot[].class)[0];
        assertNull(s.expiresAt());
        assertEquals(-1, s.size());
    }

    @Test
    void defaultProjectIsNotSent() {
        assertEquals("", Query.project("default").encoded());
        assertEquals("", Query.project(null).encoded());
        assertEquals("?project=lab&recursion=1", Query.project("lab").with("recursion", 1).encoded());
        assertEquals("?filter=status+eq+Running", Query.of().with("filter", "status eq Running").encoded());
    }

    /** A recursion=1 list recorded from a real daemon (four instances). */
    private static String recordedList() throws IOException {
        try (java.io.InputStream in = RestTest.class.getResourceAsStream("instances-recursion1.json")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void streamedListIsTheRecordedListAsBound() throws IOException {
        answer("GET /1.0/instances", 200, recordedList());
        java.util.List<Instance> listed = new RestInstances(rest).listAllProjects(false);
        assertEquals(java.util.Arrays.asList(rest.get("/1.0/instances", Query.of(), Instance[].class)), listed);
        assertEquals(4, listed.size());

        java.util.List<Instance> handed = new java.util.ArrayList<>();
        java.util.List<Instance> streamed = new RestInstances(rest).listAllProjects(key -> true, handed::add);
        assertEquals(listed, streamed);
        assertEquals(listed, handed, "each instance, in order, as it is read");
    }

    @Test
    void aListReadForSomeConfigKeysLeavesOnlyTheOthersOut() throws IOException {
        answer("GET /1.0/instances", 200, recordedList());
        java.util.List<Instance> all = new RestInstances(rest).listAllProjects(false);
        java.util.function.Predicate<String> anklume = key -> key.startsWith("user.anklume.");
        java.util.List<Instance> lean = new RestInstances(rest).listAllProjects(anklume, i -> { });

        assertEquals(all.size(), lean.size());
        for (int n = 0; n < all.size(); n++) {
            Instance full = all.get(n);
            Instance kept = lean.get(n);
            java.util.Map<String, String> expected = new java.util.LinkedHashMap<>(full.expandedConfig());
            expected.keySet().removeIf(anklume.negate());
            assertEquals(expected, kept.expandedConfig());
            assertTrue(kept.config().keySet().stream().allMatch(anklume));
            // Everything but the config is read as ever.
            assertEquals(new Instance(full.name(), full.project(), full.type(), full.status(), full.statusCode(),
                    full.location(), full.description(), kept.config(), full.devices(), full.profiles(), full.ephemeral(),
                    full.stateful(), full.createdAt(), full.lastUsedAt(), kept.expandedConfig(), full.expandedDevices(),
                    full.state(), full.snapshots()), kept);
        }
        assertTrue(lean.stream().anyMatch(i -> "true".equals(i.expandedConfig().get("user.anklume.managed"))));
    }

    @Test
    void streamedListErrorsAreIncusErrors() {
        answer("GET /1.0/instances", 403, """
                {"type":"error","status":"","status_code":0,"operation":"","error_code":403,"error":"not authorized","metadata":null}""");
        IncusException e = assertThrows(IncusException.class, () -> new RestInstances(rest).list("lab", false));
        assertEquals(403, e.status());
        assertEquals("GET /1.0/instances?project=lab&recursion=1 failed (403): not authorized", e.getMessage());

        answer("GET /1.0/instances", 200, "{\"type\":\"error\",\"error_code\":500,\"error\":\"broken\",\"metadata\":[]}");
        assertEquals(500, assertThrows(IncusException.class, () -> new RestInstances(rest).list("lab", false)).status());

        answer("GET /1.0/instances", 200, "<html>bad gateway</html>");
        e = assertThrows(IncusException.class, () -> new RestInstances(rest).list("lab", false));
        assertTrue(e.getMessage().contains("not an Incus answer"), e.getMessage());

        answer("GET /1.0/instances", 200, "{\"type\":\"sync\",\"metadata\":null}");
        assertEquals(java.util.List.of(), new RestInstances(rest).list("lab", false));
    }
}
