package io.anklume.incus.model;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * An instance as listed with {@code recursion=1}; {@code state} and {@code snapshots} are filled only
 * by {@code recursion=2} lists or a single GET, and are null otherwise.
 */
public record Instance(
        String name,
        String project,
        String type,
        String status,
        int statusCode,
        String location,
        String description,
        Map<String, String> config,
        Map<String, Map<String, String>> devices,
        List<String> profiles,
        boolean ephemeral,
        boolean stateful,
        Instant createdAt,
        Instant lastUsedAt,
        Map<String, String> expandedConfig,
        Map<String, Map<String, String>> expandedDevices,
        InstanceState state,
        List<Snapshot> snapshots) {

    public boolean isRunning() {
        return "Running".equalsIgnoreCase(status);
    }
}
