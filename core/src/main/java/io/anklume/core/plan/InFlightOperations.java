package io.anklume.core.plan;

import io.anklume.incus.IncusClient;
import io.anklume.incus.IncusException;
import io.anklume.incus.model.Operation;
import java.time.Duration;
import java.util.Collection;
import java.util.List;

/**
 * Waits for Incus operations still running on instances of the given projects. An apply that was
 * killed leaves its operations running in the daemon (a create with start, for example); planning
 * before they end would see a half-made instance and plan a second start.
 */
final class InFlightOperations {
    private final IncusClient incus;
    private final Duration timeout;

    InFlightOperations(IncusClient incus, Duration timeout) {
        this.incus = incus;
        this.timeout = timeout;
    }

    void awaitAll(Collection<String> projects) {
        for (Operation op : incus.operations().listAll()) {
            if (!op.isFinal() && touches(op, projects)) {
                try {
                    incus.operations().handle(op.id()).await(timeout);
                } catch (IncusException e) {
                    // Its failure (or its disappearance) is visible in the state the planner reads next.
                }
            }
        }
    }

    static boolean touches(Operation op, Collection<String> projects) {
        List<String> instances = op.resources() == null ? null : op.resources().get("instances");
        if (instances == null) {
            return false;
        }
        return instances.stream().anyMatch(url -> projects.stream().anyMatch(p -> url.endsWith("?project=" + p)));
    }
}
