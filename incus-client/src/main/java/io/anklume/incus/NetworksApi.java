package io.anklume.incus;

import io.anklume.incus.model.Network;
import io.anklume.incus.model.NetworkLease;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Networks. Bridges created without a project that has features.networks live in "default". */
public interface NetworksApi {
    List<Network> list(String project);

    Optional<Network> find(String project, String name);

    void create(String project, String name, String type, String description, Map<String, String> config);

    /** Merges config keys (PATCH). */
    void patch(String project, String name, Map<String, String> config);

    /** Replaces config and description (PUT). */
    void update(String project, String name, String description, Map<String, String> config);

    void delete(String project, String name);

    List<NetworkLease> leases(String project, String name);
}
