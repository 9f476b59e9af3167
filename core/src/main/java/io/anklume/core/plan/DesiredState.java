package io.anklume.core.plan;

import java.util.List;
import java.util.Map;

/** What Incus should look like for an infra.yml, in file order. Only the keys anklume owns appear. */
public record DesiredState(List<DomainState> domains) {

    public record DomainState(String name, ProjectState project, NetworkState network, List<ProfileState> profiles,
                              List<InstanceState> instances) {}

    public record ProjectState(String name, String description, Map<String, String> config) {}

    public record NetworkState(String name, String description, Map<String, String> config) {}

    /** Only the listed config keys and devices are owned; others present on the profile are left alone. */
    public record ProfileState(String project, String name, Map<String, String> config,
                               Map<String, Map<String, String>> devices) {}

    public record InstanceState(String project, String name, String type, String image, String description,
                                Map<String, String> config, Map<String, Map<String, String>> devices,
                                List<String> profiles) {}
}
