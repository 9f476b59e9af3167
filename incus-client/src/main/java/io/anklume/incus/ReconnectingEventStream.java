package io.anklume.incus;

import io.anklume.incus.events.Event;
import io.anklume.incus.events.EventListener;
import io.anklume.incus.events.EventParser;
import io.anklume.incus.events.EventSubscription;
import java.time.Duration;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import okhttp3.Response;
import okhttp3.WebSocket;
import okhttp3.WebSocketListener;

/**
 * The {@code /1.0/events} websocket, reopened with exponential backoff (capped) whenever it closes or
 * fails, until the subscription is closed.
 */
final class ReconnectingEventStream implements EventSubscription {
    private static final Logger LOG = Logger.getLogger(ReconnectingEventStream.class.getName());
    static final Duration FIRST_RETRY = Duration.ofMillis(200);
    static final Duration MAX_RETRY = Duration.ofSeconds(5);

    private final Rest rest;
    private final ScheduledExecutorService scheduler;
    private final String types;
    private final EventListener listener;
    private final EventParser parser;
    private volatile boolean closed;
    private volatile boolean connected;
    private volatile WebSocket socket;
    private volatile Duration nextRetry = FIRST_RETRY;

    ReconnectingEventStream(Rest rest, ScheduledExecutorService scheduler, Set<String> types, EventListener listener) {
        this.rest = rest;
        this.scheduler = scheduler;
        this.types = String.join(",", new TreeSet<>(types));
        this.listener = listener;
        this.parser = new EventParser(rest::json);
    }

    void start() {
        open();
    }

    private void open() {
        if (closed) {
            return;
        }
        socket = rest.webSocket("/1.0/events",
                Query.of().with("type", types).with("all-projects", "true"), new Listener());
    }

    private final class Listener extends WebSocketListener {
        @Override
        public void onOpen(WebSocket webSocket, Response response) {
            connected = true;
            nextRetry = FIRST_RETRY;
            notifyConnection(true, "connected");
        }

        @Override
        public void onMessage(WebSocket webSocket, String text) {
            Event event;
            try {
                event = parser.parse(text);
            } catch (Exception e) {
                LOG.log(Level.FINE, "unreadable event: " + text, e);
                return;
            }
            try {
                listener.onEvent(event);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "event listener failed", e);
            }
        }

        @Override
        public void onClosing(WebSocket webSocket, int code, String reason) {
            webSocket.close(1000, null);
        }

        @Override
        public void onClosed(WebSocket webSocket, int code, String reason) {
            lost("closed by Incus" + (reason == null || reason.isEmpty() ? "" : ": " + reason));
        }

        @Override
        public void onFailure(WebSocket webSocket, Throwable t, Response response) {
            String reason = t instanceof java.io.IOException io
                    ? rest.transportError(rest.request("GET", "/1.0/events", Query.of(), null, null, null), io).error()
                    : String.valueOf(t.getMessage());
            lost(reason);
        }
    }

    private void lost(String reason) {
        boolean was = connected;
        connected = false;
        if (closed) {
            return;
        }
        if (was || nextRetry.equals(FIRST_RETRY)) {
            notifyConnection(false, reason);
        }
        Duration delay = nextRetry;
        Duration doubled = nextRetry.multipliedBy(2);
        nextRetry = doubled.compareTo(MAX_RETRY) > 0 ? MAX_RETRY : doubled;
        try {
            scheduler.schedule(this::open, delay.toMillis(), TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            // The client is closing.
        }
    }

    private void notifyConnection(boolean up, String reason) {
        try {
            listener.onConnectionChange(up, reason);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "event listener failed", e);
        }
    }

    @Override
    public boolean isConnected() {
        return connected;
    }

    @Override
    public void close() {
        closed = true;
        WebSocket s = socket;
        if (s != null) {
            s.close(1000, "unsubscribed");
        }
    }
}
