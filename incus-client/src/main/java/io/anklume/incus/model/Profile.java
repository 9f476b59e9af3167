package io.anklume.incus.model;

import java.util.List;
import java.util.Map;

public record Profile(String name, String description, Map<String, String> config,
                      Map<String, Map<String, String>> devices, List<String> usedBy, String project) {}
