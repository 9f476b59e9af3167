package io.anklume.incus.events;

/** Receives events and connection changes; called on the stream's own thread, so return quickly. */
public interface EventListener {
    void onEvent(Event event);

    /** The stream connected (true) or lost its connection and is retrying with backoff (false). */
    default void onConnectionChange(boolean connected, String reason) {}
}
