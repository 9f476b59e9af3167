package io.anklume.incus;

import io.anklume.incus.model.Backup;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

public interface BackupsApi {
    List<Backup> list(String project, String instance);

    OperationHandle create(String project, String instance, String backup, Instant expiresAt);

    /** Streams the backup tarball to {@code target}. */
    void export(String project, String instance, String backup, Path target);

    OperationHandle delete(String project, String instance, String backup);

    /** Creates an instance from a backup tarball. */
    OperationHandle importBackup(String project, Path tarball, String instanceName, String pool);
}
