package io.anklume.incus;

import io.anklume.incus.events.EventListener;
import io.anklume.incus.events.EventSubscription;
import java.util.Set;
import java.util.concurrent.ScheduledExecutorService;

final class RestEvents implements EventsApi {
    private final Rest rest;
    private final ScheduledExecutorService scheduler;

    RestEvents(Rest rest, ScheduledExecutorService scheduler) {
        this.rest = rest;
        this.scheduler = scheduler;
    }

    @Override
    public EventSubscription subscribe(Set<String> types, EventListener listener) {
        ReconnectingEventStream stream = new ReconnectingEventStream(rest, scheduler, types, listener);
        stream.start();
        return stream;
    }
}
