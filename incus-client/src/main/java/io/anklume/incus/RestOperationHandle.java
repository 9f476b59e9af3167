package io.anklume.incus;

import com.fasterxml.jackson.databind.JsonNode;
import io.anklume.incus.model.Operation;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;

/**
 * Waits with {@code /wait?timeout=N}. Incus answers that call with HTTP 200 even when the operation
 * failed or the wait timed out, so the outcome is read from the body, never the status.
 */
final class RestOperationHandle implements OperationHandle {
    private final Rest rest;
    private final String url;
    private final String id;
    private final Operation initial;
    private final String requestText;

    RestOperationHandle(Rest rest, String url, Operation initial, String requestText) {
        this.rest = rest;
        this.url = url;
        this.id = initial != null ? initial.id() : url.substring(url.lastIndexOf('/') + 1);
        this.initial = initial;
        this.requestText = requestText;
    }

    static OperationHandle completed(Rest rest, Envelope envelope, String requestText) {
        Operation done = new Operation("", "task", requestText, "Success", 200, Map.of(),
                envelope.metadata() != null && envelope.metadata().isObject()
                        ? rest.json().convertValue(envelope.metadata(), Map.class) : Map.of(),
                false, "", null, null, "none");
        return new OperationHandle() {
            public String id() { return ""; }
            public Operation initial() { return done; }
            public Operation await() { return done; }
            public Operation await(Duration timeout) { return done; }
            public Operation refresh() { return done; }
            public void cancel() {
                throw new IncusException(400, "this request finished at once and cannot be cancelled", requestText);
            }
        };
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public Operation initial() {
        return initial;
    }

    @Override
    public Operation await() {
        return await(rest.operationTimeout());
    }

    @Override
    public Operation await(Duration timeout) {
        long seconds = Math.max(1, (timeout.toMillis() + 999) / 1000);
        String path = "/1.0/operations/" + id + "/wait";
        Query query = Query.of().with("timeout", seconds);
        // The wait itself may take as long as the operation: give the HTTP call room beyond it.
        OkHttpClient waiting = rest.http().newBuilder()
                .callTimeout(seconds + 30, TimeUnit.SECONDS)
                .readTimeout(seconds + 30, TimeUnit.SECONDS)
                .build();
        Request request = rest.request("GET", path, query, null, null, null);
        JsonNode root;
        try (Response response = rest.execute(waiting, request)) {
            String text = response.body() == null ? "" : response.body().string();
            root = rest.json().readTree(text);
        } catch (java.io.IOException e) {
            throw rest.transportError(request, e);
        }
        Envelope envelope = Envelope.parse(root);
        if (envelope.isError()) {
            String error = envelope.error();
            if (error.contains("context deadline exceeded")) {
                throw new IncusException(408, "operation " + id + " (" + describe() + ") did not finish within "
                        + seconds + " s", requestText);
            }
            if (envelope.errorCode() == 404) {
                // Finished operations vanish after ~5 s; without a record we cannot tell the outcome.
                throw new IncusException(404, "operation " + id + " is gone: " + error, requestText);
            }
            throw new IncusException(envelope.errorCode(), error, requestText);
        }
        Operation op = Json.convert(rest.json(), envelope.metadata(), Operation.class);
        return checkFinal(op);
    }

    private Operation checkFinal(Operation op) {
        if (op == null) {
            throw new IncusException(500, "empty answer while waiting for operation " + id, requestText);
        }
        if (op.isFinal() && !op.succeeded()) {
            String err = op.err() == null || op.err().isEmpty() ? op.status() : op.err();
            throw new IncusException(op.statusCode(), err, requestText);
        }
        return op;
    }

    private String describe() {
        return initial != null && initial.description() != null ? initial.description() : requestText;
    }

    @Override
    public Operation refresh() {
        return rest.get("/1.0/operations/" + id, Query.of(), Operation.class);
    }

    @Override
    public void cancel() {
        rest.call("DELETE", "/1.0/operations/" + id, Query.of(), null);
    }

    List<String> resources(String kind) {
        return initial == null || initial.resources() == null ? List.of() : initial.resources().getOrDefault(kind, List.of());
    }
}
