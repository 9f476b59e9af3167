package io.anklume.core.plan;

/** Progress of an apply, called from worker threads (implementations must be thread-safe). */
public interface ApplyListener {
    ApplyListener NONE = new ApplyListener() {};

    default void started(Action action) {}

    default void succeeded(Action action) {}

    default void failed(Action action, String message) {}
}
