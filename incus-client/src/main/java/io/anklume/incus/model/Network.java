package io.anklume.incus.model;

import java.util.List;
import java.util.Map;

public record Network(String name, String type, String description, boolean managed, String status,
                      Map<String, String> config, List<String> usedBy, String project) {}
