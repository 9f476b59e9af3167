package io.anklume.incus;

import io.anklume.incus.events.EventListener;
import io.anklume.incus.events.EventSubscription;
import java.util.Set;

public interface EventsApi {
    /**
     * Opens {@code /1.0/events} for the given types ("lifecycle", "operation", "logging") across all
     * projects, reconnecting with backoff when the daemon goes away.
     */
    EventSubscription subscribe(Set<String> types, EventListener listener);
}
