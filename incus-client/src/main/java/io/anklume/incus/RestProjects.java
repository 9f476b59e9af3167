package io.anklume.incus;

import io.anklume.incus.model.Project;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

final class RestProjects implements ProjectsApi {
    private final Rest rest;

    RestProjects(Rest rest) {
        this.rest = rest;
    }

    @Override
    public List<Project> list() {
        return Arrays.asList(rest.get("/1.0/projects", Query.of().with("recursion", 1), Project[].class));
    }

    @Override
    public Optional<Project> find(String name) {
        return rest.find("/1.0/projects/" + name, Query.of(), Project.class);
    }

    @Override
    public void create(String name, String description, Map<String, String> config) {
        rest.call("POST", "/1.0/projects", Query.of(),
                Rest.map("name", name, "description", description, "config", config));
    }

    @Override
    public void update(String name, String description, Map<String, String> config) {
        rest.call("PUT", "/1.0/projects/" + name, Query.of(),
                Rest.map("description", description == null ? "" : description, "config", config));
    }

    @Override
    public void delete(String name) {
        rest.call("DELETE", "/1.0/projects/" + name, Query.of(), null);
    }
}
