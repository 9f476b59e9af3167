package io.anklume.incus;

import io.anklume.incus.model.NetworkAcl;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

final class RestNetworkAcls implements NetworkAclsApi {
    private final Rest rest;

    RestNetworkAcls(Rest rest) {
        this.rest = rest;
    }

    @Override
    public List<NetworkAcl> list(String project) {
        return Arrays.asList(rest.get("/1.0/network-acls", Query.project(project).with("recursion", 1), NetworkAcl[].class));
    }

    @Override
    public Optional<NetworkAcl> find(String project, String name) {
        return rest.find("/1.0/network-acls/" + name, Query.project(project), NetworkAcl.class);
    }

    @Override
    public void create(String project, NetworkAcl acl) {
        Map<String, Object> body = Rest.map("name", acl.name(), "description", acl.description(),
                "ingress", acl.ingress() == null ? List.of() : acl.ingress(),
                "egress", acl.egress() == null ? List.of() : acl.egress(), "config", acl.config());
        rest.call("POST", "/1.0/network-acls", Query.project(project), body);
    }

    @Override
    public void update(String project, NetworkAcl acl) {
        Map<String, Object> body = Rest.map("description", acl.description() == null ? "" : acl.description(),
                "ingress", acl.ingress() == null ? List.of() : acl.ingress(),
                "egress", acl.egress() == null ? List.of() : acl.egress(),
                "config", acl.config() == null ? Map.of() : acl.config());
        rest.call("PUT", "/1.0/network-acls/" + acl.name(), Query.project(project), body);
    }

    @Override
    public void delete(String project, String name) {
        rest.call("DELETE", "/1.0/network-acls/" + name, Query.project(project), null);
    }
}
