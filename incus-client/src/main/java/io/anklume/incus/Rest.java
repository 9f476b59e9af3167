package io.anklume.incus;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.anklume.incus.model.Tagged;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.function.Supplier;
import okhttp3.Headers;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;
import okhttp3.WebSocket;
import okhttp3.WebSocketListener;

/**
 * Sends requests to Incus and maps every failure to {@link IncusException}: transport errors,
 * HTTP errors and error envelopes are all turned into messages here and nowhere else.
 */
final class Rest {
    private static final MediaType JSON = MediaType.get("application/json");
    static final MediaType OCTETS = MediaType.get("application/octet-stream");

    private final OkHttpClient http;
    private final Supplier<ObjectMapper> json;
    /** Streams answers read token by token ({@link #getStreamed}); needs no databind setup. */
    private final JsonFactory streams = new JsonFactory();
    private final String baseUrl;
    private final String target;
    private final IncusConfig config;

    Rest(OkHttpClient http, Supplier<ObjectMapper> json, String baseUrl, String target, IncusConfig config) {
        this.http = http;
        this.json = json;
        this.baseUrl = baseUrl;
        this.target = target;
        this.config = config;
    }

    /** Sets the mapper up on first use ({@link Json#mapperOnFirstUse()}). */
    ObjectMapper json() {
        return json.get();
    }

    Duration operationTimeout() {
        return config.operationTimeout();
    }

    OkHttpClient http() {
        return http;
    }

    /** A sync request; returns the envelope's metadata. */
    JsonNode call(String method, String path, Query query, Object body) {
        return send(method, path, query, body, null).metadata();
    }

    JsonNode get(String path, Query query) {
        return call("GET", path, query, null);
    }

    <T> T get(String path, Query query, Class<T> type) {
        return Json.convert(json(), get(path, query), type);
    }

    /** Reads an envelope's metadata from the parser, which is on its first token. */
    @FunctionalInterface
    interface MetadataReader<T> {
        T read(JsonParser parser) throws IOException;
    }

    /**
     * A sync GET whose metadata {@code reader} reads as the answer streams in, without a JSON tree or
     * databind; failures map to {@link IncusException} as for {@link #get(String, Query, Class)}.
     */
    <T> T getStreamed(String path, Query query, MetadataReader<T> reader) {
        Request request = request("GET", path, query, null, null, null);
        try (Response response = execute(request)) {
            ResponseBody body = response.body();
            if (!response.isSuccessful() || body == null) {
                envelope(request, response); // throws the error envelope's message
                throw new IncusException(response.code(), "empty answer", describe(request));
            }
            try (JsonParser p = streams.createParser(body.byteStream())) {
                return streamedMetadata(p, reader, response, describe(request));
            } catch (JsonProcessingException e) {
                throw new IncusException(response.code(), "not an Incus answer: " + e.getOriginalMessage(),
                        describe(request));
            } catch (IOException e) {
                throw transportError(request, e);
            }
        }
    }

    private static <T> T streamedMetadata(JsonParser p, MetadataReader<T> reader, Response response,
                                          String requestText) throws IOException {
        if (p.nextToken() != JsonToken.START_OBJECT) {
            throw new com.fasterxml.jackson.core.JsonParseException(p, "not a JSON object");
        }
        String type = "";
        String error = "";
        int errorCode = 0;
        T metadata = null;
        String field;
        while ((field = p.nextFieldName()) != null) {
            p.nextToken();
            switch (field) {
                case "type" -> type = p.getValueAsString("");
                case "error" -> error = p.getValueAsString("");
                case "error_code" -> errorCode = p.getValueAsInt(0);
                case "metadata" -> {
                    if ("error".equals(type)) {
                        p.skipChildren();
                    } else {
                        metadata = reader.read(p);
                    }
                }
                default -> p.skipChildren();
            }
        }
        if ("error".equals(type)) {
            throw new IncusException(errorCode != 0 ? errorCode : response.code(),
                    error.isEmpty() ? response.message() : error, requestText);
        }
        return metadata;
    }

    /** A single object, or empty when Incus answers 404. */
    <T> java.util.Optional<T> find(String path, Query query, Class<T> type) {
        try {
            return java.util.Optional.ofNullable(get(path, query, type));
        } catch (IncusException e) {
            if (e.isNotFound()) {
                return java.util.Optional.empty();
            }
            throw e;
        }
    }

    Tagged<JsonNode> getTagged(String path, Query query) {
        Request request = request("GET", path, query, null, null, null);
        try (Response response = execute(request)) {
            Envelope envelope = envelope(request, response);
            return new Tagged<>(envelope.metadata(), response.header("ETag"));
        }
    }

    /** A request that may answer async; the handle waits for the operation. */
    OperationHandle async(String method, String path, Query query, Object body) {
        return async(method, path, query, body, null);
    }

    OperationHandle async(String method, String path, Query query, Object body, String ifMatch) {
        Envelope envelope = send(method, path, query, body, ifMatch);
        return handleFor(envelope, describe(method, path, query));
    }

    OperationHandle asyncRaw(String path, Query query, RequestBody body, Headers headers) {
        Request request = request("POST", path, query, body, headers, null);
        try (Response response = execute(request)) {
            return handleFor(envelope(request, response), describe("POST", path, query));
        }
    }

    OperationHandle handleFor(Envelope envelope, String requestText) {
        if (!envelope.isAsync()) {
            return RestOperationHandle.completed(this, envelope, requestText);
        }
        return new RestOperationHandle(this, envelope.operation(), Json.convert(json(), envelope.metadata(),
                io.anklume.incus.model.Operation.class), requestText);
    }

