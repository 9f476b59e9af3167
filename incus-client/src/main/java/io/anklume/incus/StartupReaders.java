package io.anklume.incus;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.anklume.incus.model.NetworkLease;
import io.anklume.incus.model.ServerInfo;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the other answers a screen waits for at start-up, next to the instance list
 * ({@link InstanceListReader}), token by token: a bridge's leases and {@code GET /1.0}. With them
 * nothing before the first frame needs the databind mapper, whose cold set-up and first record
 * deserializers cost tens of milliseconds each. Same records as the databind mapping: unknown fields
 * skipped, missing ones null.
 */
final class StartupReaders {
    private static final String WHERE = "an Incus answer";

    private StartupReaders() {}

    /** {@code GET /1.0/networks/NAME/leases}: the parser is on the list's START_ARRAY (or its null). */
    static List<NetworkLease> leases(JsonParser p) throws IOException {
        if (p.currentToken() == JsonToken.VALUE_NULL) {
            return List.of();
        }
        expect(p, JsonToken.START_ARRAY);
        List<NetworkLease> out = new ArrayList<>();
        while (p.nextToken() != JsonToken.END_ARRAY) {
            expect(p, JsonToken.START_OBJECT);
            String hostname = null;
            String hwaddr = null;
            String address = null;
            String type = null;
            String location = null;
            String field;
            while ((field = p.nextFieldName()) != null) {
                p.nextToken();
                switch (field) {
                    case "hostname" -> hostname = text(p);
                    case "hwaddr" -> hwaddr = text(p);
                    case "address" -> address = text(p);
                    case "type" -> type = text(p);
                    case "location" -> location = text(p);
                    default -> p.skipChildren();
                }
            }
            out.add(new NetworkLease(hostname, hwaddr, address, type, location));
        }
        return out;
    }

    /** {@code GET /1.0}: the parser is on the metadata's START_OBJECT. */
    static ServerInfo serverInfo(JsonParser p) throws IOException {
        List<String> extensions = new ArrayList<>();
        String auth = "";
        String version = "";
        boolean clustered = false;
        if (p.currentToken() != JsonToken.START_OBJECT) {
            p.skipChildren();
            return new ServerInfo(extensions, auth, version, clustered);
        }
        String field;
        while ((field = p.nextFieldName()) != null) {
            p.nextToken();
            switch (field) {
                case "api_extensions" -> {
                    if (p.currentToken() == JsonToken.START_ARRAY) {
                        while (p.nextToken() != JsonToken.END_ARRAY) {
                            extensions.add(p.currentToken().isScalarValue() ? p.getValueAsString("") : skipped(p));
                        }
                    } else {
                        p.skipChildren();
                    }
                }
                case "auth" -> auth = p.currentToken().isScalarValue() ? p.getValueAsString("") : skipped(p);
                case "environment" -> {
                    if (p.currentToken() != JsonToken.START_OBJECT) {
                        p.skipChildren();
                        continue;
                    }
                    String key;
                    while ((key = p.nextFieldName()) != null) {
                        p.nextToken();
                        switch (key) {
                            case "server_version" -> version = p.currentToken().isScalarValue() ? p.getValueAsString("") : skipped(p);
                            case "server_clustered" -> clustered = p.getValueAsBoolean(false);
                            default -> p.skipChildren();
                        }
                    }
                }
                default -> p.skipChildren();
            }
        }
        return new ServerInfo(extensions, auth, version, clustered);
    }

    /** A structure where a scalar belongs reads as "" (as JsonNode.asText() does), skipped. */
    private static String skipped(JsonParser p) throws IOException {
        p.skipChildren();
        return "";
    }

    private static String text(JsonParser p) throws IOException {
        return JsonTokens.text(p, WHERE);
    }

    private static void expect(JsonParser p, JsonToken token) throws IOException {
        JsonTokens.expect(p, token, WHERE);
    }
}
