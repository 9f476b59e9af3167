package io.anklume.incus;

import io.anklume.incus.model.Profile;
import java.util.List;
import java.util.Optional;

public interface ProfilesApi {
    List<Profile> list(String project);

    Optional<Profile> find(String project, String name);

    void create(String project, Profile profile);

    /** Replaces description, config and devices. */
    void update(String project, Profile profile);

    void delete(String project, String name);
}
