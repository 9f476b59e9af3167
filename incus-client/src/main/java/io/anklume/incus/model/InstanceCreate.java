package io.anklume.incus.model;

import java.util.List;
import java.util.Map;

/** Body of {@code POST /1.0/instances}. {@code type} is "container" or "virtual-machine". */
public record InstanceCreate(
        String name,
        String type,
        InstanceSource source,
        List<String> profiles,
        boolean ephemeral,
        Map<String, String> config,
        Map<String, Map<String, String>> devices,
        String description,
        boolean start) {}
