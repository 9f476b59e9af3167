package io.anklume.core.inventory;

import io.anklume.core.infra.TrustLevel;
import java.time.Instant;
import java.util.List;

/**
 * What the screen shows of one instance. {@code domain} and {@code trust} come from the
 * {@code user.anklume.*} markers (or the project name and null for untracked ones). Live figures
 * ({@code cpuSeconds}, {@code memoryBytes}) and {@code snapshotCount} are null until fetched.
 * {@code disposable}: a throw-away instance anklume-tui launched (not in infra.yml, yet not untracked:
 * there is nothing to adopt).
 */
public record InstanceView(InstanceRef ref, String domain, TrustLevel trust, String type, String status,
                           String ipv4, Double cpuSeconds, Long memoryBytes, Integer snapshotCount,
                           boolean managed, boolean disposable, boolean gpu, boolean protectedFromDelete, boolean ephemeral,
                           List<String> profiles, Instant createdAt) {

    public String name() {
        return ref.name();
    }

    /** Neither declared in infra.yml nor launched by anklume-tui: a candidate for adoption. */
    public boolean untracked() {
        return !managed && !disposable;
    }

    public boolean isRunning() {
        return "Running".equalsIgnoreCase(status);
    }
}
