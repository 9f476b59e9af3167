package io.anklume.incus;

import io.anklume.incus.model.Project;
import java.util.List;
import java.util.Map;
import java.util.Optional;

public interface ProjectsApi {
    List<Project> list();

    Optional<Project> find(String name);

    void create(String name, String description, Map<String, String> config);

    /** Replaces config and description. */
    void update(String name, String description, Map<String, String> config);

    void delete(String name);
}
