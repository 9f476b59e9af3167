package io.anklume.incus;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Incus's response envelope: {@code type} is sync, async or error. Errors carry the HTTP status in
 * {@code error_code} (status_code is 0 then).
 */
record Envelope(String type, int statusCode, int errorCode, String error, String operation, JsonNode metadata) {

    static Envelope parse(JsonNode root) {
        return new Envelope(
                root.path("type").asText(""),
                root.path("status_code").asInt(0),
                root.path("error_code").asInt(0),
                root.path("error").asText(""),
                root.path("operation").asText(""),
                root.get("metadata"));
    }

    boolean isError() {
        return "error".equals(type);
    }

    boolean isAsync() {
        return "async".equals(type);
    }
}
