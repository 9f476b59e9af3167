package io.anklume.incus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.anklume.incus.model.NetworkLease;
import io.anklume.incus.model.ServerInfo;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.Test;

/**
 * The start-up answers read token by token give the records of the databind mapping they replace, and
 * the requests a first frame waits for (instance list, leases, server info) never touch the mapper.
 */
class StartupReadersTest {
    private static final String LEASES = """
            [{"hostname":"c60","hwaddr":"10:66:6a:ff:c1:99","address":"10.213.1.140","type":"dynamic","location":"none"},
             {"hostname":"anklumebr0.gw","hwaddr":"","address":"10.231.0.1","type":"gateway","location":"",
              "future":{"nested":[1,2]}},
             {"hostname":"c7","address":"fd42::7","type":"static","project":"p1"},
             {"hostname":"n1","hwaddr":null,"address":"10.0.0.9","type":"dynamic","location":"m1"}]""";

    private final ObjectMapper mapper = Json.mapper();

    private static byte[] resource(String name) throws IOException {
        try (InputStream in = StartupReadersTest.class.getResourceAsStream(name)) {
            return in.readAllBytes();
        }
    }

    private static <T> T streamed(String json, Rest.MetadataReader<T> reader) throws IOException {
        try (JsonParser p = new JsonFactory().createParser(json)) {
            p.nextToken();
            return reader.read(p);
        }
    }

    @Test
    void leasesReadAsTheDatabindMappingDoes() throws IOException {
        List<NetworkLease> bound = Arrays.asList(mapper.readValue(LEASES, NetworkLease[].class));
        assertEquals(4, bound.size());
        assertEquals(bound, streamed(LEASES, StartupReaders::leases));
        assertEquals(List.of(), streamed("null", StartupReaders::leases));
        assertEquals(List.of(), streamed("[]", StartupReaders::leases));
    }

    @Test
    void aLeaseListThatIsNotOneIsAnError() {
        assertThrows(JsonParseException.class, () -> streamed("{\"hostname\":\"c1\"}", StartupReaders::leases));
        assertThrows(JsonParseException.class, () -> streamed("[{\"hostname\":{\"a\":1}}]", StartupReaders::leases));
    }

    @Test
    void recordedServerInfoReadsAsTheTreeDid() throws IOException {
        JsonNode m = mapper.readTree(resource("server-info.json")).get("metadata");
        List<String> extensions = new ArrayList<>();
        m.path("api_extensions").forEach(e -> extensions.add(e.asText()));
        ServerInfo fromTree = new ServerInfo(extensions, m.path("auth").asText(""),
                m.path("environment").path("server_version").asText(""),
                m.path("environment").path("server_clustered").asBoolean(false));
        assertEquals(6, fromTree.apiExtensions().size());
        assertEquals(fromTree, streamed(m.toString(), StartupReaders::serverInfo));
        assertEquals(new ServerInfo(List.of(), "", "7.0", true),
                streamed("{\"environment\":{\"server_version\":\"7.0\",\"server_clustered\":true}}", StartupReaders::serverInfo));
    }

    @Test
    void theStartUpRequestsNeverWaitForTheMapper() throws IOException {
        byte[] instances = resource("instances-recursion1.json");
        byte[] info = resource("server-info.json");
        byte[] leases = ("{\"type\":\"sync\",\"status_code\":200,\"metadata\":" + LEASES + "}").getBytes(StandardCharsets.UTF_8);
        Map<String, byte[]> answers = Map.of("/1.0/instances", instances, "/1.0", info, "/1.0/networks/br1/leases", leases);
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            byte[] body = answers.get(exchange.getRequestURI().getPath());
            exchange.sendResponseHeaders(body == null ? 404 : 200, body == null ? -1 : body.length);
            if (body != null) {
                exchange.getResponseBody().write(body);
            }
            exchange.close();
        });
        server.start();
        try {
            String base = "http://127.0.0.1:" + server.getAddress().getPort();
            IncusConfig config = new IncusConfig(new IncusConfig.Endpoint.Https(URI.create(base), null, null, "", null),
                    Duration.ofSeconds(5), Duration.ofSeconds(5));
            Rest rest = new Rest(new OkHttpClient(), () -> {
                throw new AssertionError("the databind mapper was asked for on the start-up path");
            }, base, null, config);
            assertEquals(4, new RestInstances(rest).listAllProjects(false).size());
            assertEquals(4, new RestNetworks(rest).leases("p1", "br1").size());
            assertEquals("trusted", new RestServer(rest).info().auth());
        } finally {
            server.stop(0);
        }
    }
}
