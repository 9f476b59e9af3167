package io.anklume.incus;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.anklume.incus.model.Instance;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * Reads a {@code recursion=1} instance list token by token into {@link Instance} records: the same
 * records as the databind mapping of {@link Json#mapper()} (unknown fields skipped, zero times as null,
 * {@code state} and {@code snapshots} null as recursion=1 never sends them), without building the JSON
 * tree and the record deserializers first. Cold, at start-up, that binding of a few hundred instances
 * costs several hundred milliseconds before the first useful screen.
 */
final class InstanceListReader {
    private static final String WHERE = "an Incus instance list";

    private InstanceListReader() {}

    /** The parser is on the list's START_ARRAY (or its null); leaves it on the matching END_ARRAY. */
    static List<Instance> read(JsonParser p) throws IOException {
        return read(p, key -> true, i -> { });
    }

    /**
     * As {@link #read(JsonParser)}, with only the config keys {@code configKeys} accepts (the values of
     * the others are skipped without being decoded), handing each instance to {@code eachRead} as soon as
     * it is read.
     */
    static List<Instance> read(JsonParser p, Predicate<String> configKeys, Consumer<? super Instance> eachRead)
            throws IOException {
        if (p.currentToken() == JsonToken.VALUE_NULL) {
            return List.of();
        }
        expect(p, JsonToken.START_ARRAY);
        List<Instance> out = new ArrayList<>();
        while (p.nextToken() != JsonToken.END_ARRAY) {
            Instance read = instance(p, configKeys);
            out.add(read);
            eachRead.accept(read);
        }
        return out;
    }

    private static Instance instance(JsonParser p, Predicate<String> configKeys) throws IOException {
        expect(p, JsonToken.START_OBJECT);
        String name = null;
        String project = null;
        String type = null;
        String status = null;
        int statusCode = 0;
        String location = null;
        String description = null;
        Map<String, String> config = null;
        Map<String, Map<String, String>> devices = null;
        List<String> profiles = null;
        boolean ephemeral = false;
        boolean stateful = false;
        Instant createdAt = null;
        Instant lastUsedAt = null;
        Map<String, String> expandedConfig = null;
        Map<String, Map<String, String>> expandedDevices = null;
        String field;
        while ((field = p.nextFieldName()) != null) {
            p.nextToken();
            switch (field) {
                case "name" -> name = text(p);
                case "project" -> project = text(p);
                case "type" -> type = text(p);
                case "status" -> status = text(p);
                case "status_code" -> statusCode = scalar(p).getValueAsInt(0);
                case "location" -> location = text(p);
                case "description" -> description = text(p);
                case "config" -> config = strings(p, configKeys);
                case "devices" -> devices = devices(p);
                case "profiles" -> profiles = list(p);
                case "ephemeral" -> ephemeral = scalar(p).getValueAsBoolean(false);
                case "stateful" -> stateful = scalar(p).getValueAsBoolean(false);
                case "created_at" -> createdAt = Json.parseTime(text(p));
                case "last_used_at" -> lastUsedAt = Json.parseTime(text(p));
                case "expanded_config" -> expandedConfig = strings(p, configKeys);
                case "expanded_devices" -> expandedDevices = devices(p);
                default -> p.skipChildren();
            }
        }
        return new Instance(name, project, type, status, statusCode, location, description, config, devices,
                profiles, ephemeral, stateful, createdAt, lastUsedAt, expandedConfig, expandedDevices, null, null);
    }

    private static Map<String, String> strings(JsonParser p) throws IOException {
        return strings(p, key -> true);
    }

    private static Map<String, String> strings(JsonParser p, Predicate<String> keys) throws IOException {
        if (p.currentToken() == JsonToken.VALUE_NULL) {
            return null;
        }
        expect(p, JsonToken.START_OBJECT);
        Map<String, String> out = new LinkedHashMap<>();
        String key;
        while ((key = p.nextFieldName()) != null) {
            p.nextToken();
            if (keys.test(key)) {
                out.put(key, text(p));
            } else {
                p.skipChildren(); // a string's text is only decoded when asked for
            }
        }
        return out;
    }

    private static Map<String, Map<String, String>> devices(JsonParser p) throws IOException {
        if (p.currentToken() == JsonToken.VALUE_NULL) {
            return null;
        }
        expect(p, JsonToken.START_OBJECT);
        Map<String, Map<String, String>> out = new LinkedHashMap<>();
        String key;
        while ((key = p.nextFieldName()) != null) {
            p.nextToken();
            out.put(key, strings(p));
        }
        return out;
    }

    private static List<String> list(JsonParser p) throws IOException {
        if (p.currentToken() == JsonToken.VALUE_NULL) {
            return null;
        }
        expect(p, JsonToken.START_ARRAY);
        List<String> out = new ArrayList<>();
        while (p.nextToken() != JsonToken.END_ARRAY) {
            out.add(text(p));
        }
        return out;
    }

    private static String text(JsonParser p) throws IOException {
        return JsonTokens.text(p, WHERE);
    }

    private static JsonParser scalar(JsonParser p) throws IOException {
        return JsonTokens.scalar(p, WHERE);
    }

    private static void expect(JsonParser p, JsonToken token) throws IOException {
        JsonTokens.expect(p, token, WHERE);
    }
}
