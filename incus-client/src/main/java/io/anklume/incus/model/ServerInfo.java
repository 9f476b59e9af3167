package io.anklume.incus.model;

import java.util.List;

/** {@code GET /1.0}: what the daemon is and which API extensions it has. */
public record ServerInfo(List<String> apiExtensions, String auth, String serverVersion, boolean serverClustered) {
    public boolean hasExtension(String name) {
        return apiExtensions != null && apiExtensions.contains(name);
    }
}
