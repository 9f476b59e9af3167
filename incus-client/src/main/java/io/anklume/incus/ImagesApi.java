package io.anklume.incus;

import io.anklume.incus.model.Image;
import io.anklume.incus.model.ImageAlias;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

public interface ImagesApi {
    List<Image> list(String project);

    Optional<Image> find(String project, String fingerprint);

    Optional<ImageAlias> findAlias(String project, String alias);

    /** Imports a unified tarball (metadata.yaml + rootfs) and gives it an alias. */
    OperationHandle importTarball(String project, Path tarball, String alias, Map<String, String> properties);

    /** Publishes a stopped instance as an image; the final operation metadata holds the fingerprint. */
    OperationHandle publish(String project, String instance, String alias, Map<String, String> properties);

    OperationHandle delete(String project, String fingerprint);

    void createAlias(String project, String alias, String fingerprint, String description);

    void deleteAlias(String project, String alias);
}
