package io.anklume.incus.events;

/** A running event stream that reconnects by itself until closed. */
public interface EventSubscription extends AutoCloseable {
    boolean isConnected();

    @Override
    void close();
}
