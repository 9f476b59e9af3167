package io.anklume.incus;

import io.anklume.incus.model.Backup;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import okhttp3.Headers;
import okhttp3.RequestBody;

final class RestBackups implements BackupsApi {
    private final Rest rest;

    RestBackups(Rest rest) {
        this.rest = rest;
    }

    private static String path(String instance) {
        return "/1.0/instances/" + instance + "/backups";
    }

    @Override
    public List<Backup> list(String project, String instance) {
        return Arrays.asList(rest.get(path(instance), Query.project(project).with("recursion", 1), Backup[].class));
    }

    @Override
    public OperationHandle create(String project, String instance, String backup, Instant expiresAt) {
        return rest.async("POST", path(instance), Query.project(project), Rest.map(
                "name", backup,
                "expires_at", expiresAt == null ? null : expiresAt.toString(),
                "instance_only", true,
                "optimized_storage", false,
                "compression_algorithm", "gzip"));
    }

    @Override
    public void export(String project, String instance, String backup, Path target) {
        String p = path(instance) + "/" + backup + "/export";
        try (var in = rest.stream("GET", p, Query.project(project))) {
            Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new IncusException(0, "cannot write the backup to " + target + ": " + e.getMessage(), "GET " + p);
        }
    }

    @Override
    public OperationHandle delete(String project, String instance, String backup) {
        return rest.async("DELETE", path(instance) + "/" + backup, Query.project(project), null);
    }

    @Override
    public OperationHandle importBackup(String project, Path tarball, String instanceName, String pool) {
        if (!Files.isRegularFile(tarball)) {
            throw new IncusException(0, "no backup tarball at " + tarball, "POST /1.0/instances");
        }
        Headers.Builder headers = new Headers.Builder();
        if (instanceName != null) {
            headers.add("X-Incus-name", instanceName);
        }
        if (pool != null) {
            headers.add("X-Incus-pool", pool);
        }
        return rest.asyncRaw("/1.0/instances", Query.project(project),
                RequestBody.create(tarball.toFile(), Rest.OCTETS), headers.build());
    }
}
