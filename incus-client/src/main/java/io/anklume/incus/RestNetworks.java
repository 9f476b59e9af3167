package io.anklume.incus;

import io.anklume.incus.model.Network;
import io.anklume.incus.model.NetworkLease;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

final class RestNetworks implements NetworksApi {
    /**
     * Incus 6.0 starts a new bridge by removing the interfaces attached to it, and fails the create
     * when one of them vanishes meanwhile (the veths of containers being deleted elsewhere): "Failed to
     * delete bridge children interfaces: ... does not exist". It reverts the half-made network, so the
     * same create is simply tried again.
     */
    static final String BRIDGE_START_RACE = "Failed to delete bridge children interfaces";
    static final int CREATE_TRIES = 5;

    private final Rest rest;
    private final Duration backoff;

    RestNetworks(Rest rest) {
        this(rest, Duration.ofMillis(200));
    }

    RestNetworks(Rest rest, Duration backoff) {
        this.rest = rest;
        this.backoff = backoff;
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
        for (int attempt = 1; ; attempt++) {
            try {
                rest.call("POST", "/1.0/networks", Query.project(project),
                        Rest.map("name", name, "type", type, "description", description, "config", config));
                return;
            } catch (IncusException e) {
                if (attempt >= CREATE_TRIES || e.status() != 500 || !String.valueOf(e.error()).contains(BRIDGE_START_RACE)) {
                    throw e;
                }
                pause(backoff.multipliedBy(attempt));
            }
        }
    }

    private static void pause(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IncusException(0, "interrupted while creating a network", "POST /1.0/networks");
        }
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
        // Streamed: the inventory's first load waits for it (StartupReaders).
        List<NetworkLease> leases = rest.getStreamed("/1.0/networks/" + name + "/leases", Query.project(project),
                StartupReaders::leases);
        return leases == null ? List.of() : leases;
    }
}
