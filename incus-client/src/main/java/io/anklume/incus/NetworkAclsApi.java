package io.anklume.incus;

import io.anklume.incus.model.NetworkAcl;
import java.util.List;
import java.util.Optional;

public interface NetworkAclsApi {
    List<NetworkAcl> list(String project);

    Optional<NetworkAcl> find(String project, String name);

    void create(String project, NetworkAcl acl);

    /** Replaces description, rules and config. */
    void update(String project, NetworkAcl acl);

    void delete(String project, String name);
}
