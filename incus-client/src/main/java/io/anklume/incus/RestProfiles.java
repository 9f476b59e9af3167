package io.anklume.incus;

import io.anklume.incus.model.Profile;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

final class RestProfiles implements ProfilesApi {
    private final Rest rest;

    RestProfiles(Rest rest) {
        this.rest = rest;
    }

    @Override
    public List<Profile> list(String project) {
        return Arrays.asList(rest.get("/1.0/profiles", Query.project(project).with("recursion", 1), Profile[].class));
    }

    @Override
    public Optional<Profile> find(String project, String name) {
        return rest.find("/1.0/profiles/" + name, Query.project(project), Profile.class);
    }

    @Override
    public void create(String project, Profile p) {
        rest.call("POST", "/1.0/profiles", Query.project(project), Rest.map("name", p.name(),
                "description", p.description(), "config", p.config(), "devices", p.devices()));
    }

    @Override
    public void update(String project, Profile p) {
        rest.call("PUT", "/1.0/profiles/" + p.name(), Query.project(project), Rest.map(
                "description", p.description() == null ? "" : p.description(),
                "config", p.config() == null ? Map.of() : p.config(),
                "devices", p.devices() == null ? Map.of() : p.devices()));
    }

    @Override
    public void delete(String project, String name) {
        rest.call("DELETE", "/1.0/profiles/" + name, Query.project(project), null);
    }
}
