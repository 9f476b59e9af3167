package io.anklume.incus;

import io.anklume.incus.model.Snapshot;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

final class RestSnapshots implements SnapshotsApi {
    private final Rest rest;

    RestSnapshots(Rest rest) {
        this.rest = rest;
    }

    private static String path(String instance) {
        return "/1.0/instances/" + instance + "/snapshots";
    }

    @Override
    public List<Snapshot> list(String project, String instance) {
        return Arrays.asList(rest.get(path(instance), Query.project(project).with("recursion", 1), Snapshot[].class));
    }

    @Override
    public Snapshot get(String project, String instance, String snapshot) {
        return rest.get(path(instance) + "/" + snapshot, Query.project(project), Snapshot.class);
    }

    @Override
    public OperationHandle create(String project, String instance, String snapshot, boolean stateful,
                                  Instant expiresAt) {
        return rest.async("POST", path(instance), Query.project(project),
                Rest.map("name", snapshot, "stateful", stateful,
                        "expires_at", expiresAt == null ? null : expiresAt.toString()));
    }

    @Override
    public OperationHandle restore(String project, String instance, String snapshot) {
        return rest.async("PUT", "/1.0/instances/" + instance, Query.project(project), Map.of("restore", snapshot));
    }

    @Override
    public OperationHandle rename(String project, String instance, String snapshot, String newName) {
        return rest.async("POST", path(instance) + "/" + snapshot, Query.project(project), Map.of("name", newName));
    }

    @Override
    public OperationHandle delete(String project, String instance, String snapshot) {
        return rest.async("DELETE", path(instance) + "/" + snapshot, Query.project(project), null);
    }
}
