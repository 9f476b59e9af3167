package io.anklume.incus.model;

import java.util.List;
import java.util.Map;

public record Project(String name, String description, Map<String, String> config, List<String> usedBy) {}
