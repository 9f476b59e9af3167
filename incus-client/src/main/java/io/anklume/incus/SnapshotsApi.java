package io.anklume.incus;

import io.anklume.incus.model.Snapshot;
import java.time.Instant;
import java.util.List;

public interface SnapshotsApi {
    List<Snapshot> list(String project, String instance);

    Snapshot get(String project, String instance, String snapshot);

    /** {@code expiresAt} null: never expires. */
    OperationHandle create(String project, String instance, String snapshot, boolean stateful, Instant expiresAt);

    OperationHandle restore(String project, String instance, String snapshot);

    OperationHandle rename(String project, String instance, String snapshot, String newName);

    OperationHandle delete(String project, String instance, String snapshot);
}
