package io.anklume.incus;

import io.anklume.incus.model.Network;
import io.anklume.incus.model.NetworkLease;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

final class RestNetworks implements NetworksApi {
    private final Rest rest;

    RestNetworks(Rest rest) {
        this.rest = rest;
    }

    @Override
    public List<Network> list(String project) {
        return Arrays.asList(rest.get("/1.0/networks", Query.project(project).with("recursion", 1), Network[].class));
    }

    @Override
    public Optional<Network> find(String project, String name) {
        return rest.find("/1.0/networks/" + name, Query.project(project), Network.class);
    }

    @Override
    public void create(String project, String name, String type, String description, Map<String, String> config) {
        rest.call("POST", "/1.0/networks", Query.project(project),
                Rest.map("name", name, "type", type, "description", description, "config", config));
    }

    @Override
    public void patch(String project, String name, Map<String, String> config) {
        rest.call("PATCH", "/1.0/networks/" + name, Query.project(project), Map.of("config", config));
    }

    @Override
    public void update(String project, String name, String description, Map<String, String> config) {
        rest.call("PUT", "/1.0/networks/" + name, Query.project(project),
                Rest.map("description", description == null ? "" : description, "config", config));
    }

    @Override
    public void delete(String project, String name) {
        rest.call("DELETE", "/1.0/networks/" + name, Query.project(project), null);
    }

    @Override
    public List<NetworkLease> leases(String project, String name) {
        return Arrays.asList(rest.get("/1.0/networks/" + name + "/leases", Query.project(project), NetworkLease[].class));
    }
}
