package io.anklume.incus.model;

import java.util.List;
import java.util.Map;

public record NetworkAcl(String name, String description, List<AclRule> ingress, List<AclRule> egress,
                         Map<String, String> config, List<String> usedBy) {}
