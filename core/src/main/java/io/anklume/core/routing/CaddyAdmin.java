package io.anklume.core.routing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.NullNode;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/**
 * A small client of Caddy's admin API ({@code /config/...} and {@code /id/...}). It only talks to
 * loopback: the admin API can rewrite every route of the host, so a remote address is refused here
 * and not only by the validator.
 */
public final class CaddyAdmin {
    private static final MediaType JSON_TYPE = MediaType.get("application/json");

    /** How long a read may take. */
    static final Duration READ_TIMEOUT = Duration.ofSeconds(10);
    /**
     * How long a change may take: Caddy answers once it has applied it, and applying a TLS change
     * (its internal CA, the trust store) took more than 10 s on a busy 2-core machine.
     */
    static final Duration CHANGE_TIMEOUT = Duration.ofSeconds(60);

    private final HttpUrl base;
    private final OkHttpClient http;
    private final OkHttpClient changes;
    private final ObjectMapper json;

    public CaddyAdmin(String adminUrl, ObjectMapper json) {
        this(adminUrl, json, READ_TIMEOUT, CHANGE_TIMEOUT);
    }

    CaddyAdmin(String adminUrl, ObjectMapper json, Duration readTimeout, Duration changeTimeout) {
        URI uri = URI.create(adminUrl);
        if (uri.getHost() == null || !isLoopback(uri.getHost())) {
            throw new IllegalArgumentException("the Caddy admin API must be on loopback, got " + adminUrl);
        }
        HttpUrl parsed = HttpUrl.parse(adminUrl);
        if (parsed == null) {
            throw new IllegalArgumentException("not an http URL: " + adminUrl);
        }
        this.base = parsed;
        this.json = json;
        // No pooled connections: Caddy reloads its config after every change and closes idle admin
        // connections, so a reused one fails with "unexpected end of stream". Loopback connects are cheap.
        this.http = new OkHttpClient.Builder().connectTimeout(Duration.ofSeconds(2)).readTimeout(readTimeout)
                .connectionPool(new okhttp3.ConnectionPool(0, 1, java.util.concurrent.TimeUnit.SECONDS))
                .retryOnConnectionFailure(false).build();
        this.changes = http.newBuilder().readTimeout(changeTimeout).build();
    }

    /** host:port of the admin API, as Caddy's {@code admin.listen} names it. */
    public String listenAddress() {
        String host = base.host().contains(":") ? "[" + base.host() + "]" : base.host();
        return host + ":" + base.port();
    }

    static boolean isLoopback(String host) {
        return host.equals("localhost") || host.matches("^127(\\.\\d{1,3}){3}$") || host.equals("[::1]")
                || host.equals("::1");
    }

    /** The value at {@code path} (e.g. {@code /config/apps/http}); empty when Caddy has nothing there. */
    public Optional<JsonNode> get(String path) {
        JsonNode node = send("GET", path, null);
        return node == null || node instanceof NullNode ? Optional.empty() : Optional.of(node);
    }

    /** Appends to the array at {@code path}. */
    public void post(String path, JsonNode value) {
        send("POST", path, value);
    }

    /** Creates the value at {@code path} (a missing key, or an insertion into an array). */
    public void put(String path, JsonNode value) {
        send("PUT", path, value);
    }

    /** Replaces the existing value at {@code path} in one step (no window without it). */
    public void patch(String path, JsonNode value) {
        send("PATCH", path, value);
    }

    public void delete(String path) {
        send("DELETE", path, null);
    }

    /** Replaces the whole configuration (used only when Caddy has none at all). */
    public void load(JsonNode config) {
        send("POST", "/load", config);
    }

    private JsonNode send(String method, String path, JsonNode body) {
        HttpUrl url = base.newBuilder().encodedPath(path).build();
        RequestBody requestBody = null;
        if (body != null) {
            try {
                requestBody = RequestBody.create(json.writeValueAsBytes(body), JSON_TYPE);
            } catch (IOException e) {
                throw new CaddyException("cannot encode the request to Caddy: " + e.getMessage(), e);
            }
        } else if (!method.equals("GET") && !method.equals("DELETE")) {
            requestBody = RequestBody.create(new byte[0], JSON_TYPE);
        }
        // The admin API refuses requests whose Origin it does not expect; loopback without one is fine.
        Request request = new Request.Builder().url(url).method(method, requestBody).header("Connection", "close")
                .build();
        OkHttpClient client = method.equals("GET") ? http : changes;
        try (Response response = client.newCall(request).execute()) {
            String text = response.body() == null ? "" : response.body().string();
            if (!response.isSuccessful()) {
                throw new CaddyException(response.code(), "Caddy " + method + " " + path + ": " + response.code()
                        + " " + errorText(text));
            }
            return text.isBlank() ? null : json.readTree(text);
        } catch (IOException e) {
            throw new CaddyException("Caddy admin API at " + base + " cannot be reached (" + e.getMessage()
                    + "); is caddy running?", e);
        }
    }

    private String errorText(String body) {
        try {
            JsonNode n = json.readTree(body);
            if (n != null && n.hasNonNull("error")) {
                return n.get("error").asText();
            }
        } catch (IOException ignored) {
            // Not JSON: show it as it is.
        }
        return body.strip();
    }
}
