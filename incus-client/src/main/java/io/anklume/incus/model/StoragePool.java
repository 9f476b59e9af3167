package io.anklume.incus.model;

import java.util.List;
import java.util.Map;

public record StoragePool(String name, String driver, String description, String status,
                          Map<String, String> config, List<String> usedBy) {}
