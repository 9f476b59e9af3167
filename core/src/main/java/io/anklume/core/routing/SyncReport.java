package io.anklume.core.routing;

import java.util.List;

/** What one reconciliation changed in Caddy, by route {@code @id}. */
public record SyncReport(List<String> added, List<String> updated, List<String> removed, List<String> unchanged) {
    public boolean changed() {
        return !added.isEmpty() || !updated.isEmpty() || !removed.isEmpty();
    }

    @Override
    public String toString() {
        return "added " + added + ", updated " + updated + ", removed " + removed + ", unchanged " + unchanged.size();
    }
}
