package io.anklume.core.net;

import java.util.Map;

/** Addresses for every enabled domain (by name) and every machine (by name), deterministic. */
public record AddressPlan(Map<String, DomainAddressing> domains, Map<String, String> machineIps) {}
