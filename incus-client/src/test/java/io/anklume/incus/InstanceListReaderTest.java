package io.anklume.incus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.anklume.incus.model.Instance;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The streamed instance list gives exactly the records of the databind mapping it replaces. */
class InstanceListReaderTest {
    private final ObjectMapper mapper = Json.mapper();

    /** A real {@code GET /1.0/instances?all-projects=true&recursion=1} of the lab, trimmed to four instances. */
    private static byte[] recorded() throws IOException {
        try (InputStream in = InstanceListReaderTest.class.getResourceAsStream("instances-recursion1.json")) {
            return in.readAllBytes();
        }
    }

    private List<Instance> bound(byte[] envelope) throws IOException {
        return Arrays.asList(Json.convert(mapper, mapper.readTree(envelope).get("metadata"), Instance[].class));
    }

    private static List<Instance> streamed(byte[] metadata) throws IOException {
        try (JsonParser p = new JsonFactory().createParser(metadata)) {
            p.nextToken();
            return InstanceListReader.read(p);
        }
    }

    private static byte[] metadataOf(byte[] envelope) throws IOException {
        return new ObjectMapper().readTree(envelope).get("metadata").toString().getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void recordedListReadsAsTheDatabindMappingDoes() throws IOException {
        byte[] envelope = recorded();
        List<Instance> expected = bound(envelope);
        assertEquals(4, expected.size());
        assertEquals(expected, streamed(metadataOf(envelope)));
    }

    @Test
    void oddValuesReadAsTheDatabindMappingDoes() throws IOException {
        String list = """
                [{"name":"a","project":"p","status_code":"103","ephemeral":null,"stateful":true,
                  "config":null,"devices":{"d":null,"n":{"type":"nic","mtu":1500,"x":null}},"profiles":null,
                  "created_at":"0001-01-01T00:00:00Z","last_used_at":"2026-11-24T05:07:12.25+01:00",
                  "future":{"x":[1,{"y":2}]},"state":null,"snapshots":null,"description":"caf\\u00e9"},
                 {}]""";
        byte[] envelope = ("{\"type\":\"sync\",\"metadata\":" + list + "}").getBytes(StandardCharsets.UTF_8);
        List<Instance> read = streamed(list.getBytes(StandardCharsets.UTF_8));
        assertEquals(bound(envelope), read);
        assertEquals("1500", read.get(0).devices().get("n").get("mtu"));
        assertNull(read.get(0).createdAt(), "the zero time means never");
    }

    @Test
    void nullListIsEmpty() throws IOException {
        assertEquals(List.of(), streamed("null".getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void objectWhereAStringBelongsIsRefused() {
        assertThrows(JsonParseException.class, () -> streamed("[{\"name\":{\"a\":1}}]".getBytes(StandardCharsets.UTF_8)));
        assertThrows(JsonParseException.class, () -> streamed("{\"name\":\"a\"}".getBytes(StandardCharsets.UTF_8)));
    }
}