    Envelope send(String method, String path, Query query, Object body, String ifMatch) {
        RequestBody requestBody = body == null ? null : RequestBody.create(toJson(body), JSON);
        Request request = request(method, path, query, requestBody, null, ifMatch);
        try (Response response = execute(request)) {
            return envelope(request, response);
        }
    }

    /** A raw body (octet-stream answers such as exec output, console logs, exports). */
    InputStream stream(String method, String path, Query query) {
        Request request = request(method, path, query, null, null, null);
        Response response = execute(request);
        if (!response.isSuccessful()) {
            try (response) {
                envelope(request, response);
            }
            throw new IncusException(response.code(), "unexpected answer", describe(method, path, query));
        }
        ResponseBody body = response.body();
        return body == null ? InputStream.nullInputStream() : body.byteStream();
    }

    String text(String method, String path, Query query) {
        Request request = request(method, path, query, null, null, null);
        try (Response response = execute(request)) {
            if (!response.isSuccessful()) {
                envelope(request, response);
            }
            ResponseBody body = response.body();
            String text = body == null ? "" : body.string();
            MediaType type = body == null ? null : body.contentType();
            // An empty JSON answer means "nothing new" for console logs.
            return type != null && "json".equals(type.subtype()) && text.isBlank() ? "" : text;
        } catch (IOException e) {
            throw transportError(request, e);
        }
    }

    WebSocket webSocket(String path, Query query, WebSocketListener listener) {
        String url = baseUrl.replaceFirst("^http", "ws") + path + withTarget(query).encoded();
        return http.newWebSocket(new Request.Builder().url(url).build(), listener);
    }

    Request request(String method, String path, Query query, RequestBody body, Headers headers, String ifMatch) {
        Request.Builder b = new Request.Builder().url(baseUrl + path + withTarget(query).encoded());
        if (headers != null) {
            b.headers(headers);
        }
        if (ifMatch != null) {
            b.header("If-Match", ifMatch);
        }
        if (body == null && ("POST".equals(method) || "PUT".equals(method) || "PATCH".equals(method))) {
            body = RequestBody.create(new byte[0], JSON);
        }
        return b.method(method, body).build();
    }

    Response execute(Request request) {
        return execute(http, request);
    }

    Response execute(OkHttpClient client, Request request) {
        try {
            return client.newCall(request).execute();
        } catch (IOException e) {
            throw transportError(request, e);
        }
    }

    Envelope envelope(Request request, Response response) {
        String text;
        try {
            ResponseBody body = response.body();
            text = body == null ? "" : body.string();
        } catch (IOException e) {
            throw transportError(request, e);
        }
        String requestText = describe(request);
        if (text.isBlank()) {
            if (response.isSuccessful()) {
                return new Envelope("sync", response.code(), 0, "", "", null);
            }
            throw new IncusException(response.code(), response.message(), requestText);
        }
        Envelope envelope;
        try {
            envelope = Envelope.parse(json().readTree(text));
        } catch (JsonProcessingException e) {
            throw new IncusException(response.code(), "not an Incus answer: " + abbreviate(text), requestText);
        }
        if (envelope.isError() || !response.isSuccessful()) {
            int status = envelope.errorCode() != 0 ? envelope.errorCode() : response.code();
            String error = envelope.error().isEmpty() ? response.message() : envelope.error();
            throw new IncusException(status, error, requestText);
        }
        return envelope;
    }

    IncusException transportError(Request request, IOException e) {
        String requestText = describe(request);
        if (config.endpoint() instanceof IncusConfig.Endpoint.UnixSocket unix) {
            Path socket = unix.path();
            if (!Files.exists(socket)) {
                return new IncusException(0, "no Incus socket at " + socket
                        + ": is incusd running? (set INCUS_SOCKET if it lives elsewhere)", requestText, e);
            }
            String reason = String.valueOf(e.getMessage());
            if (reason.contains("Permission denied") || reason.contains("EACCES")) {
                return new IncusException(0, "permission denied on " + socket
                        + ": run as root or as a member of the incus-admin group", requestText, e);
            }
            if (e instanceof ConnectException || reason.contains("Connection refused")) {
                return new IncusException(0, "Incus is not answering at " + socket
                        + " (connection refused): is incusd running?", requestText, e);
            }
            if (e instanceof SocketTimeoutException || reason.contains("timeout")) {
                return new IncusException(0, "Incus at " + socket + " did not answer within "
                        + config.callTimeout().toSeconds() + " s", requestText, e);
            }
            return new IncusException(0, "cannot talk to Incus at " + socket + ": " + reason, requestText, e);
        }
        return new IncusException(0, "cannot talk to Incus at " + baseUrl + ": " + e.getMessage(), requestText, e);
    }

    private Query withTarget(Query query) {
        return target == null ? query : query.with("target", target);
    }

    private byte[] toJson(Object body) {
        try {
            return json().writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot encode request body: " + e.getMessage(), e);
        }
    }

    static String describe(String method, String path, Query query) {
        return method + " " + path + query.encoded();
    }

    private static String describe(Request request) {
        String query = request.url().encodedQuery();
        return request.method() + " " + request.url().encodedPath() + (query == null ? "" : "?" + query);
    }

    private static String abbreviate(String text) {
        String t = text.strip();
        return t.length() > 200 ? t.substring(0, 200) + "…" : t;
    }

    static Map<String, Object> map(Object... keyValues) {
        java.util.LinkedHashMap<String, Object> m = new java.util.LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            if (keyValues[i + 1] != null) {
                m.put((String) keyValues[i], keyValues[i + 1]);
            }
        }
        return m;
    }
}
