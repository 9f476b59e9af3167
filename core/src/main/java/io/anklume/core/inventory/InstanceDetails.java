package io.anklume.core.inventory;

import java.util.List;
import java.util.Map;

/**
 * What the detail view shows beyond the inventory row: addresses per interface, the instance's own
 * config (without Incus's volatile keys) and its expanded devices.
 */
public record InstanceDetails(Map<String, List<String>> addresses, Map<String, String> config,
                              Map<String, Map<String, String>> devices, List<String> profiles) {}
